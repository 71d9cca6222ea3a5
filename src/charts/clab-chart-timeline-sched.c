/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-timeline-sched.h"
#include "clab-format.h"
#include "clab-sched.h"

/*
 * Inside each task bar of the Timeline, when its worker thread really ran: from the
 * sampler's series of that thread (clab-sched.h), each interval of the bar is filled from
 * the bottom in full colour for the share of it the thread was on a CPU, then hatched for
 * the share it waited for a core; the rest stays pale: blocked on a lock, the GIL, a sleep.
 * Eight threads taking turns on one lock show eight mostly pale bars, where plain bars
 * would all look busy for the whole run.
 */

/* How much of the mode's colour the pale "blocked" part keeps; the legend's tint swatch. */
#define BLOCKED_TINT 0.55

static void
fill_interval (ClabChartContext     *ctx,
               const ClabChartColor *color,
               double                x0,
               double                x1,
               double                y1,
               double                h,
               double                on_cpu,
               double                runnable)
{
  cairo_t *cr = ctx->cr;
  double on_h = h * CLAMP (on_cpu, 0, 1);
  double run_h = MIN (h - on_h, h * CLAMP (runnable, 0, 1));

  /* On whole pixels, as the bar (clab-chart-timeline.c): intervals that meet inside a pixel
   * would let the pale ground show through a seam between them. */
  x0 = round (x0);
  x1 = round (x1);
  if (x1 <= x0)
    return;
  if (on_h > 0)
    {
      cairo_rectangle (cr, x0, y1 - on_h, x1 - x0, on_h);
      clab_chart_set_color (cr, color);
      cairo_fill (cr);
    }
  if (run_h > 0)
    {
      cairo_rectangle (cr, x0, y1 - on_h - run_h, x1 - x0, run_h);
      clab_chart_fill_hatched (&ctx->style, cr, color, 3 * ctx->style.unit);
    }
}

/* Walks the lane's intervals that reach into a task, each from start_s to its point. */
typedef struct
{
  const ClabSchedLane *lane;
  const ClabTask      *task;
  guint                next;
  double               start_s;
} Intervals;

static void
intervals_init (Intervals           *it,
                const ClabSchedLane *lane,
                const ClabTask      *task)
{
  it->lane = lane;
  it->task = task;
  it->next = clab_sched_lane_find (lane, task->start_s);
  it->start_s = it->next > 0 ? g_array_index (lane->points, ClabSchedPoint, it->next - 1).t_s
                             : lane->t0_s;
}

/* The next interval, starting at *@start_s, or NULL; @inner: it lies wholly inside the task. */
static const ClabSchedPoint *
intervals_next (Intervals *it,
                double    *start_s,
                gboolean  *inner)
{
  const ClabSchedPoint *p;

  if (it->next >= it->lane->points->len || it->start_s >= it->task->end_s)
    return NULL;
  p = &g_array_index (it->lane->points, ClabSchedPoint, it->next++);
  *start_s = it->start_s;
  *inner = *start_s >= it->task->start_s && p->t_s <= it->task->end_s && p->t_s > *start_s;
  it->start_s = p->t_s;
  return p;
}

/* The lane's intervals clipped to the task, each as fractions of its own length; with
 * @inner_only, only those that lie inside the task. */
static void
fill_lane (ClabChartContext     *ctx,
           const ClabSchedLane  *lane,
           const ClabTask       *task,
           const ClabChartAxis  *time,
           const ClabChartColor *color,
           double                y1,
           double                h,
           gboolean              inner_only)
{
  const ClabSchedPoint *p;
  Intervals it;
  double start;
  gboolean inner;

  intervals_init (&it, lane, task);
  while ((p = intervals_next (&it, &start, &inner)) != NULL)
    {
      double a = MAX (start, task->start_s), b = MIN (p->t_s, task->end_s);
      double length = p->t_s - start;

      if (b > a && length > 0 && (inner || !inner_only))
        fill_interval (ctx, color, clab_chart_axis_map (time, a), clab_chart_axis_map (time, b),
                       y1, h, p->on_cpu_s / length, p->runnable_s / length);
    }
}

/* The lane's intervals that lie wholly inside the task: their span and what they hold. */
static gboolean
inner_span (const ClabSchedLane *lane,
            const ClabTask      *task,
            double              *from_s,
            double              *to_s,
            double              *on_cpu_s,
            double              *runnable_s)
{
  const ClabSchedPoint *p;
  Intervals it;
  double start;
  gboolean inner, any = FALSE;

  *on_cpu_s = *runnable_s = 0;
  intervals_init (&it, lane, task);
  while ((p = intervals_next (&it, &start, &inner)) != NULL)
    if (inner)
      {
        if (!any)
          *from_s = start;
        *to_s = p->t_s;
        *on_cpu_s += p->on_cpu_s;
        *runnable_s += p->runnable_s;
        any = TRUE;
      }
  return any;
}

/* A lane's interval that reaches past the task also holds what its thread did outside it
 * (the task before, idle time after a pool thread's last task), and parts of a task that
 * no interval covers (before the thread's first reading, after its last when it ended
 * between two samples) hold nothing. A task that knows its own times keeps the intervals
 * inside it as read, and its edges get what its totals leave for them, spread evenly. */
