/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/utsname.h>

#include "clab-result.h"

void
clab_system_info_clear (ClabSystemInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->kernel, g_free);
  g_clear_pointer (&info->cpu_model, g_free);
  g_clear_pointer (&info->hostname, g_free);
  info->cpus = 0;
}

static char *
dup_kernel (void)
{
  struct utsname name;

  if (uname (&name) != 0)
    return g_strdup ("unknown");

  return g_strdup_printf ("%s %s", name.sysname, name.release);
}

/* The value of the first "model name" line, e.g. "AMD Ryzen 7 5800X 8-Core Processor". */
static char *
parse_cpu_model (const char *cpuinfo)
{
  g_auto(GStrv) lines = g_strsplit (cpuinfo, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon;

      if (!g_str_has_prefix (lines[i], "model name"))
        continue;
      colon = strchr (lines[i], ':');
      if (colon == NULL)
        continue;

      return g_strstrip (g_strdup (colon + 1));
    }

  return NULL;
}

static char *
dup_cpu_model (void)
{
  g_autofree char *cpuinfo = NULL;
  char *model = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    model = parse_cpu_model (cpuinfo);

  if (model == NULL || *model == '\0')
    {
      g_free (model);
      return g_strdup ("unknown");
    }

  return model;
}

void
clab_system_info_init_local (ClabSystemInfo *info)
{
  g_return_if_fail (info != NULL);

  info->cpus = g_get_num_processors ();
  info->kernel = dup_kernel ();
  info->cpu_model = dup_cpu_model ();
  info->hostname = g_strdup (g_get_host_name ());
}
