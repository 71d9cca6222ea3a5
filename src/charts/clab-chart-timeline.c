/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-private.h"
#include "clab-chart-timeline-sched.h"
#include "clab-format.h"

/* The thinnest lane a person can still read, in units: its bar (0.72 of it, ~7 px) shows
 * two stripes of the "waiting for a core" hatching and a pointer can land on it; the lane
 * numbers fit every other lane. A chart of more lanes asks for more height and scrolls. */
#define MIN_LANE 10.0

typedef struct
{
  ClabMode  mode;
  ClabRun  *run;        /* NULL when the mode has no such run */
  guint     index;      /* of @run among the mode's counted runs, G_MAXUINT if not counted */
  guint     n_counted;
  GArray   *lanes;      /* of guint: the lane of each task, G_MAXUINT if it never started */
  guint     n_lanes;
} Panel;

typedef struct
{
  ClabChartAxis time;
  double        x0, x1;
  double        header;   /* height of a panel's header line */
  double        lane;     /* height of one lane */
  double        gap;      /* between panels */
} Layout;

static gboolean
task_started (const ClabTask *task)
{
  return task->status != CLAB_TASK_PENDING && isfinite (task->start_s);
}

static int
compare_start (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const ClabTask *tasks = user_data;
  const ClabTask *ta = &tasks[*(const guint *) a];
  const ClabTask *tb = &tasks[*(const guint *) b];

  if (ta->start_s != tb->start_s)
    return ta->start_s < tb->start_s ? -1 : 1;
  return ta->index < tb->index ? -1 : ta->index > tb->index;
}

/* Lanes number the workers 1..W in the order they first started a task, so that thread
 * indices and pids alike read as "worker 1, worker 2, …". */
static void
assign_lanes (Panel *panel)
{
  const ClabRun *run = panel->run;
  guint n = run->tasks != NULL ? run->tasks->len : 0;
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autoptr(GHashTable) lane_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  const ClabTask *tasks = n > 0 ? (const ClabTask *) run->tasks->data : NULL;

  panel->lanes = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_array_set_size (panel->lanes, n);
  for (guint i = 0; i < n; i++)
    {
      order[i] = i;
      g_array_index (panel->lanes, guint, i) = G_MAXUINT;
    }
  g_qsort_with_data (order, n, sizeof (guint), compare_start, (gpointer) tasks);
  for (guint k = 0; k < n; k++)
    {
      const ClabTask *task = &tasks[order[k]];
      gpointer lane;

      if (!task_started (task))
        continue;
      if (!g_hash_table_lookup_extended (lane_of, &task->worker, NULL, &lane))
        {
          lane = GUINT_TO_POINTER (panel->n_lanes++);
          g_hash_table_insert (lane_of, (gpointer) &task->worker, lane);
        }
      g_array_index (panel->lanes, guint, order[k]) = GPOINTER_TO_UINT (lane);
    }
}

static guint
collect_panels (ClabResult             *result,
                const ClabChartOptions *options,
                Panel                  *panels)
{
  ClabMode modes[CLAB_N_MODES];
  guint n = clab_chart_list_modes (result, modes);

  for (guint i = 0; i < n; i++)
    {
      memset (&panels[i], 0, sizeof panels[i]);
      panels[i].mode = modes[i];
      panels[i].run = clab_chart_pick_shown_run (result, modes[i], options->run, &panels[i].index,
                                                 &panels[i].n_counted);
      if (panels[i].run != NULL)
        assign_lanes (&panels[i]);
    }
  return n;
}

static void
clear_panels (Panel *panels,
              guint  n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&panels[i].lanes, g_array_unref);
}

static guint
count_status (const Panel    *panels,
              guint           n,
              ClabTaskStatus  status)
{
  guint count = 0;

  for (guint i = 0; i < n; i++)
    if (panels[i].run != NULL)
      count += clab_run_count_status (panels[i].run, status);
  return count;
}