static void
fill_edges (ClabChartContext     *ctx,
            const ClabSchedLane  *lane,
            const ClabTask       *task,
            const ClabChartAxis  *time,
            const ClabChartColor *color,
            double                y1,
            double                h)
{
  double from = task->end_s, to = task->end_s, on_cpu = 0, runnable = 0;
  double edges, f_on, f_run;

  if (!inner_span (lane, task, &from, &to, &on_cpu, &runnable))
    from = to = task->end_s;
  edges = (from - task->start_s) + (task->end_s - to);
  if (edges <= 1e-6 * (task->end_s - task->start_s))
    return;
  f_on = MAX (task->on_cpu_s - on_cpu, 0) / edges;
  f_run = MAX (task->runnable_s - runnable, 0) / edges;
  if (from > task->start_s)
    fill_interval (ctx, color, clab_chart_axis_map (time, task->start_s),
                   clab_chart_axis_map (time, from), y1, h, f_on, f_run);
  if (task->end_s > to)
    fill_interval (ctx, color, clab_chart_axis_map (time, to),
                   clab_chart_axis_map (time, task->end_s), y1, h, f_on, f_run);
}

gboolean
clab_chart_timeline_sched_fill (ClabChartContext     *ctx,
                                const ClabRun        *run,
                                const ClabTask       *task,
                                const ClabChartAxis  *time,
                                const ClabChartColor *color,
                                double                x0,
                                double                y0,
                                double                w,
                                double                h)
{
  const ClabSchedLane *lane = clab_run_find_sched_lane (run, task->pid, task->tid);
  cairo_t *cr = ctx->cr;
  ClabChartColor pale;

  /* Failed and cancelled bars keep their own look: their status matters more. */
  if (lane == NULL || task->status != CLAB_TASK_OK || !(task->end_s > task->start_s))
    return FALSE;
  clab_chart_style_tint (&ctx->style, color, BLOCKED_TINT, &pale);
  cairo_save (cr);
  cairo_rectangle (cr, x0, y0, w, h);
  clab_chart_set_color (cr, &pale);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  fill_lane (ctx, lane, task, time, color, y0 + h, h, task->sched_known);
  if (task->sched_known)
    fill_edges (ctx, lane, task, time, color, y0 + h, h);
  cairo_restore (cr);
  return TRUE;
}

static gboolean
result_has_lanes (ClabResult *result)
{
  ClabMode modes[CLAB_N_MODES];
  guint n = clab_chart_list_modes (result, modes);

  for (guint i = 0; i < n; i++)
    {
      ClabRun *run = clab_chart_pick_run (result, modes[i]);

      if (run != NULL && run->sched_lanes != NULL && run->sched_lanes->len > 0)
        return TRUE;
    }
  return FALSE;
}

guint
clab_chart_timeline_sched_legend (ClabChartContext    *ctx,
                                  ClabChartLegendItem *items)
{
  ClabChartStyle *style = &ctx->style;

  if (!result_has_lanes (ctx->result))
    return 0;
  /* Not the plain box: that is a whole task, whose inside was not measured. */
  items[0] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_SHARE, style->dim,
                                     _("inside a task: its worker on a CPU") };
  items[1] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_HATCHED, style->dim,
                                     _("waiting for a core") };
  items[2] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_TINT, style->dim,
                                     _("blocked: a lock, the GIL, a sleep") };
  return 3;
}

/* "on a CPU 1.2 s, waiting for a core 3 ms, blocked 13.7 s" */
static char *
dup_sched_summary (double on_cpu_s,
                   double runnable_s,
                   double blocked_s)
{
  g_autofree char *on_cpu = clab_format_duration (on_cpu_s);
  g_autofree char *runnable = clab_format_duration (runnable_s);
  g_autofree char *blocked = clab_format_duration (blocked_s);

  /* TRANSLATORS: the time a task's worker ran, waited for a core, and was blocked */
  return g_strdup_printf (_("on a CPU %s, waiting for a core %s, blocked %s"),
                          on_cpu, runnable, blocked);
}

void
clab_chart_timeline_sched_tooltip (GString        *text,
                                   const ClabTask *task)
{
  g_autofree char *summary = NULL;

  if (!task->sched_known)
    return;
  summary = dup_sched_summary (task->on_cpu_s, task->runnable_s, task->blocked_s);
  g_string_append_printf (text, "; %s", summary);
}

/* Past this many tasks a description lists the sums only: nobody listens to a thousand. */
#define MAX_DESCRIBED_TASKS 16

void
clab_chart_timeline_sched_describe (const ClabRun *run,
                                    GString       *out)
{
  double on_cpu = 0, runnable = 0, blocked = 0;
  guint n = 0;

  for (guint i = 0; run != NULL && i < run->tasks->len; i++)
    {
      const ClabTask *task = &g_array_index (run->tasks, ClabTask, i);
      g_autofree char *summary = NULL;

      if (!task->sched_known)
        continue;
      on_cpu += task->on_cpu_s;
      runnable += task->runnable_s;
      blocked += task->blocked_s;
      if (++n > MAX_DESCRIBED_TASKS)
        continue;
      summary = dup_sched_summary (task->on_cpu_s, task->runnable_s, task->blocked_s);
      /* TRANSLATORS: task number: "on a CPU 1.2 s, waiting for a core 3 ms, blocked 2 s" */
      g_string_append_printf (out, _("Task %u: %s.\n"), task->index + 1, summary);
    }
  if (n > MAX_DESCRIBED_TASKS)
    {
      g_autofree char *summary = dup_sched_summary (on_cpu, runnable, blocked);

      /* TRANSLATORS: number of tasks: the summed times */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "All %u task together: %s.\n",
                                                "All %u tasks together: %s.\n", n), n, summary);
    }
}
