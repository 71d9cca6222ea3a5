/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-private.h"
#include "clab-format.h"
#include "clab-stats.h"
#include "clab-verdict.h"

/* The sweep points of one mode, by worker count. */
typedef struct
{
  ClabMode  mode;
  GArray   *points;     /* of ClabSweepPoint */
  double    serial;     /* Amdahl's fitted serial fraction, NAN if unknown */
  double    cap;        /* the most tasks that can progress at once, whatever the workers */
} Series;

typedef struct
{
  ClabChartAxis x;
  ClabChartAxis y;
  double        x0, x1, y0, y1;
} Layout;

static int
compare_workers (gconstpointer a,
                 gconstpointer b)
{
  const ClabSweepPoint *pa = a, *pb = b;

  return (pa->workers > pb->workers) - (pa->workers < pb->workers);
}

static guint
system_cpus (ClabResult *result)
{
  const ClabSystemInfo *system = clab_result_get_system (result);

  return system != NULL ? system->cpus : 0;
}

static double
parallelism_cap (ClabResult *result,
                 ClabMode    mode)
{
  ClabPlan *plan = clab_result_get_plan (result);

  if (plan == NULL)
    return G_MAXDOUBLE;
  return clab_stats_usable_parallelism (mode, clab_plan_get_workload (plan), G_MAXUINT,
                                        clab_plan_get_tasks (plan), system_cpus (result));
}

static guint
collect_series (ClabResult *result,
                Series     *series)
{
  GArray *sweep = clab_result_get_sweep (result);
  ClabMode modes[CLAB_N_MODES];
  guint n_modes = clab_chart_list_modes (result, modes), n = 0;

  for (guint m = 0; m < n_modes && sweep != NULL; m++)
    {
      GArray *points = g_array_new (FALSE, FALSE, sizeof (ClabSweepPoint));

      for (guint i = 0; i < sweep->len; i++)
        {
          const ClabSweepPoint *point = &g_array_index (sweep, ClabSweepPoint, i);

          if (point->mode == modes[m] && isfinite (point->speedup) && point->workers > 0)
            g_array_append_vals (points, point, 1);
        }
      /* Sequential is the baseline: its speedup is 1 at any worker count. */
      if (points->len == 0 || modes[m] == CLAB_MODE_SEQUENTIAL)
        {
          g_array_unref (points);
          continue;
        }
      g_array_sort (points, compare_workers);
      series[n].mode = modes[m];
      series[n].points = points;
      series[n].serial = clab_result_get_amdahl_serial (result, modes[m]);
      series[n].cap = parallelism_cap (result, modes[m]);
      n++;
    }
  return n;
}

static void
clear_series (Series *series,
              guint   n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&series[i].points, g_array_unref);
}

char *
clab_chart_scaling_dup_series_label (ClabMode mode,
                                     double   serial)
{
  g_autofree char *fraction = NULL;

  if (!isfinite (serial))
    return g_strdup (clab_mode_label (mode));
  fraction = clab_format_percent_precise (serial * 100);
  /* TRANSLATORS: a mode and the serial fraction Amdahl's law fits to its points, e.g.
   * "Threads (Amdahl fit: 12.5 % serial)" */
  return g_strdup_printf (_("%s (Amdahl fit: %s serial)"), clab_mode_label (mode), fraction);
}

static void
draw_legend (ClabChartContext *ctx,
             const Series     *series,
             guint             n)
{
  ClabChartLegendItem items[CLAB_N_MODES + 2];
  char *labels[CLAB_N_MODES] = { NULL };
  guint n_items = 0;

  for (guint i = 0; i < n; i++)
    {
      labels[i] = clab_chart_scaling_dup_series_label (series[i].mode, series[i].serial);
      items[n_items].swatch = CLAB_CHART_SWATCH_MARKER;
      clab_chart_style_mode_color (ctx->style.theme, series[i].mode, &items[n_items].color);
      items[n_items++].label = labels[i];
    }
  items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_DASHED, ctx->style.axis,
                                             _("ideal: speedup = workers") };
  items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_DOTTED, ctx->style.dim,
                                             _("Amdahl’s law fitted") };
  clab_chart_frame_legend (ctx, items, n_items);
  for (guint i = 0; i < n; i++)
    g_free (labels[i]);
}