static void
draw_legend (ClabChartContext *ctx,
             const Panel      *panels,
             guint             n)
{
  ClabChartStyle *style = &ctx->style;
  ClabChartLegendItem items[7];
  guint n_items = 0;
  guint timed_out = count_status (panels, n, CLAB_TASK_TIMED_OUT);

  items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_BOX, style->dim,
                                             _("a task, from start to end") };
  /* A task stopped at its time limit is a failure too, drawn alike. */
  if (count_status (panels, n, CLAB_TASK_FAILED) + timed_out > 0)
    items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_HATCHED, style->failed,
                                               timed_out > 0 ? _("failed or timed out")
                                                             : _("failed") };
  if (count_status (panels, n, CLAB_TASK_CANCELLED) > 0)
    items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_HOLLOW, style->cancelled,
                                               _("cancelled") };
  items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_LINE, style->axis,
                                             _("waiting: handed out, not started yet") };
  n_items += clab_chart_timeline_sched_legend (ctx, &items[n_items]);
  clab_chart_frame_legend (ctx, items, n_items);
}

static void
compute_layout (ClabChartContext *ctx,
                const Panel      *panels,
                guint             n,
                Layout           *layout)
{
  ClabChartStyle *style = &ctx->style;
  double u = style->unit, span = 0, left, available;
  guint total_lanes = 0;
  g_autofree char *widest = NULL;

  for (guint i = 0; i < n; i++)
    {
      span = MAX (span, clab_chart_run_span (panels[i].run));
      total_lanes += MAX (panels[i].n_lanes, 1);
    }
  widest = g_strdup_printf ("%u", MAX (total_lanes, 1));
  left = MAX (clab_chart_style_text_width (style, CLAB_CHART_FONT_TICK, widest),
              clab_chart_style_text_width (style, CLAB_CHART_FONT_TICK, _("worker")));
  layout->x0 = ctx->area.x + left + 8 * u;
  layout->x1 = ctx->area.x + ctx->area.width;
  clab_chart_axis_init_time (&layout->time, span);
  clab_chart_axis_set_range (&layout->time, 0, span,
                             MAX (1, (int) ((layout->x1 - layout->x0) / (90 * u))), FALSE);
  clab_chart_axis_set_pixels (&layout->time, layout->x0, layout->x1);

  layout->header = clab_chart_style_line_height (style, CLAB_CHART_FONT_LABEL) + 4 * u;
  layout->gap = 8 * u;
  available = ctx->area.height - clab_chart_time_axis_height (ctx)
              - n * layout->header - (n - 1) * layout->gap;
  /* A window gives the chart this much, and scrolls: every lane stays a visible stripe. */
  clab_chart_need_height (ctx, ctx->area.height - available + MIN_LANE * u * MAX (total_lanes, 1));
  /* Lanes are equally tall in every panel, so one worker looks the same everywhere. */
  layout->lane = CLAMP (available / MAX (total_lanes, 1), 0.5, 64 * u);
}

static void
text_color_on (const ClabChartColor *fill,
               ClabChartColor       *text)
{
  double luminance = 0.2126 * fill->r + 0.7152 * fill->g + 0.0722 * fill->b;
  double ink = luminance > 0.45 ? 0.0 : 1.0;

  *text = (ClabChartColor) { ink, ink, ink, 1.0 };
}

static void
fill_task (ClabChartContext     *ctx,
           const ClabTask       *task,
           const ClabChartColor *color,
           double                x0,
           double                y0,
           double                w,
           double                h)
{
  cairo_t *cr = ctx->cr;
  double u = ctx->style.unit;

  cairo_rectangle (cr, x0, y0, w, h);
  switch (task->status)
    {
    case CLAB_TASK_FAILED:
    case CLAB_TASK_TIMED_OUT:
      clab_chart_fill_tinted_hatched (&ctx->style, cr, &ctx->style.failed, 0.45,
                                      &ctx->style.foreground, 4 * u);
      break;
    case CLAB_TASK_CANCELLED:
      cairo_new_path (cr);
      cairo_rectangle (cr, x0 + u / 2, y0 + u / 2, MAX (w - u, 0), MAX (h - u, 0));
      cairo_save (cr);
      cairo_set_dash (cr, (double[]) { 3 * u, 2 * u }, 2, 0);
      cairo_set_line_width (cr, u);
      clab_chart_set_color (cr, &ctx->style.cancelled);
      cairo_stroke (cr);
      cairo_restore (cr);
      break;
    case CLAB_TASK_OK:
    case CLAB_TASK_PENDING:
    default:
      clab_chart_set_color (cr, color);
      cairo_fill (cr);
      break;
    }
}

