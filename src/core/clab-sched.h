/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result.h"

G_BEGIN_DECLS

/*
 * When a worker thread was really on a CPU. Linux keeps, per thread, the time it ran and
 * the time it waited on a run queue for a core (/proc/PID/task/TID/schedstat, in
 * nanoseconds); what is left of a task's wall time it was blocked: a lock, the GIL, a sleep.
 *
 * Per task the lab measures inside the worker, at the task's own start and end: on-CPU
 * from the thread's CPU clock (exact: the kernel adds the running slice on every read) and
 * the run-queue wait from /proc/thread-self/schedstat (exact too for the thread that reads
 * it: a running thread has no wait pending). Interpolating the sampler's 100 ms series
 * would smear a 5 ms task over a whole interval. The sampler's series (clab-sampler.h)
 * draw the shading inside the Timeline's bars and serve the tasks not measured inside:
 * those under a millisecond, where the read would cost as much as the task, a thread's
 * task after one of those, and those of a runtime that only reports its threads' ids.
 */

/* A task shorter than this does not pay for a read of its statistics: the read is a
 * system call, about what a whole empty task costs (tests/bench B1). Its times come from
 * its thread's sampled lane instead (clab_run_estimate_sched()). */
#define CLAB_SCHED_MEASURED_TASK_S 1e-3

/* The calling thread's kernel thread id. */
gint64        clab_sched_self_tid          (void);
/* How many threads have opened their own statistics file so far. The first read opens
 * it; that costs a new thread more than a whole empty task (tests/bench B2), so threads of
 * short tasks do not read. */
guint         clab_sched_files_opened      (void);
/* Reads the calling thread's own statistics: time on a CPU and on a run queue so far. */
gboolean      clab_sched_self_read         (gint64           *on_cpu_ns,
                                            gint64           *run_delay_ns);
/* Run-queue wait of the calling thread so far in ns, or -1 where the kernel does not say. */
gint64        clab_sched_self_run_delay_ns (void);
/* TRUE the first time the calling thread asks about the run that started at @t0_ns. */
gboolean      clab_sched_self_join_run     (gint64            t0_ns);
/* Tells that the calling thread was made for a task of a run of short tasks at @born_ns
 * or just after, so that its statistics were zero then: its lane starts there without a
 * reading, and its task is not measured inside. */
void          clab_sched_self_born         (gint64            born_ns);
/* The first reading of the calling thread's lane and its time: the zero of its birth when
 * it was told, else a reading now. */
gboolean      clab_sched_self_base         (gint64           *t_ns,
                                            gint64           *on_cpu_ns,
                                            gint64           *run_delay_ns);
/* Notes the run-queue wait at a task's start on the calling thread; @reuse takes its
 * latest reading instead, a moment ago (the end of its previous task, or its joining the
 * sampler), so that a task costs one read. */
void          clab_sched_task_begin        (gboolean          reuse);
/* Records @task's worker (this process, this thread) and, from clab_sched_task_begin(),
 * its on-CPU (@on_cpu_s: the thread's CPU clock over the task), runnable and blocked time;
 * FALSE when the task was too short to be measured inside (clab_run_estimate_sched()). */
gboolean      clab_sched_task_end          (ClabTask         *task,
                                            double            on_cpu_s);
/* Sets the on-CPU and runnable seconds of @task and derives the blocked ones. */
void          clab_task_set_sched          (ClabTask         *task,
                                            double            on_cpu_s,
                                            double            runnable_s);
/* Parses the text of a schedstat file; FALSE when it is not one. */
gboolean      clab_sched_parse             (const char       *text,
                                            gint64           *on_cpu_ns,
                                            gint64           *run_delay_ns);
/* Orders the lanes of @run by thread id, as clab_run_find_sched_lane() needs them. */
void          clab_run_sort_sched_lanes    (ClabRun          *run);
/* The lane of thread @tid of @pid in @run (lanes sorted by thread id), or NULL. */
const ClabSchedLane *clab_run_find_sched_lane (const ClabRun *run,
                                               gint64         pid,
                                               gint64         tid);
/* The index of the first point of @lane that ends after @t_s (its length if none). */
guint         clab_sched_lane_find         (const ClabSchedLane *lane,
                                            double            t_s);
/* On-CPU and runnable seconds of @lane within [@from_s, @to_s], each interval taken as
 * uniform; returns the seconds of that span the lane covers. */
double        clab_sched_lane_integrate    (const ClabSchedLane *lane,
                                            double            from_s,
                                            double            to_s,
                                            double           *on_cpu_s,
                                            double           *runnable_s);
/* Fills the times of tasks that know their thread but were not measured inside their
 * worker (a runtime that only reports thread ids) from the sampled lanes. */
void          clab_run_estimate_sched      (ClabRun          *run);

G_END_DECLS