static void
compute_layout (ClabChartContext *ctx,
                const Series     *series,
                guint             n,
                Layout           *layout)
{
  ClabChartStyle *style = &ctx->style;
  double u = style->unit, max_workers = 1, max_speedup = 1, tick_h, y_label_w;
  guint cpus = system_cpus (ctx->result);

  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < series[i].points->len; k++)
      {
        const ClabSweepPoint *point = &g_array_index (series[i].points, ClabSweepPoint, k);

        max_workers = MAX (max_workers, point->workers);
        max_speedup = MAX (max_speedup, point->speedup);
      }
  tick_h = clab_chart_style_line_height (style, CLAB_CHART_FONT_TICK);
  layout->y0 = ctx->area.y + tick_h / 2;
  layout->y1 = ctx->area.y + ctx->area.height - tick_h
               - clab_chart_style_line_height (style, CLAB_CHART_FONT_LABEL) - 10 * u;
  /* The ideal line runs off the top rather than squash real speedups into a corner. */
  clab_chart_axis_init (&layout->y, "×", FALSE);
  clab_chart_axis_set_range (&layout->y, 0,
                             MAX (max_speedup, MIN (max_workers, MAX (cpus, max_speedup))) * 1.08,
                             MAX (2, (int) ((layout->y1 - layout->y0) / (40 * u))), TRUE);
  clab_chart_axis_set_pixels (&layout->y, layout->y1, layout->y0);
  y_label_w = clab_chart_axis_label_width (&layout->y, style);
  layout->x0 = ctx->area.x + y_label_w + 8 * u;
  layout->x1 = ctx->area.x + ctx->area.width - 8 * u;
  clab_chart_axis_init (&layout->x, "", FALSE);
  clab_chart_axis_set_range (&layout->x, 0, max_workers,
                             MAX (1, (int) ((layout->x1 - layout->x0) / (60 * u))), TRUE);
  /* Worker counts are whole numbers. */
  layout->x.step = MAX (layout->x.step, 1.0);
  layout->x.max = ceil (layout->x.max / layout->x.step) * layout->x.step;
  clab_chart_axis_set_pixels (&layout->x, layout->x0, layout->x1);
}

static void
draw_axes (ClabChartContext *ctx,
           const Layout     *layout)
{
  ClabChartStyle *style = &ctx->style;
  double line = style->unit;
  double y = clab_chart_snap_line (ctx->cr, layout->y1, line, TRUE);

  clab_chart_axis_draw_y (&layout->y, style, ctx->cr, layout->x0, layout->x1);
  clab_chart_axis_draw_x_grid (&layout->x, style, ctx->cr, layout->y0, layout->y1);
  clab_chart_axis_draw_x (&layout->x, style, ctx->cr, layout->y1, layout->y1);
  cairo_move_to (ctx->cr, layout->x0, y);
  cairo_line_to (ctx->cr, layout->x1, y);
  cairo_set_line_width (ctx->cr, line);
  clab_chart_set_color (ctx->cr, &style->axis);
  cairo_stroke (ctx->cr);
  clab_chart_draw_text (style, ctx->cr, CLAB_CHART_FONT_LABEL, _("workers"),
                        (layout->x0 + layout->x1) / 2,
                        layout->y1 + clab_chart_style_line_height (style, CLAB_CHART_FONT_TICK)
                        + 8 * style->unit, 0.5, 0.0, &style->dim);
}

