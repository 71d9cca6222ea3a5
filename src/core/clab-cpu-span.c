/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "clab-cpu-span.h"
#include "clab-workload.h"

void
clab_cpu_span_share (const double *wall_s,
                     guint         n,
                     double        cpu_s,
                     double       *share_s)
{
  double total = 0;
  double level;
  guint n_capped = 0;

  if (n == 0)
    return;
  cpu_s = MAX (cpu_s, 0);
  for (guint i = 0; i < n; i++)
    total += MAX (wall_s[i], 0);
  /* The CPU clock and the monotonic one are separate clocks, and interrupts count on the
   * CPU clock: the span's CPU time may pass its wall time by a hair. */
  if (cpu_s >= total)
    {
      for (guint i = 0; i < n; i++)
        share_s[i] = total > 0 ? MAX (wall_s[i], 0) * cpu_s / total : cpu_s / n;
      return;
    }
  /* The level L at which the parts' min (wall, L) add up to cpu_s. Each pass caps the parts
   * below the level and raises it for the rest; the capped set only grows, and some part
   * always stays above the level while cpu_s < total. */
  level = cpu_s / n;
  for (guint pass = 0; pass <= n; pass++)
    {
      double capped = 0;
      guint count = 0;

      for (guint i = 0; i < n; i++)
        if (MAX (wall_s[i], 0) < level)
          {
            capped += MAX (wall_s[i], 0);
            count++;
          }
      if (count >= n || (pass > 0 && count == n_capped))
        break;
      n_capped = count;
      level = (cpu_s - capped) / (n - count);
    }
  for (guint i = 0; i < n; i++)
    share_s[i] = MIN (MAX (wall_s[i], 0), level);
}

static void
mark (ClabCpuSpan *span,
      double       cpu_s)
{
  span->mark_s = cpu_s;
  span->mark_ns = span->last_ns = clab_monotonic_ns ();
  span->n = 0;
}

void
clab_cpu_span_start (ClabCpuSpan *span)
{
  span->ran = 0;
  mark (span, clab_thread_cpu_s ());
}

double
clab_cpu_span_add (ClabCpuSpan *span,
                   ClabTask    *task,
                   gint64       end_ns)
{
  g_assert (span->n < CLAB_CPU_SPAN_TASKS);

  span->tasks[span->n] = task;
  span->wall_s[span->n] = MAX (end_ns - span->last_ns, 0) / 1e9;
  span->last_ns = MAX (end_ns, span->last_ns);
  span->n++;
  span->ran++;
  if (span->n < CLAB_CPU_SPAN_TASKS && (end_ns - span->mark_ns) / 1e9 < CLAB_CPU_SPAN_S)
    return NAN;
  return clab_cpu_span_end (span);
}

double
clab_cpu_span_end (ClabCpuSpan *span)
{
  double share[CLAB_CPU_SPAN_TASKS];
  double now_s;
  double last_s = NAN;

  /* An empty span's start is still a true start for the next task: no read needed. */
  if (span->n == 0)
    return NAN;
  now_s = clab_thread_cpu_s ();
  clab_cpu_span_share (span->wall_s, span->n, now_s - span->mark_s, share);
  /* A part also holds the lab's step from the previous task to this one: what the CPU
   * spent beyond the task's own wall time was the lab's, not the task's. */
  for (guint i = 0; i < span->n; i++)
    {
      ClabTask *task = span->tasks[i];

      last_s = MIN (share[i], MAX (task->end_s - task->start_s, 0));
      task->cpu_s += last_s;
    }
  mark (span, now_s);
  return last_s;
}
