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
  clab_python_info_clear (&info->python);
  info->cpus = 0;
}

void
clab_python_info_clear (ClabPythonInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->version, g_free);
  g_clear_pointer (&info->implementation, g_free);
  g_clear_pointer (&info->executable, g_free);
  g_clear_pointer (&info->start_method, g_free);
  info->gil_enabled = FALSE;
}

void
clab_python_info_copy (const ClabPythonInfo *from,
                       ClabPythonInfo       *to)
{
  g_return_if_fail (from != NULL && to != NULL);

  clab_python_info_clear (to);
  to->version = g_strdup (from->version);
  to->implementation = g_strdup (from->implementation);
  to->executable = g_strdup (from->executable);
  to->start_method = g_strdup (from->start_method);
  to->gil_enabled = from->gil_enabled;
}

void
clab_system_info_copy (const ClabSystemInfo *from,
                       ClabSystemInfo       *to)
{
  g_return_if_fail (from != NULL && to != NULL);

  clab_system_info_clear (to);
  to->cpus = from->cpus;
  to->kernel = g_strdup (from->kernel);
  to->cpu_model = g_strdup (from->cpu_model);
  to->hostname = g_strdup (from->hostname);
  clab_python_info_copy (&from->python, &to->python);
}

char *
clab_python_info_dup_label (const ClabPythonInfo *info,
                            gboolean              brief)
{
  const char *implementation;

  g_return_val_if_fail (info != NULL, NULL);

  if (info->version == NULL)
    return NULL;
  implementation = info->implementation != NULL ? info->implementation : "Python";
  if (brief)
    return g_strdup_printf (info->gil_enabled ? _("%s %s (GIL), %s") : _("%s %s (free-threaded), %s"),
                            implementation, info->version,
                            info->start_method != NULL ? info->start_method : "?");
  return g_strdup_printf (info->gil_enabled ? _("%s %s, GIL enabled, start method %s (%s)")
                                            : _("%s %s, free-threaded (no GIL), start method %s (%s)"),
                          implementation, info->version,
                          info->start_method != NULL ? info->start_method : "?",
                          info->executable != NULL ? info->executable : "?");
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