static void
draw_ideal_and_cpus (ClabChartContext *ctx,
                     const Layout     *layout)
{
  ClabChartStyle *style = &ctx->style;
  double u = style->unit, top = MIN (layout->x.max, layout->y.max), x;
  guint cpus = system_cpus (ctx->result);
  g_autofree char *label = NULL;

  cairo_save (ctx->cr);
  cairo_set_dash (ctx->cr, (double[]) { 6 * u, 4 * u }, 2, 0);
  cairo_set_line_width (ctx->cr, 1.5 * u);
  cairo_move_to (ctx->cr, clab_chart_axis_map (&layout->x, 0), clab_chart_axis_map (&layout->y, 0));
  cairo_line_to (ctx->cr, clab_chart_axis_map (&layout->x, top),
                 clab_chart_axis_map (&layout->y, top));
  clab_chart_set_color (ctx->cr, &style->axis);
  cairo_stroke (ctx->cr);
  cairo_restore (ctx->cr);
  if (cpus == 0 || cpus > layout->x.max)
    return;
  /* Past the CPU count more workers cannot add parallelism, only overhead. */
  x = clab_chart_snap_line (ctx->cr, clab_chart_axis_map (&layout->x, cpus), u, FALSE);
  cairo_move_to (ctx->cr, x, layout->y0);
  cairo_line_to (ctx->cr, x, layout->y1);
  cairo_set_line_width (ctx->cr, u);
  clab_chart_set_color (ctx->cr, &style->foreground);
  cairo_stroke (ctx->cr);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u CPU", "%u CPUs", cpus), cpus);
  clab_chart_draw_text (style, ctx->cr, CLAB_CHART_FONT_LABEL, label, x - 4 * u,
                        layout->y1 - 4 * u, 1.0, 1.0, &style->foreground);
}

/* Amdahl's law over the usable parallelism, as the engine fitted it: flat past the CPUs. */
static void
draw_amdahl (ClabChartContext     *ctx,
             const Series         *series,
             const Layout         *layout,
             const ClabChartColor *color)
{
  double u = ctx->style.unit;
  guint steps = 64;

  if (!isfinite (series->serial))
    return;
  for (guint k = 0; k <= steps; k++)
    {
      double p = MIN (1 + (layout->x.max - 1) * k / steps, series->cap);
      double s = 1.0 / (series->serial + (1.0 - series->serial) / p);

      cairo_line_to (ctx->cr, clab_chart_axis_map (&layout->x, p),
                     clab_chart_axis_map (&layout->y, s));
    }
  cairo_save (ctx->cr);
  cairo_set_dash (ctx->cr, (double[]) { 1.5 * u, 3 * u }, 2, 0);
  cairo_set_line_cap (ctx->cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (ctx->cr, 1.5 * u);
  clab_chart_set_color (ctx->cr, color);
  cairo_stroke (ctx->cr);
  cairo_restore (ctx->cr);
}

/* An impossible point is described as measured, but without a finding drawn from it. */
static char *
dup_point_description (ClabResult           *result,
                       const Series         *series,
                       const ClabSweepPoint *point)
{
  g_autofree char *mean = clab_format_duration (point->mean_s);
  g_autofree char *speedup = clab_format_ratio (point->speedup, point->speedup_err);
  g_autofree char *karp_flatt = clab_format_karp_flatt (result, point);
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: mode, workers, speedup, mean elapsed time */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%s with %u worker: %s (mean %s)",
                                             "%s with %u workers: %s (mean %s)",
                                             point->workers),
                          clab_mode_label (series->mode), point->workers, speedup, mean);
  if (!clab_stats_point_is_possible (result, point))
    g_string_append (text, _(", faster than its workers can be: the measurement was disturbed"));
  else if (isfinite (point->karp_flatt))
    g_string_append_printf (text, _(", Karp–Flatt serial fraction %s"), karp_flatt);
  return g_string_free (text, FALSE);
}

static void
draw_series (ClabChartContext *ctx,
             const Series     *series,
             const Layout     *layout)
{
  double u = ctx->style.unit, r = 4 * u;
  ClabChartColor color;

  clab_chart_style_mode_color (ctx->style.theme, series->mode, &color);
  draw_amdahl (ctx, series, layout, &color);
  for (guint k = 0; k < series->points->len; k++)
    {
      const ClabSweepPoint *point = &g_array_index (series->points, ClabSweepPoint, k);

      cairo_line_to (ctx->cr, clab_chart_axis_map (&layout->x, point->workers),
                     clab_chart_axis_map (&layout->y, point->speedup));
    }
  cairo_set_line_width (ctx->cr, 2.5 * u);
  clab_chart_set_color (ctx->cr, &color);
  cairo_stroke (ctx->cr);
  for (guint k = 0; k < series->points->len; k++)
    {
      const ClabSweepPoint *point = &g_array_index (series->points, ClabSweepPoint, k);
      double x = clab_chart_axis_map (&layout->x, point->workers);
      double y = clab_chart_axis_map (&layout->y, point->speedup);
      g_autofree char *tooltip = NULL;

      cairo_arc (ctx->cr, x, y, r, 0, 2 * G_PI);
      clab_chart_set_color (ctx->cr, &color);
      cairo_fill_preserve (ctx->cr);
      cairo_set_line_width (ctx->cr, 1.5 * u);
      clab_chart_set_color (ctx->cr, &ctx->style.background);
      cairo_stroke (ctx->cr);
      if (ctx->hits == NULL)
        continue;
      tooltip = dup_point_description (ctx->result, series, point);
      clab_chart_add_hit (ctx, x - 2 * r, y - 2 * r, 4 * r, 4 * r, tooltip);
    }
}