static void
draw_task_label (ClabChartContext     *ctx,
                 const ClabTask       *task,
                 const ClabChartColor *fill,
                 double                x0,
                 double                w,
                 double                cy,
                 double                h)
{
  g_autofree char *label = g_strdup_printf ("%u", task->index + 1);
  ClabChartColor ink;
  double u = ctx->style.unit;

  if (h < clab_chart_style_line_height (&ctx->style, CLAB_CHART_FONT_TICK)
      || w < clab_chart_style_text_width (&ctx->style, CLAB_CHART_FONT_TICK, label) + 6 * u)
    return;
  if (task->status == CLAB_TASK_OK)
    text_color_on (fill, &ink);
  else
    ink = ctx->style.foreground;
  clab_chart_draw_text (&ctx->style, ctx->cr, CLAB_CHART_FONT_TICK, label, x0 + 3 * u, cy,
                        0.0, 0.5, &ink);
}

static char *
dup_task_tooltip (const Panel    *panel,
                  const ClabTask *task,
                  guint           lane)
{
  g_autofree char *start = clab_chart_format_duration_precise (task->start_s);
  g_autofree char *end = clab_chart_format_duration_precise (task->end_s);
  g_autofree char *length = clab_chart_format_duration_precise (task->end_s - task->start_s);
  g_autofree char *waited = clab_chart_format_duration (MAX (0, task->start_s - task->submit_s));
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: task number, worker lane, start, end, duration, status */
  g_string_append_printf (text, _("Task %u on worker %u: %s → %s (%s), %s"),
                          task->index + 1, lane + 1, start, end, length,
                          clab_task_status_to_string (task->status));
  if (clab_mode_uses_processes (panel->mode))
    {
      /* Formatted apart: xgettext cannot read a format macro inside a message. */
      g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, task->worker);
      g_string_append_printf (text, _(", pid %s"), pid);
    }
  if (isfinite (task->submit_s))
    g_string_append_printf (text, _(", waited %s to start"), waited);
  clab_chart_timeline_sched_tooltip (text, task);
  if (task->reason != NULL)
    {
      g_autofree char *reason = clab_format_escape_controls (task->reason);

      g_string_append_printf (text, ": %s", reason);
    }
  return g_string_free (text, FALSE);
}

static void
draw_task (ClabChartContext *ctx,
           const Panel      *panel,
           const Layout     *layout,
           guint             i,
           double            y0)
{
  const ClabTask *task = &g_array_index (panel->run->tasks, ClabTask, i);
  guint lane = g_array_index (panel->lanes, guint, i);
  double cy = y0 + (lane + 0.5) * layout->lane;
  double h = CLAMP (layout->lane * 0.72, 0.5, 32 * ctx->style.unit);
  double end = isfinite (task->end_s) && task->end_s >= task->start_s ? task->end_s
               : panel->run->elapsed_s;
  double x0 = round (clab_chart_axis_map (&layout->time, task->start_s));
  double x1 = round (clab_chart_axis_map (&layout->time, end));
  double px = MAX (round (ctx->style.unit), 1);
  double w;
  ClabChartColor color;
  g_autofree char *tooltip = NULL;

  if (lane == G_MAXUINT)
    return;
  /* Edges on whole pixels: bars that meet inside a pixel blend into a pale seam there. A
   * sliver of background at the end keeps back-to-back tasks apart; between bars of a few
   * pixels the slivers would stripe the lane like the hatch of "waiting for a core", so
   * those run together into one band. */
  if (x1 - x0 >= 8 * px)
    x1 -= px;
  w = MAX (x1 - x0, px);
  clab_chart_style_mode_color (ctx->style.theme, panel->mode, &color);
  if (!clab_chart_timeline_sched_fill (ctx, panel->run, task, &layout->time, &color,
                                       x0, cy - h / 2, w, h))
    fill_task (ctx, task, &color, x0, cy - h / 2, w, h);
  draw_task_label (ctx, task, &color, x0, w, cy, h);
  if (ctx->hits == NULL)
    return;
  tooltip = dup_task_tooltip (panel, task, lane);
  clab_chart_add_hit (ctx, x0, cy - layout->lane / 2, w, layout->lane, tooltip);
}

