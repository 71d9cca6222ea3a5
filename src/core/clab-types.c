/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-types.h"

G_DEFINE_QUARK (clab-error-quark, clab_error)

static const char *workload_names[CLAB_N_WORKLOADS] = {
  "sleep", "cpu", "lock", "io", "memory", "command",
};

static const char *mode_names[CLAB_N_MODES] = {
  "sequential", "threads", "thread-pool", "processes", "process-pool",
};

static const char *status_names[] = {
  "ok", "failed", "cancelled", "pending", "timed-out",
};

gboolean
clab_lookup_name (const char * const *names,
                  guint               n_names,
                  const char         *str,
                  gboolean            ignore_case,
                  guint              *index)
{
  for (guint i = 0; str != NULL && i < n_names; i++)
    {
      if (ignore_case ? g_ascii_strcasecmp (names[i], str) == 0 : g_str_equal (names[i], str))
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
clab_workload_kind_to_string (ClabWorkloadKind kind)
{
  g_return_val_if_fail (kind < CLAB_N_WORKLOADS, NULL);
  return workload_names[kind];
}

gboolean
clab_workload_kind_from_string (const char       *str,
                                ClabWorkloadKind *kind)
{
  guint v;

  if (!clab_lookup_name (workload_names, CLAB_N_WORKLOADS, str, FALSE, &v))
    return FALSE;
  *kind = v;
  return TRUE;
}

const char *
clab_mode_to_string (ClabMode mode)
{
  g_return_val_if_fail (mode < CLAB_N_MODES, NULL);
  return mode_names[mode];
}

gboolean
clab_mode_from_string (const char *str,
                       ClabMode   *mode)
{
  guint v;

  if (!clab_lookup_name (mode_names, CLAB_N_MODES, str, FALSE, &v))
    return FALSE;
  *mode = v;
  return TRUE;
}

const char *
clab_mode_label (ClabMode mode)
{
  switch (mode)
    {
    case CLAB_MODE_SEQUENTIAL:   return _("Sequential");
    case CLAB_MODE_THREADS:      return _("Threads");
    case CLAB_MODE_THREAD_POOL:  return _("Thread pool");
    case CLAB_MODE_PROCESSES:    return _("Processes");
    case CLAB_MODE_PROCESS_POOL: return _("Process pool");
    case CLAB_N_MODES:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
clab_mode_uses_processes (ClabMode mode)
{
  return mode == CLAB_MODE_PROCESSES || mode == CLAB_MODE_PROCESS_POOL;
}

gboolean
clab_mode_is_pool (ClabMode mode)
{
  return mode == CLAB_MODE_THREAD_POOL || mode == CLAB_MODE_PROCESS_POOL;
}

const char *
clab_task_status_to_string (ClabTaskStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
clab_task_status_is_failure (ClabTaskStatus status)
{
  return status == CLAB_TASK_FAILED || status == CLAB_TASK_TIMED_OUT;
}

gboolean
clab_task_status_from_string (const char     *str,
                              ClabTaskStatus *status)
{
  guint v;

  if (!clab_lookup_name (status_names, G_N_ELEMENTS (status_names), str, FALSE, &v))
    return FALSE;
  *status = v;
  return TRUE;
}
