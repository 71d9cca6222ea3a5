/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result.h"
#include "clab-sched.h"

G_BEGIN_DECLS

/*
 * The CPU time of the tasks one thread runs back to back. Reading a thread's CPU clock is a
 * system call (0.5–1.3 µs on a VM), more than a whole empty task costs (tests/bench B1), so
 * the tasks of a span share one reading: the span ends after CLAB_CPU_SPAN_TASKS tasks or
 * once it lasts CLAB_CPU_SPAN_S, and a task that lasts that long by itself ends its span.
 * A thread's CPU clock over the span is exact. Each task's part of the span runs from the
 * end of the one before; the clock's advance is shared among the parts as the tasks of one
 * plan do the same work: equally, but never more to a part than its wall time (time the
 * thread spent off a CPU during one part is not charged to the others), and a task keeps
 * no more than its own wall time (the rest of its part was the lab's step to it). A task
 * alone in its span (every task of a plan of long tasks) gets its own reading, exact.
 */

#define CLAB_CPU_SPAN_TASKS 64
/* The same as the shortest task measured inside (clab-sched.h), so that every such task
 * ends its span and knows its own CPU time at once. */
#define CLAB_CPU_SPAN_S     CLAB_SCHED_MEASURED_TASK_S

typedef struct
{
  double    mark_s;       /* the thread's CPU clock at the span's start */
  gint64    mark_ns;      /* CLOCK_MONOTONIC at the span's start */
  gint64    last_ns;      /* where the latest task's part of the span ends */
  guint     n;
  guint64   ran;          /* tasks added since clab_cpu_span_start() */
  ClabTask *tasks[CLAB_CPU_SPAN_TASKS];
  double    wall_s[CLAB_CPU_SPAN_TASKS];   /* each task's part: from the previous end */
} ClabCpuSpan;

/* Starts a span on the calling thread: reads its CPU clock now. */
void     clab_cpu_span_start (ClabCpuSpan *span);
/* Adds @task, which ended at @end_ns, to the span; ends the span when it is due. Returns
 * the task's own CPU seconds when the span ended with it, else NAN (the task then lasted
 * less than CLAB_CPU_SPAN_S). */
double   clab_cpu_span_add   (ClabCpuSpan *span,
                              ClabTask    *task,
                              gint64       end_ns);
/* Reads the thread's CPU clock, adds each task's share of its advance to the task's cpu_s,
 * and starts the next span from that reading. Returns the last task's share (NAN: none).
 * The tasks' start_s and end_s must be set. */
double   clab_cpu_span_end   (ClabCpuSpan *span);
/* Shares @cpu_s among @n parts of wall time @wall_s: equally, none above its wall time,
 * the whole of @cpu_s handed out. Writes the shares into @share_s. */
void     clab_cpu_span_share (const double *wall_s,
                              guint         n,
                              double        cpu_s,
                              double       *share_s);

G_END_DECLS