/* The serial fractions at the most workers, or why the result shows none. */
static char *
dup_caption (ClabResult   *result,
             const Series *series,
             guint         n)
{
  GString *text;

  if (!clab_verdict_is_conclusive (result))
    return clab_result_dup_verdict_labelled (result);
  text = g_string_new (_("Karp–Flatt serial fraction at the most workers:"));
  for (guint i = 0; i < n; i++)
    {
      const ClabSweepPoint *last = &g_array_index (series[i].points, ClabSweepPoint,
                                                   series[i].points->len - 1);
      g_autofree char *karp_flatt = clab_format_karp_flatt (result, last);

      if (!isfinite (last->karp_flatt))
        continue;
      /* TRANSLATORS: a mode, its serial fraction and its worker count */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " %s %s (%u worker);",
                                                 " %s %s (%u workers);", last->workers),
                              clab_mode_label (series[i].mode), karp_flatt, last->workers);
    }
  if (text->str[text->len - 1] == ';')
    text->str[text->len - 1] = '.';
  else
    g_string_truncate (text, 0);
  return g_string_free (text, FALSE);
}

void
clab_chart_draw_scaling (ClabChartContext *ctx)
{
  Series series[CLAB_N_MODES];
  guint n = collect_series (ctx->result, series);
  g_autofree char *caption = NULL;
  double u = ctx->style.unit;
  Layout layout;

  if (n == 0)
    {
      clab_chart_frame_note (ctx, &ctx->area,
                             _("No data: this result was measured at one worker count. "
                               "Measure it at several worker counts to draw how it scales."));
      return;
    }
  draw_legend (ctx, series, n);
  caption = dup_caption (ctx->result, series, n);
  clab_chart_frame_caption (ctx, caption);
  clab_chart_frame_axis_title (ctx, _("speedup against sequential"));
  compute_layout (ctx, series, n, &layout);
  draw_axes (ctx, &layout);
  draw_ideal_and_cpus (ctx, &layout);
  cairo_save (ctx->cr);
  /* Clip lines that leave the plot, but not the dots on its edges. */
  cairo_rectangle (ctx->cr, layout.x0 - 6 * u, layout.y0 - 6 * u,
                   layout.x1 - layout.x0 + 12 * u, layout.y1 - layout.y0 + 12 * u);
  cairo_clip (ctx->cr);
  for (guint i = 0; i < n; i++)
    draw_series (ctx, &series[i], &layout);
  cairo_restore (ctx->cr);
  clear_series (series, n);
}

void
clab_chart_describe_scaling (ClabResult             *result,
                             const ClabChartOptions *options,
                             GString                *out)
{
  Series series[CLAB_N_MODES];
  guint n = collect_series (result, series);
  ClabMode modes[CLAB_N_MODES];
  guint n_modes = clab_chart_list_modes (result, modes);

  for (guint m = 0; m < n_modes; m++)
    {
      const Series *found = NULL;

      for (guint i = 0; i < n; i++)
        if (series[i].mode == modes[m])
          found = &series[i];
      if (modes[m] == CLAB_MODE_SEQUENTIAL)
        g_string_append_printf (out, _("%s: the baseline, speedup 1.\n"),
                                clab_mode_label (modes[m]));
      else if (found == NULL)
        g_string_append_printf (out, _("%s: no sweep of worker counts.\n"),
                                clab_mode_label (modes[m]));
      for (guint k = 0; found != NULL && k < found->points->len; k++)
        {
          g_autofree char *line = dup_point_description (result, found,
                                                         &g_array_index (found->points,
                                                                         ClabSweepPoint, k));

          g_string_append_printf (out, "%s.\n", line);
        }
    }
  clear_series (series, n);
}
