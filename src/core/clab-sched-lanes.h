/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result.h"

G_BEGIN_DECLS

/* The worker threads one run's sampler follows (clab-sched.h): at every sample, each one's
 * time on a CPU and on a run queue becomes a point of its lane (ClabSchedLane). */
typedef struct _ClabSchedLanes ClabSchedLanes;

/* Times are seconds since @t0_ns (CLOCK_MONOTONIC). */
ClabSchedLanes *clab_sched_lanes_new            (gint64          t0_ns);
/* Follows thread @tid of process @pid from now on; any thread may call it. */
void            clab_sched_lanes_add_thread     (ClabSchedLanes *self,
                                                 gint64          pid,
                                                 gint64          tid);
/* Thread @tid is about to end: unless the sampler has taken it up already, it is not
 * followed after all. The thread itself calls it. */
void            clab_sched_lanes_thread_ending  (ClabSchedLanes *self,
                                                 gint64          tid);
/* Follows every thread of process @pid, those it starts later too; any thread may call it. */
void            clab_sched_lanes_add_threads_of (ClabSchedLanes *self,
                                                 gint64          pid);
/* Reads every followed thread; the sampler's thread only, as the two below. */
void            clab_sched_lanes_read           (ClabSchedLanes *self);
/* Makes the last reading a point of each lane; returns the CPUs the threads were on
 * together, NAN when none is followed or one went unfollowed. */
double          clab_sched_lanes_commit         (ClabSchedLanes *self);
/* Moves the lanes with points into @run, fills the times of its tasks that nobody measured
 * from them, and frees @self. */
void            clab_sched_lanes_finish         (ClabSchedLanes *self,
                                                 ClabRun        *run);

G_END_DECLS
