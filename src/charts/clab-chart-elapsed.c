/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-elapsed-private.h"
#include "clab-format.h"
#include "clab-stats.h"

/* CPU time (user + system) of every thread and process of the counted runs; the part the
 * tasks used themselves is the "ideal", the rest is what the mode cost to run them. */
static void
bar_from_cpu_time (ClabResult *result,
                   Bar        *bar)
{
  ClabAggregate cpu, work;

  clab_stats_aggregate (result, bar->mode_result, CLAB_QUANTITY_CPU_TIME, &cpu);
  clab_stats_aggregate (result, bar->mode_result, CLAB_QUANTITY_TASK_CPU, &work);
  bar->valid = cpu.n > 0;
  bar->mean = cpu.mean;
  bar->lo = cpu.min;
  bar->hi = cpu.max;
  bar->ideal = work.mean;
  bar->aggregate = cpu;
}

static void
bar_from_wall_time (ClabResult *result,
                    Bar        *bar)
{
  ClabStats *stats = &bar->mode_result->stats;
  ClabAggregate ideal;

  clab_stats_aggregate (result, bar->mode_result, CLAB_QUANTITY_IDEAL, &ideal);
  bar->valid = stats->n_runs > 0 && isfinite (stats->mean_s) && stats->mean_s >= 0;
  bar->mean = stats->mean_s;
  bar->lo = isfinite (stats->min_s) ? stats->min_s : stats->mean_s;
  bar->hi = isfinite (stats->max_s) ? stats->max_s : stats->mean_s;
  bar->ideal = ideal.mean > 0 ? ideal.mean : NAN;
  clab_stats_get_aggregate (stats, &bar->aggregate);
}

static guint
collect_bars (ClabResult *result,
              gboolean    cpu_time,
              Bar        *bars)
{
  ClabMode modes[CLAB_N_MODES];
  guint n = clab_chart_list_modes (result, modes);
  const Bar *sequential = NULL;

  for (guint i = 0; i < n; i++)
    {
      Bar *bar = &bars[i];

      memset (bar, 0, sizeof *bar);
      bar->mode = modes[i];
      bar->ratio = NAN;
      bar->mode_result = clab_result_find_mode (result, modes[i]);
      if (bar->mode_result == NULL)
        continue;
      if (cpu_time)
        bar_from_cpu_time (result, bar);
      else
        bar_from_wall_time (result, bar);
      if (bar->valid && bar->mode == CLAB_MODE_SEQUENTIAL)
        sequential = bar;
    }
  for (guint i = 0; i < n && cpu_time && sequential != NULL; i++)
    bars[i].ratio = clab_stats_ratio (&bars[i].aggregate, &sequential->aggregate, &bars[i].ratio_err);
  return n;
}

/* The bar to highlight: the mode that won, as the verdict judges it; none for CPU time,
 * where least is not best. */
static int
find_fastest (ClabResult *result,
              const Bar  *bars,
              guint       n)
{
  ClabModeResult *fastest = clab_result_get_fastest (result);

  for (guint i = 0; i < n && fastest != NULL; i++)
    if (bars[i].valid && bars[i].mode_result == fastest)
      return i;
  return -1;
}

static gboolean
has_spread (const Bar *bars,
            guint      n)
{
  for (guint i = 0; i < n; i++)
    if (bars[i].valid && bars[i].mode_result->stats.n_runs >= 2)
      return TRUE;
  return FALSE;
}

static void
draw_legend (ClabChartContext *ctx,
             const Bar        *bars,
             guint             n)
{
  gboolean cpu_time = ctx->options->cpu_time;
  ClabChartLegendItem items[3];
  guint n_items = 0;

  items[n_items++] = (ClabChartLegendItem) {
    CLAB_CHART_SWATCH_BOX, ctx->style.dim,
    cpu_time ? _("work: the tasks’ own CPU time") : _("ideal: the tasks’ own time ÷ parallelism") };
  items[n_items++] = (ClabChartLegendItem) {
    CLAB_CHART_SWATCH_TINT, ctx->style.dim,
    cpu_time ? _("overhead: starting, switching, coordinating")
             : _("overhead: starting, scheduling, waiting") };
  if (has_spread (bars, n))
    items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_WHISKER, ctx->style.foreground,
                                               _("min–max of the runs") };
  clab_chart_frame_legend (ctx, items, n_items);
}

