/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sys/types.h>

#include <time.h>

#include "clab-result.h"

G_BEGIN_DECLS

/* Samples /proc every interval on a thread of its own while a run executes. */
typedef struct _ClabSampler ClabSampler;

typedef void (*ClabSampleFunc) (const ClabSample *sample,
                                gpointer          user_data);

/* Starts sampling at once; times are seconds since @t0_ns (CLOCK_MONOTONIC). */
/* The CPU time of the thread whose CPU clock is @exclude_clock (a user interface), if not
 * NULL, is left out of the run's share. */
ClabSampler *clab_sampler_start      (guint            interval_ms,
                                      gint64           t0_ns,
                                      const clockid_t *exclude_clock,
                                      ClabSampleFunc   func,
                                      gpointer         user_data);
/* Worker processes whose CPU time belongs to the run (and stays the run's when they end);
 * the scheduler statistics of each one's main thread are followed as a lane (clab-sched.h). */
void         clab_sampler_add_pid    (ClabSampler     *self,
                                      GPid             pid);
/* An interpreter made ready before the run's clock started, with the children it reaps:
 * the CPU time it used before it was followed is not the run's. */
void         clab_sampler_add_interpreter (ClabSampler *self,
                                           GPid         pid);
/* A process a task started (the command workload's), with the children it reaps: its CPU
 * time is the run's, and stays the run's once clab_sampler_remove_pid() is told it ended.
 * It gets no lane: its task's worker has one. */
void         clab_sampler_add_child  (ClabSampler     *self,
                                      GPid             pid);
/* Follows the scheduler statistics of worker thread @tid of process @pid while it lives. */
void         clab_sampler_add_thread (ClabSampler     *self,
                                      gint64           pid,
                                      gint64           tid);
/* Worker thread @tid is about to end; it calls this itself (clab-sched-lanes.h). */
void         clab_sampler_thread_ending (ClabSampler  *self,
                                         gint64        tid);
/* Follows every thread of process @pid, those it starts later too (an interpreter's). */
void         clab_sampler_add_threads_of (ClabSampler *self,
                                          gint64       pid);
/* The CPU time @pid used while followed stays the run's. */
void         clab_sampler_remove_pid (ClabSampler     *self,
                                      GPid             pid);
/* Stops the thread, moves the samples and the followed threads' lanes into @run and
 * returns the peak tree RSS in KiB; @own_user_s and @own_system_s (may be NULL) get the
 * CPU time the sampler's own thread used, which is the lab's, not the run's. */
gint64       clab_sampler_stop       (ClabSampler     *self,
                                      ClabRun         *run,
                                      double          *own_user_s,
                                      double          *own_system_s);

G_END_DECLS