static void
draw_waits (ClabChartContext *ctx,
            const Panel      *panel,
            const Layout     *layout,
            double            y0)
{
  double u = ctx->style.unit;

  for (guint i = 0; i < panel->run->tasks->len; i++)
    {
      const ClabTask *task = &g_array_index (panel->run->tasks, ClabTask, i);
      guint lane = g_array_index (panel->lanes, guint, i);
      double cy = y0 + (lane + 0.5) * layout->lane;

      if (lane == G_MAXUINT || !isfinite (task->submit_s) || task->submit_s >= task->start_s)
        continue;
      cairo_move_to (ctx->cr, clab_chart_axis_map (&layout->time, task->submit_s), cy);
      cairo_line_to (ctx->cr, clab_chart_axis_map (&layout->time, task->start_s), cy);
    }
  cairo_set_line_width (ctx->cr, MIN (1.5 * u, layout->lane / 4));
  clab_chart_set_color (ctx->cr, &ctx->style.axis);
  cairo_stroke (ctx->cr);
}

static void
draw_lane_labels (ClabChartContext *ctx,
                  const Panel      *panel,
                  const Layout     *layout,
                  double            y0)
{
  ClabChartStyle *style = &ctx->style;
  double line = clab_chart_style_line_height (style, CLAB_CHART_FONT_TICK);
  /* Thin lanes get a label every few lanes, so the labels never touch. */
  guint every = MAX (1, (guint) ceil (line / layout->lane));

  for (guint lane = 1; lane < panel->n_lanes && layout->lane >= 6 * style->unit; lane++)
    {
      double y = clab_chart_snap_line (ctx->cr, y0 + lane * layout->lane, style->unit, TRUE);

      cairo_move_to (ctx->cr, layout->x0, y);
      cairo_line_to (ctx->cr, layout->x1, y);
    }
  cairo_set_line_width (ctx->cr, style->unit);
  clab_chart_set_color (ctx->cr, &style->grid);
  cairo_stroke (ctx->cr);
  for (guint lane = 0; lane < panel->n_lanes; lane += every)
    {
      g_autofree char *label = g_strdup_printf ("%u", lane + 1);

      clab_chart_draw_text (style, ctx->cr, CLAB_CHART_FONT_TICK, label,
                            layout->x0 - 6 * style->unit, y0 + (lane + 0.5) * layout->lane,
                            1.0, 0.5, &style->dim);
    }
}

static char *
dup_panel_tasks (const Panel *panel)
{
  guint n_tasks = panel->run->tasks != NULL ? panel->run->tasks->len : 0;
  g_autofree char *tasks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task",
                                                         "%u tasks", n_tasks), n_tasks);

  /* The per-task modes have no workers to share: a lane is one task's thread or process. */
  if (panel->mode == CLAB_MODE_THREADS)
    /* TRANSLATORS: "10 tasks", one thread each */
    return g_strdup_printf (_("%s, one thread each"), tasks);
  if (panel->mode == CLAB_MODE_PROCESSES)
    /* TRANSLATORS: "10 tasks", one process each */
    return g_strdup_printf (_("%s, one process each"), tasks);
  /* TRANSLATORS: "10 tasks" on 2 workers */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s on %u worker", "%s on %u workers",
                                       panel->n_lanes), tasks, panel->n_lanes);
}