static void
compute_layout (ClabChartContext *ctx,
                const Bar        *bars,
                guint             n,
                int               fastest,
                Layout           *layout)
{
  ClabChartStyle *style = &ctx->style;
  double u = style->unit, top = 0, height;

  for (guint i = 0; i < n; i++)
    if (bars[i].valid)
      top = MAX (top, MAX (bars[i].hi, bars[i].mean));
  /* A first guess of the slots, from the axis labels' width at the data's own range: the
   * names under the bars and the labels' font depend on it. */
  clab_chart_axis_init_time (&layout->axis, top);
  clab_chart_axis_set_range (&layout->axis, 0, top, 4, TRUE);
  layout->x0 = ctx->area.x + clab_chart_axis_label_width (&layout->axis, style) + 8 * u;
  layout->x1 = ctx->area.x + ctx->area.width;
  layout->slot = (layout->x1 - layout->x0) / MAX (n, 1);
  _clab_chart_elapsed_choose_font (ctx, bars, n, layout);
  layout->names = _clab_chart_elapsed_names_height (ctx, bars, n, fastest, layout->slot);

  /* The top tick label is centred on the top grid line: keep its upper half in the area. */
  layout->y0 = ctx->area.y + clab_chart_style_line_height (style, CLAB_CHART_FONT_TICK) / 2;
  layout->y1 = ctx->area.y + ctx->area.height - layout->names - 8 * u;

  /* Leave room above the tallest bar for its lines of labels; a plot too short for three
   * keeps only the mean, so that the bars do not shrink to slivers under their labels. */
  height = MAX (1, layout->y1 - layout->y0);
  layout->label_lines = height >= 2.5 * (3 * layout->line + 8 * u) ? 3 : 1;
  clab_chart_axis_init_time (&layout->axis, top);
  clab_chart_axis_set_range (&layout->axis, 0,
                             top * height / MAX (height / 2,
                                                 height - layout->label_lines * layout->line - 8 * u),
                             MAX (2, (int) (height / (48 * u))), TRUE);
  clab_chart_axis_set_pixels (&layout->axis, layout->y1, layout->y0);

  layout->x0 = ctx->area.x + clab_chart_axis_label_width (&layout->axis, style) + 8 * u;
  layout->slot = (layout->x1 - layout->x0) / MAX (n, 1);
  layout->bar_width = MIN (layout->slot * 0.56, 150 * u);
}

static void
fill_rect (cairo_t              *cr,
           double                x0,
           double                y0,
           double                x1,
           double                y1,
           const ClabChartColor *color)
{
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  clab_chart_set_color (cr, color);
  cairo_fill (cr);
}

static void
draw_bar_body (ClabChartContext *ctx,
               const Bar        *bar,
               const Layout     *layout,
               double            x0,
               double            x1,
               gboolean          fastest)
{
  cairo_t *cr = ctx->cr;
  ClabChartColor color, tint;
  double u = ctx->style.unit;
  double base = clab_chart_snap (cr, layout->y1, TRUE);
  double top = clab_chart_snap (cr, clab_chart_axis_map (&layout->axis, bar->mean), TRUE);
  double split = top;

  clab_chart_style_mode_color (ctx->style.theme, bar->mode, &color);
  clab_chart_style_tint (&ctx->style, &color, 0.55, &tint);
  if (isfinite (bar->ideal))
    split = clab_chart_snap (cr, clab_chart_axis_map (&layout->axis, MIN (bar->ideal, bar->mean)),
                             TRUE);
  fill_rect (cr, x0, split, x1, base, &color);
  if (split > top)
    {
      fill_rect (cr, x0, top, x1, split, &tint);
      cairo_rectangle (cr, x0 + u / 2, top + u / 2, x1 - x0 - u, split - top);
      cairo_set_line_width (cr, u);
      clab_chart_set_color (cr, &color);
      cairo_stroke (cr);
    }
  if (fastest && base - top > 3 * u)
    {
      /* Inside the bar, so that its height stays the mean's. */
      cairo_rectangle (cr, x0 + u, top + u, x1 - x0 - 2 * u, base - top - 2 * u);
      cairo_set_line_width (cr, 2 * u);
      clab_chart_set_color (cr, &ctx->style.foreground);
      cairo_stroke (cr);
    }
}

