/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-types.h"

G_BEGIN_DECLS

/* Told on the task's thread of each process the command workload starts (@running TRUE)
 * and, once it is reaped, that it ended: a process outside the run's own is the run's too. */
typedef void (*ClabCommandWatch) (GPid     pid,
                                  gboolean running,
                                  gpointer user_data);

/* What every task of a run does; shared read-only by all workers. */
typedef struct
{
  ClabWorkloadKind   kind;
  double             size;
  char             **argv;   /* the command workload's program and arguments */
  char              *folder; /* where the io workload writes; NULL: the temporary folder */
  ClabCommandWatch   command_watch;      /* may be NULL */
  gpointer           command_watch_data;
} ClabWorkloadSpec;

/* Runs task @index of @spec on the calling thread and returns its checksum. */
gboolean    clab_workload_run         (const ClabWorkloadSpec  *spec,
                                       guint                    index,
                                       GCancellable            *cancellable,
                                       guint64                 *checksum,
                                       GError                 **error);
/* As clab_workload_run(), but a task still running @limit_s seconds after its start stops
 * with G_IO_ERROR_TIMED_OUT (its command's process group killed); 0: no limit. */
gboolean    clab_workload_run_limited (const ClabWorkloadSpec  *spec,
                                       guint                    index,
                                       double                   limit_s,
                                       GCancellable            *cancellable,
                                       guint64                 *checksum,
                                       GError                 **error);
/* Sets @error to the timed-out error of a task with a time limit of @limit_s seconds. */
void        clab_workload_set_timed_out (GError               **error,
                                         double                 limit_s);
/* Kills the process group of the command this process runs, if any: async-signal-safe,
 * for the signal handlers of a worker, which runs one task at a time. */
void        clab_workload_kill_command (void);
/* The CPU time (user + system, µs) of the commands that the calling thread has run and
 * reaped since it last asked: a thread's own CPU clock does not hold its children's. */
gint64      clab_workload_take_command_cpu_us (void);
/* A one-line description of what a task of @kind does, for people. */
const char *clab_workload_describe    (ClabWorkloadKind         kind);
/* Mixes two 64-bit values into a well spread checksum. */
guint64     clab_checksum_mix         (guint64                  a,
                                       guint64                  b);
/* Nanoseconds on CLOCK_MONOTONIC, comparable across processes. */
gint64      clab_monotonic_ns         (void);
/* CPU time of the calling thread, in seconds. */
double      clab_thread_cpu_s         (void);

G_END_DECLS