/* The panel's heading, longest first: with the run it shows, the tasks and the time. */
static GStrv
dup_panel_headings (const Panel            *panel,
                    const ClabChartOptions *options)
{
  g_autofree char *elapsed = clab_chart_format_duration_precise (panel->run->elapsed_s);
  g_autofree char *tasks = dup_panel_tasks (panel);
  g_autofree char *both = g_strdup_printf ("%s · %s", tasks, elapsed);
  const char *bodies[] = { both, elapsed, NULL };

  return clab_chart_dup_panel_headings (panel->mode, panel->index, panel->n_counted,
                                        options->run == 0, bodies);
}

static double
draw_panel (ClabChartContext *ctx,
            const Panel      *panel,
            const Layout     *layout,
            double            y,
            gboolean          first)
{
  ClabChartStyle *style = &ctx->style;
  double y0 = y + layout->header, height = layout->lane * MAX (panel->n_lanes, 1);
  cairo_rectangle_t plot = { layout->x0, y0, layout->x1 - layout->x0, height };
  g_auto(GStrv) headings = NULL;
  g_autofree char *note = NULL;

  clab_chart_axis_draw_x_grid (&layout->time, style, ctx->cr, y0, y0 + height);
  if (first)
    clab_chart_draw_text (style, ctx->cr, CLAB_CHART_FONT_TICK, _("worker"),
                          layout->x0 - 6 * style->unit, y, 1.0, 0.0, &style->dim);
  if (panel->run == NULL || panel->n_lanes == 0)
    {
      clab_chart_draw_panel_heading (ctx, panel->mode, NULL, layout->x0, y, 0);
      /* A live result holds samples only: its tasks come with the finished result. */
      note = clab_chart_dup_panel_note (ctx->options, panel->run != NULL, panel->n_counted,
                                        ctx->options->live
                                        ? _("The tasks appear when the comparison ends.")
                                        : _("No data: no task started."));
      clab_chart_frame_note (ctx, &plot, note);
      return y0 + height;
    }
  headings = dup_panel_headings (panel, ctx->options);
  clab_chart_draw_panel_heading (ctx, panel->mode, (const char *const *) headings, layout->x0, y,
                                 layout->x1 - layout->x0);
  draw_lane_labels (ctx, panel, layout, y0);
  draw_waits (ctx, panel, layout, y0);
  for (guint i = 0; i < panel->run->tasks->len; i++)
    draw_task (ctx, panel, layout, i, y0);
  return y0 + height;
}

void
clab_chart_draw_timeline (ClabChartContext *ctx)
{
  Panel panels[CLAB_N_MODES];
  guint n = collect_panels (ctx->result, ctx->options, panels);
  Layout layout;
  double y;

  if (n == 0 || clab_chart_result_is_empty (ctx->result))
    {
      clab_chart_frame_note (ctx, &ctx->area, _("No data: the result holds no runs."));
      clear_panels (panels, n);
      return;
    }
  draw_legend (ctx, panels, n);
  compute_layout (ctx, panels, n, &layout);
  y = ctx->area.y;
  for (guint i = 0; i < n; i++)
    y = draw_panel (ctx, &panels[i], &layout, y, i == 0) + layout.gap;
  clab_chart_draw_time_axis (ctx, &layout.time, y - layout.gap);
  clear_panels (panels, n);
}

void
clab_chart_describe_timeline (ClabResult             *result,
                              const ClabChartOptions *options,
                              GString                *out)
{
  Panel panels[CLAB_N_MODES];
  guint n = collect_panels (result, options, panels);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) headings = NULL;

      if (panels[i].run == NULL)
        {
          g_string_append_printf (out, _("%s: no data"), clab_mode_label (panels[i].mode));
          g_string_append (out, ".\n");
          continue;
        }
      headings = dup_panel_headings (&panels[i], options);
      g_string_append_printf (out, "%s.\n", headings[0]);
      clab_chart_timeline_sched_describe (panels[i].run, out);
    }
  clear_panels (panels, n);
}