static void
draw_whisker (ClabChartContext *ctx,
              const Bar        *bar,
              const Layout     *layout,
              double            cx)
{
  cairo_t *cr = ctx->cr;
  double u = ctx->style.unit, cap = MIN (layout->bar_width / 4, 7 * u);
  double lo = clab_chart_axis_map (&layout->axis, bar->lo);
  double hi = clab_chart_axis_map (&layout->axis, bar->hi);

  if (bar->mode_result->stats.n_runs < 2)
    return;
  cx = clab_chart_snap_line (cr, cx, 1.5 * u, FALSE);
  cairo_move_to (cr, cx, lo);
  cairo_line_to (cr, cx, hi);
  cairo_move_to (cr, cx - cap, lo);
  cairo_line_to (cr, cx + cap, lo);
  cairo_move_to (cr, cx - cap, hi);
  cairo_line_to (cr, cx + cap, hi);
  cairo_set_line_width (cr, 1.5 * u);
  clab_chart_set_color (cr, &ctx->style.foreground);
  cairo_stroke (cr);
}

static char *
dup_bar_description (const Bar *bar,
                     gboolean   cpu_time)
{
  const ClabStats *stats = &bar->mode_result->stats;
  g_autofree char *mean = clab_chart_format_duration (bar->mean);
  g_autofree char *lo = clab_chart_format_duration (bar->lo);
  g_autofree char *hi = clab_chart_format_duration (bar->hi);
  GString *text = g_string_new (NULL);

  if (cpu_time)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: mean CPU time %s over %u run",
                                               "%s: mean CPU time %s over %u runs", stats->n_runs),
                            clab_mode_label (bar->mode), mean, stats->n_runs);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: mean %s over %u run",
                                               "%s: mean %s over %u runs", stats->n_runs),
                            clab_mode_label (bar->mode), mean, stats->n_runs);
  if (stats->n_runs >= 2)
    g_string_append_printf (text, _(" (min %s, max %s)"), lo, hi);
  if (isfinite (bar->ideal))
    {
      g_autofree char *ideal = clab_chart_format_duration (MIN (bar->ideal, bar->mean));
      g_autofree char *overhead = clab_chart_format_duration (MAX (0, bar->mean - bar->ideal));

      g_string_append_printf (text, cpu_time ? _(", the tasks’ own %s + overhead %s")
                                             : _(", ideal %s + overhead %s"), ideal, overhead);
    }
  if (cpu_time && bar->mode != CLAB_MODE_SEQUENTIAL && isfinite (bar->ratio))
    {
      g_autofree char *ratio = clab_format_ratio (bar->ratio, NAN);

      /* TRANSLATORS: a ratio such as "1.04 ×" */
      g_string_append_printf (text, _(", %s the CPU time of sequential"), ratio);
    }
  else if (!cpu_time && bar->mode != CLAB_MODE_SEQUENTIAL && isfinite (stats->speedup)
           && clab_stats_mode_is_possible (stats))
    {
      g_autofree char *speedup = clab_format_speedup (stats);

      /* TRANSLATORS: a speedup such as "1.95 ± 0.03 ×" */
      g_string_append_printf (text, _(", %s the speed of sequential"), speedup);
    }
  if (stats->failures > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u failed task",
                                               ", %u failed tasks", stats->failures),
                            stats->failures);
  return g_string_free (text, FALSE);
}

