/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-result.h"
#include "clab-sampler.h"
#include "clab-worker-protocol.h"
#include "clab-workload.h"

G_BEGIN_DECLS

/* Everything one run of one mode needs; the executors share it between their workers. */
typedef struct
{
  const ClabWorkloadSpec *spec;
  guint                   n_tasks;
  guint                   workers;
  gint64                  t0_ns;          /* the run's start on CLOCK_MONOTONIC */
  GCancellable           *cancellable;
  double                  time_limit_s;   /* of each task; 0: none */
  GStrv                   worker_argv;    /* how the process modes start a worker */
  ClabRun                *run;            /* tasks pre-filled, all pending */
  ClabSampler            *sampler;        /* told about worker processes, may be NULL */
  void                  (*task_done)     (guint    n,     /* tasks that have an outcome */
                                           gpointer user_data);
  gpointer                user_data;
  struct _ClabPythonRuntime *python;      /* a run on the Python runtime, prepared; else NULL */
  gint64                  end_ns;         /* when the mode ended, if an executor knows
                                           * better than its own return (an interpreter's
                                           * exit is not the mode's): 0 */

  /* Shared between workers. Each claim of a task writes next_task: alone on its cache
   * line, it does not evict the fields above, which every task reads, from the other
   * cores' caches (tests/bench B1). */
  _Alignas (64) guint     next_task;      /* atomic: the FIFO queue of the pools */
  _Alignas (64) gint      last_task_short; /* atomic: the task that ended last was too short
                                            * to be measured inside (clab-sched.h) */
  GMutex                  mutex;          /* guards the field below */
  ClabWorkerReport        process_totals; /* summed over finished worker processes */
} ClabExecContext;

/* Prepares @ctx for a run, and lifts the soft open-file limit to the hard one. */
void     clab_exec_context_init          (ClabExecContext        *ctx);
void     clab_exec_context_clear         (ClabExecContext        *ctx);
double   clab_exec_context_seconds       (ClabExecContext        *ctx,
                                          gint64                  ns);
/* Takes the next task index in FIFO order, or returns FALSE when none is left. */
gboolean clab_exec_context_next_task     (ClabExecContext        *ctx,
                                          guint                  *index);
/* Runs task @index on the calling thread and records it under @lane. */
void     clab_exec_context_run_in_thread (ClabExecContext        *ctx,
                                          guint                   index,
                                          gint64                  lane,
                                          gint64                  submit_ns);
/* Runs tasks from the FIFO on the calling thread under @lane until none is left. They
 * were handed out at @submit_ns, or each as it is taken when @submit_ns is negative. */
void     clab_exec_context_run_lane      (ClabExecContext        *ctx,
                                          guint                   lane,
                                          gint64                  submit_ns);
/* Records the outcome of a task that ran in a worker process. */
void     clab_exec_context_record_report (ClabExecContext        *ctx,
                                          const ClabWorkerReport *report,
                                          gint64                  pid,
                                          gint64                  submit_ns);
/* Marks a task failed (or cancelled, when the run was cancelled) with @reason. */
void     clab_exec_context_fail_task     (ClabExecContext        *ctx,
                                          guint                   index,
                                          gint64                  worker,
                                          gint64                  submit_ns,
                                          const char             *reason);
/* As clab_exec_context_fail_task(), but timed out when @error is G_IO_ERROR_TIMED_OUT. */
void     clab_exec_context_end_task      (ClabExecContext        *ctx,
                                          guint                   index,
                                          gint64                  worker,
                                          gint64                  submit_ns,
                                          const GError           *error,
                                          const char             *reason);
/* Adds a finished worker process's own resource usage to the run's totals. */
void     clab_exec_context_add_process   (ClabExecContext        *ctx,
                                          const ClabWorkerReport *last);

/* What a per-task mode does on the thread of task @index. */
typedef void (*ClabTaskFunc) (ClabExecContext *ctx,
                              guint            index,
                              gint64           submit_ns);

/* Starts one thread per task, all at once, and joins each as it ends. A thread that cannot
 * be started fails its task with the reason, under lane @index or 0 (@lane_is_index). */
void     clab_exec_context_run_per_task  (ClabExecContext        *ctx,
                                          const char             *name,
                                          ClabTaskFunc            func,
                                          gboolean                lane_is_index);
/* Runs @func (@ctx) on min (W, N) threads of their own and waits for them all. */
void     clab_exec_context_run_dispatchers (ClabExecContext    *ctx,
                                            const char         *name,
                                            GThreadFunc         func);

/* One per mode, in clab-executor-<mode>.c; each returns when every task has an outcome. */
void     clab_executor_sequential        (ClabExecContext        *ctx);
void     clab_executor_threads           (ClabExecContext        *ctx);
void     clab_executor_thread_pool       (ClabExecContext        *ctx);
void     clab_executor_processes         (ClabExecContext        *ctx);
void     clab_executor_process_pool      (ClabExecContext        *ctx);
/* Any mode on the Python runtime, in clab-python-runtime.c. */
void     clab_executor_python            (ClabExecContext        *ctx);

G_END_DECLS
