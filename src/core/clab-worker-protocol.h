/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-workload.h"

G_BEGIN_DECLS

/*
 * The line protocol between the engine and concurrency-lab-worker.
 *
 * The worker is started as
 *   concurrency-lab-worker --workload KIND --size SIZE [--command ARGV]
 * and then reads requests from stdin, one per line, until end of file:
 *   RUN <index>
 * For each it runs task <index> and answers on stdout with one line:
 *   DONE <index> <start_ns> <end_ns> <user_us> <sys_us> <maxrss_kib> <nvcsw> <nivcsw>
 *        <task_cpu_us> <on_cpu_ns> <runnable_ns> <checksum>
 *   FAIL <index> <start_ns> <end_ns> <user_us> <sys_us> <maxrss_kib> <nvcsw> <nivcsw>
 *        <task_cpu_us> <on_cpu_ns> <runnable_ns> <reason>
 * (each on one line)
 * Before its answer, a task of the command workload announces the command it started:
 *   CHILD <pid>
 * so that the engine follows that process's CPU time while it runs.
 * Times are CLOCK_MONOTONIC nanoseconds, so they compare with the engine's clock. The
 * resource figures are the worker's own getrusage (RUSAGE_SELF + RUSAGE_CHILDREN), totals
 * since it started; <task_cpu_us> is the user + system time of this task alone, without the
 * worker's start-up or earlier tasks; <on_cpu_ns> and <runnable_ns> are the time the
 * worker's thread ran and waited for a core during the task (clab-sched.h), -1 where the
 * kernel does not say; the checksum is 16 hex digits; the reason is the rest of the line.
 * Requests of the form "FDS" answer "FDS <fd> <fd> …", the worker's open descriptors.
 * The engine reads lines of at most CLAB_WORKER_MAX_LINE bytes, and refuses figures out
 * of range (negative, or beyond any real run), so a broken worker fails its task.
 */

#define CLAB_WORKER_MAX_LINE (64 * 1024)

typedef struct
{
  guint    index;
  gboolean ok;
  gint64   start_ns;
  gint64   end_ns;
  gint64   user_us;
  gint64   sys_us;
  gint64   maxrss_kib;
  gint64   nvcsw;
  gint64   nivcsw;
  gint64   task_cpu_us;
  guint64  checksum;
  char    *reason;
  gint64   on_cpu_ns;     /* -1: unknown */
  gint64   runnable_ns;   /* -1: unknown */
} ClabWorkerReport;

void      clab_worker_report_clear  (ClabWorkerReport        *report);
/* Formats @report as one protocol line, with its newline. */
char     *clab_worker_report_format (const ClabWorkerReport  *report);
gboolean  clab_worker_report_parse  (const char              *line,
                                     ClabWorkerReport        *report,
                                     GError                 **error);
/* Checks that the task ran within [@from_ns, @to_ns] on CLOCK_MONOTONIC. */
gboolean  clab_worker_report_check_times (const ClabWorkerReport *report,
                                          gint64                  from_ns,
                                          gint64                  to_ns,
                                          GError                **error);
/* Fills the resource fields from the calling process's getrusage. */
void      clab_worker_report_rusage (ClabWorkerReport        *report);
/* User + system microseconds of the calling process and its reaped children so far. */
gint64    clab_worker_cpu_us        (void);
/* The worker's command line for @spec. */
GStrv     clab_worker_build_argv    (const char              *worker_path,
                                     const ClabWorkloadSpec  *spec);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClabWorkerReport, clab_worker_report_clear)

G_END_DECLS