static void
draw_bar (ClabChartContext *ctx,
          const Bar        *bar,
          const Layout     *layout,
          guint             i,
          gboolean          fastest)
{
  double cx = layout->x0 + (i + 0.5) * layout->slot;
  double x0 = clab_chart_snap (ctx->cr, cx - layout->bar_width / 2, FALSE);
  double x1 = clab_chart_snap (ctx->cr, cx + layout->bar_width / 2, FALSE);
  g_autofree char *tooltip = NULL;

  _clab_chart_elapsed_draw_mode_labels (ctx, bar, layout, cx, fastest);
  if (!bar->valid)
    return;
  draw_bar_body (ctx, bar, layout, x0, x1, fastest);
  draw_whisker (ctx, bar, layout, cx);
  _clab_chart_elapsed_draw_value_labels (ctx, bar, layout, cx);
  tooltip = dup_bar_description (bar, ctx->options->cpu_time);
  clab_chart_add_hit (ctx, x0, layout->y0, x1 - x0,
                      clab_chart_snap (ctx->cr, layout->y1, TRUE) - layout->y0, tooltip);
}

static void
draw_baseline (ClabChartContext *ctx,
               const Layout     *layout)
{
  double line = clab_chart_style_px (&ctx->style, 1);
  double y = clab_chart_snap (ctx->cr, layout->y1, TRUE) + line / 2;

  cairo_move_to (ctx->cr, layout->x0, y);
  cairo_line_to (ctx->cr, layout->x1, y);
  cairo_set_line_width (ctx->cr, line);
  clab_chart_set_color (ctx->cr, &ctx->style.axis);
  cairo_stroke (ctx->cr);
}

void
clab_chart_draw_elapsed (ClabChartContext *ctx)
{
  Bar bars[CLAB_N_MODES];
  guint n = collect_bars (ctx->result, ctx->options->cpu_time, bars);
  g_autofree char *verdict = NULL;
  gboolean any = FALSE;
  Layout layout;
  int fastest;

  for (guint i = 0; i < n; i++)
    any |= bars[i].valid;
  if (!any)
    {
      clab_chart_frame_note (ctx, &ctx->area,
                             clab_chart_result_is_empty (ctx->result)
                             ? _("No data: the result holds no runs.")
                             : clab_result_get_cancelled (ctx->result)
                             ? _("No data: the comparison was cancelled before a counted run "
                                 "finished (warm-up runs are not counted).")
                             : _("No data: no run of any mode finished."));
      return;
    }
  /* The verdict is about wall time: the CPU time chart says what it compares instead. */
  verdict = ctx->options->cpu_time
            ? g_strdup (_("Processor time (user + system) of all the threads and processes of each run"))
            : clab_result_dup_verdict_labelled (ctx->result);
  draw_legend (ctx, bars, n);
  clab_chart_frame_caption (ctx, verdict);
  fastest = ctx->options->cpu_time ? -1 : find_fastest (ctx->result, bars, n);
  compute_layout (ctx, bars, n, fastest, &layout);
  clab_chart_axis_draw_y (&layout.axis, &ctx->style, ctx->cr, layout.x0, layout.x1);
  for (guint i = 0; i < n; i++)
    draw_bar (ctx, &bars[i], &layout, i, (int) i == fastest);
  draw_baseline (ctx, &layout);
}

void
clab_chart_describe_elapsed (ClabResult             *result,
                             const ClabChartOptions *options,
                             GString                *out)
{
  Bar bars[CLAB_N_MODES];
  guint n = collect_bars (result, options->cpu_time, bars);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = NULL;

      if (bars[i].valid)
        line = dup_bar_description (&bars[i], options->cpu_time);
      else
        line = g_strdup_printf (_("%s: no data"), clab_mode_label (bars[i].mode));
      g_string_append_printf (out, "%s.\n", line);
    }
}
