/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "clab-plan.h"

/* What this machine lets a run hold, read from /proc and the resource limits; the plan's
 * checks against them are in clab-plan-validate.c. */

static guint64
read_proc_number (const char *path)
{
  g_autofree char *text = NULL;
  guint64 value;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return G_MAXUINT64;
  value = g_ascii_strtoull (text, NULL, 10);
  return value > 0 ? value : G_MAXUINT64;
}

static guint64
read_rlimit (int      resource,
             gboolean hard)
{
  struct rlimit limit;
  rlim_t value;

  if (getrlimit (resource, &limit) != 0)
    return G_MAXUINT64;
  value = hard ? limit.rlim_max : limit.rlim_cur;
  return value == RLIM_INFINITY ? G_MAXUINT64 : value;
}

static guint64
count_open_files (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint64 n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  /* The listing includes the descriptor it is read through. */
  return n > 0 ? n - 1 : 0;
}

static guint64
read_memory_available (void)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/meminfo", &text, NULL, NULL) ||
      (line = strstr (text, "MemAvailable:")) == NULL)
    return G_MAXUINT64;
  return g_ascii_strtoull (line + strlen ("MemAvailable:"), NULL, 10) * 1024;
}

void
clab_machine_limits_init_local (ClabMachineLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->processes_per_user = read_rlimit (RLIMIT_NPROC, FALSE);
  limits->threads_max = read_proc_number ("/proc/sys/kernel/threads-max");
  limits->pid_max = read_proc_number ("/proc/sys/kernel/pid_max");
  limits->open_files_max = read_rlimit (RLIMIT_NOFILE, TRUE);
  limits->open_files_in_use = count_open_files ();
  limits->memory_available = read_memory_available ();
}
