/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The work one task does; the same C function runs in every mode. */
typedef enum
{
  CLAB_WORKLOAD_SLEEP,
  CLAB_WORKLOAD_CPU,
  CLAB_WORKLOAD_LOCK,
  CLAB_WORKLOAD_IO,
  CLAB_WORKLOAD_MEMORY,
  CLAB_WORKLOAD_COMMAND,
  CLAB_N_WORKLOADS
} ClabWorkloadKind;

/* How the tasks of one run are executed. */
typedef enum
{
  CLAB_MODE_SEQUENTIAL,
  CLAB_MODE_THREADS,
  CLAB_MODE_THREAD_POOL,
  CLAB_MODE_PROCESSES,
  CLAB_MODE_PROCESS_POOL,
  CLAB_N_MODES
} ClabMode;

typedef enum
{
  CLAB_TASK_OK,
  CLAB_TASK_FAILED,
  CLAB_TASK_CANCELLED,
  CLAB_TASK_PENDING,   /* never started: only seen in a cancelled run */
  CLAB_TASK_TIMED_OUT, /* ended at the plan's time limit: counts as a failure */
} ClabTaskStatus;

/* Errors of the engine; each module reports in this one domain. */
typedef enum
{
  CLAB_ERROR_INVALID_PLAN,     /* a value out of range, an unknown name */
  CLAB_ERROR_INVALID_RESULT,   /* a result or plan file that does not parse or validate */
  CLAB_ERROR_WORKER,           /* the worker helper failed or could not be started */
  CLAB_ERROR_WORKLOAD,         /* a task's own work failed (e.g. the command exited non-zero) */
  CLAB_ERROR_NOT_FOUND,        /* a preset or file that does not exist */
} ClabError;

#define CLAB_ERROR (clab_error_quark ())
GQuark clab_error_quark (void);

typedef struct _ClabPlan       ClabPlan;
typedef struct _ClabResult     ClabResult;
typedef struct _ClabModeResult ClabModeResult;
typedef struct _ClabRun        ClabRun;
typedef struct _ClabTask       ClabTask;
typedef struct _ClabSample     ClabSample;
typedef struct _ClabStats      ClabStats;
typedef struct _ClabSweepPoint ClabSweepPoint;
typedef struct _ClabRunner     ClabRunner;
typedef struct _ClabSystemInfo ClabSystemInfo;

/* Finds @str in a table of @n_names names and stores its position in @index. */
gboolean    clab_lookup_name               (const char * const *names,
                                            guint               n_names,
                                            const char         *str,
                                            gboolean            ignore_case,
                                            guint              *index);
const char *clab_workload_kind_to_string   (ClabWorkloadKind  kind);
gboolean    clab_workload_kind_from_string (const char       *str,
                                            ClabWorkloadKind *kind);
const char *clab_mode_to_string            (ClabMode          mode);
gboolean    clab_mode_from_string          (const char       *str,
                                            ClabMode         *mode);
const char *clab_mode_label                (ClabMode          mode);
gboolean    clab_mode_uses_processes       (ClabMode          mode);
/* Whether @mode has a number of workers: only the pools; sequential runs on one thread,
 * threads and processes start one per task. */
gboolean    clab_mode_is_pool              (ClabMode          mode);
const char *clab_task_status_to_string     (ClabTaskStatus    status);
/* Whether @status counts as a failure (failed or timed out) in statistics and reports. */
gboolean    clab_task_status_is_failure    (ClabTaskStatus    status);
gboolean    clab_task_status_from_string   (const char       *str,
                                            ClabTaskStatus   *status);

G_END_DECLS
