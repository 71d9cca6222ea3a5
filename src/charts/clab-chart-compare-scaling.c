/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-compare-private.h"
#include "clab-format.h"
#include "clab-stats.h"

/* One curve per result and swept mode: speedup against the workers, each result against its
 * own sequential mean, so that a laptop and a server scale side by side. */

#define MAX_STYLES 3   /* solid, dashed, dotted: the swept modes told apart */

typedef struct
{
  guint     result;     /* index in the comparison */
  guint     style;      /* of the mode, 0 to MAX_STYLES − 1 */
  ClabMode  mode;
  GArray   *points;     /* of ClabSweepPoint, by worker count */
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

static GArray *
collect_points (ClabResult *result,
                ClabMode    mode)
{
  GArray *sweep = clab_result_get_sweep (result);
  GArray *points = g_array_new (FALSE, FALSE, sizeof (ClabSweepPoint));

  for (guint k = 0; k < sweep->len; k++)
    {
      const ClabSweepPoint *point = &g_array_index (sweep, ClabSweepPoint, k);

      if (point->mode == mode && isfinite (point->speedup) && point->speedup > 0
          && point->workers > 0)
        g_array_append_vals (points, point, 1);
    }
  g_array_sort (points, compare_workers);
  return points;
}

static void
series_clear (gpointer data)
{
  Series *series = data;

  g_clear_pointer (&series->points, g_array_unref);
}

/* The swept modes (sequential is the baseline, 1 at any count), and their series. */
static GArray *
collect_series (ClabCompare *compare,
                ClabMode    *swept,
                guint       *n_swept)
{
  GArray *all = g_array_new (FALSE, TRUE, sizeof (Series));

  g_array_set_clear_func (all, series_clear);
  *n_swept = 0;
  for (guint m = 0; m < clab_compare_get_n_modes (compare); m++)
    {
      ClabMode mode = clab_compare_get_mode (compare, m);
      gboolean used = FALSE;

      for (guint i = 0; i < clab_compare_get_n_results (compare) && mode != CLAB_MODE_SEQUENTIAL; i++)
        {
          Series series = { i, MIN (*n_swept, MAX_STYLES - 1), mode,
                            collect_points (clab_compare_get_result (compare, i), mode) };

          if (series.points->len == 0)
            {
              series_clear (&series);
              continue;
            }
          g_array_append_val (all, series);
          used = TRUE;
        }
      if (used)
        swept[(*n_swept)++] = mode;
    }
  return all;
}

static const ClabChartSwatch style_swatches[MAX_STYLES] = {
  CLAB_CHART_SWATCH_MARKER, CLAB_CHART_SWATCH_DASHED, CLAB_CHART_SWATCH_DOTTED,
};

static void
set_dash (cairo_t *cr,
          guint    style,
          double   u)
{
  if (style == 1)
    cairo_set_dash (cr, (double[]) { 7 * u, 4 * u }, 2, 0);
  else if (style == 2)
    cairo_set_dash (cr, (double[]) { 2 * u, 3 * u }, 2, 0);
}

static gboolean
result_has_series (GArray *all,
                   guint   i)
{
  for (guint k = 0; k < all->len; k++)
    if (g_array_index (all, Series, k).result == i)
      return TRUE;
  return FALSE;
}

static void
draw_legend (CompareContext *cc,
             GArray         *all,
             const ClabMode *swept,
             guint           n_swept)
{
  guint n = clab_compare_get_n_results (cc->compare);
  g_autofree ClabChartLegendItem *items = g_new0 (ClabChartLegendItem, n + MAX_STYLES + 1);
  g_auto(GStrv) labels = g_new0 (char *, n + 1);
  guint n_items = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!result_has_series (all, i))
        continue;
      labels[i] = _clab_chart_compare_dup_legend_label (cc->compare, i);
      items[n_items].swatch = CLAB_CHART_SWATCH_BOX;
      _clab_chart_compare_color (i, &items[n_items].color);
      items[n_items++].label = labels[i];
    }
  /* The line's pattern tells the modes apart once more than one was swept. */
  for (guint k = 0; k < n_swept && n_swept > 1 && k < MAX_STYLES; k++)
    items[n_items++] = (ClabChartLegendItem) { style_swatches[k], cc->ctx.style.dim,
                                               clab_mode_label (swept[k]) };
  items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_LINE, cc->ctx.style.axis,
                                             _("ideal: speedup = workers") };
  clab_chart_frame_legend (&cc->ctx, items, n_items);
}

static void
compute_layout (CompareContext *cc,
                GArray         *all,
                Layout         *layout)
{
  ClabChartStyle *style = &cc->ctx.style;
  cairo_rectangle_t *area = &cc->ctx.area;
  double u = style->unit, max_workers = 1, max_speedup = 1, max_ideal = 1;
  double tick_h = clab_chart_style_line_height (style, CLAB_CHART_FONT_TICK);

  for (guint k = 0; k < all->len; k++)
    {
      const Series *series = &g_array_index (all, Series, k);
      GArray *points = series->points;
      guint cpus = clab_result_get_system (clab_compare_get_result (cc->compare,
                                                                   series->result))->cpus;

      for (guint p = 0; p < points->len; p++)
        {
          max_workers = MAX (max_workers, g_array_index (points, ClabSweepPoint, p).workers);
          max_speedup = MAX (max_speedup, g_array_index (points, ClabSweepPoint, p).speedup);
        }
      max_ideal = MAX (max_ideal, cpus);
    }
  /* The ideal line runs off the top past the CPUs rather than squash real speedups. */
  max_ideal = MIN (max_ideal, max_workers);
  layout->y0 = area->y + tick_h / 2;
  layout->y1 = area->y + area->height - tick_h
               - clab_chart_style_line_height (style, CLAB_CHART_FONT_LABEL) - 10 * u;
  clab_chart_axis_init (&layout->y, "×", FALSE);
  clab_chart_axis_set_range (&layout->y, 0, MAX (max_speedup, max_ideal) * 1.08,
                             MAX (2, (int) ((layout->y1 - layout->y0) / (40 * u))), TRUE);
  clab_chart_axis_set_pixels (&layout->y, layout->y1, layout->y0);
  layout->x0 = area->x + clab_chart_axis_label_width (&layout->y, style) + 8 * u;
  layout->x1 = area->x + area->width - 8 * u;
  clab_chart_axis_init (&layout->x, "", FALSE);
  clab_chart_axis_set_range (&layout->x, 0, max_workers,
                             MAX (1, (int) ((layout->x1 - layout->x0) / (60 * u))), TRUE);
  /* Worker counts are whole numbers. */
  layout->x.step = MAX (layout->x.step, 1.0);
  layout->x.max = ceil (layout->x.max / layout->x.step) * layout->x.step;
  clab_chart_axis_set_pixels (&layout->x, layout->x0, layout->x1);
}

static void
draw_axes (CompareContext *cc,
           const Layout   *layout)
{
  ClabChartStyle *style = &cc->ctx.style;
  cairo_t *cr = cc->ctx.cr;
  double u = style->unit, y = clab_chart_snap_line (cr, layout->y1, u, TRUE);

  clab_chart_axis_draw_y (&layout->y, style, cr, layout->x0, layout->x1);
  clab_chart_axis_draw_x_grid (&layout->x, style, cr, layout->y0, layout->y1);
  clab_chart_axis_draw_x (&layout->x, style, cr, layout->y1, layout->y1);
  cairo_move_to (cr, layout->x0, y);
  cairo_line_to (cr, layout->x1, y);
  cairo_set_line_width (cr, u);
  clab_chart_set_color (cr, &style->axis);
  cairo_stroke (cr);
  clab_chart_draw_text (style, cr, CLAB_CHART_FONT_LABEL, _("workers"),
                        (layout->x0 + layout->x1) / 2,
                        layout->y1 + clab_chart_style_line_height (style, CLAB_CHART_FONT_TICK)
                        + 8 * u, 0.5, 0.0, &style->dim);
}

static void
draw_ideal (CompareContext *cc,
            const Layout   *layout)
{
  cairo_t *cr = cc->ctx.cr;
  double top = MIN (layout->x.max, layout->y.max);

  cairo_move_to (cr, clab_chart_axis_map (&layout->x, 0), clab_chart_axis_map (&layout->y, 0));
  cairo_line_to (cr, clab_chart_axis_map (&layout->x, top), clab_chart_axis_map (&layout->y, top));
  cairo_set_line_width (cr, 1.5 * cc->ctx.style.unit);
  clab_chart_set_color (cr, &cc->ctx.style.axis);
  cairo_stroke (cr);
}

/* Whether result @i is the first with a curve and its CPU count, and whether it is the only one. */
static gboolean
first_with_cpus (CompareContext *cc,
                 GArray         *all,
                 guint           i,
                 gboolean       *only)
{
  guint cpus = clab_result_get_system (clab_compare_get_result (cc->compare, i))->cpus;

  *only = TRUE;
  for (guint j = 0; j < clab_compare_get_n_results (cc->compare); j++)
    {
      if (j == i || !result_has_series (all, j)
          || clab_result_get_system (clab_compare_get_result (cc->compare, j))->cpus != cpus)
        continue;
      if (j < i)
        return FALSE;
      *only = FALSE;
    }
  return TRUE;
}

/* Where each machine runs out of CPUs, in its colour: past it, workers only add overhead. */
static void
draw_cpu_lines (CompareContext *cc,
                GArray         *all,
                const Layout   *layout)
{
  ClabChartStyle *style = &cc->ctx.style;
  double u = style->unit, line = clab_chart_style_line_height (style, CLAB_CHART_FONT_LABEL);
  guint drawn = 0;

  for (guint i = 0; i < clab_compare_get_n_results (cc->compare); i++)
    {
      guint cpus = clab_result_get_system (clab_compare_get_result (cc->compare, i))->cpus;
      gboolean only;
      double x;
      ClabChartColor color = style->foreground;
      g_autofree char *label = NULL;

      if (!result_has_series (all, i) || cpus == 0 || cpus > layout->x.max
          || !first_with_cpus (cc, all, i, &only))
        continue;
      /* Machines of the same size share one line, in the ink of neither. */
      if (only)
        _clab_chart_compare_color (i, &color);
      x = clab_chart_snap_line (cc->ctx.cr, clab_chart_axis_map (&layout->x, cpus), u, FALSE);
      cairo_move_to (cc->ctx.cr, x, layout->y0);
      cairo_line_to (cc->ctx.cr, x, layout->y1);
      cairo_set_line_width (cc->ctx.cr, u);
      clab_chart_set_color (cc->ctx.cr, &color);
      cairo_stroke (cc->ctx.cr);
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u CPU", "%u CPUs", cpus), cpus);
      /* Stacked, so that two machines' labels never print over each other. */
      clab_chart_draw_text (style, cc->ctx.cr, CLAB_CHART_FONT_LABEL, label, x - 4 * u,
                            layout->y1 - 4 * u - drawn++ * line, 1.0, 1.0, &color);
    }
}

static char *
dup_point_description (ClabCompare          *compare,
                       const Series         *series,
                       const ClabSweepPoint *point)
{
  g_autofree char *mean = clab_format_duration (point->mean_s);
  g_autofree char *speedup = clab_format_ratio (point->speedup, point->speedup_err);

  /* TRANSLATORS: result, mode, workers, speedup, mean elapsed time */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s with %u worker: %s (mean %s)",
                                       "%s, %s with %u workers: %s (mean %s)", point->workers),
                          clab_compare_get_label (compare, series->result),
                          clab_mode_label (series->mode), point->workers, speedup, mean);
}

static void
draw_series (CompareContext *cc,
             const Series   *series,
             const Layout   *layout)
{
  cairo_t *cr = cc->ctx.cr;
  double u = cc->ctx.style.unit, r = 4 * u;
  ClabChartColor color;

  _clab_chart_compare_color (series->result, &color);
  for (guint k = 0; k < series->points->len; k++)
    {
      const ClabSweepPoint *point = &g_array_index (series->points, ClabSweepPoint, k);

      cairo_line_to (cr, clab_chart_axis_map (&layout->x, point->workers),
                     clab_chart_axis_map (&layout->y, point->speedup));
    }
  cairo_save (cr);
  set_dash (cr, series->style, u);
  cairo_set_line_width (cr, 2.5 * u);
  clab_chart_set_color (cr, &color);
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint k = 0; k < series->points->len; k++)
    {
      const ClabSweepPoint *point = &g_array_index (series->points, ClabSweepPoint, k);
      double x = clab_chart_axis_map (&layout->x, point->workers);
      double y = clab_chart_axis_map (&layout->y, point->speedup);

      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      clab_chart_set_color (cr, &color);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5 * u);
      clab_chart_set_color (cr, &cc->ctx.style.background);
      cairo_stroke (cr);
      if (cc->ctx.hits != NULL)
        {
          g_autofree char *tooltip = dup_point_description (cc->compare, series, point);

          clab_chart_add_hit (&cc->ctx, x - 2 * r, y - 2 * r, 4 * r, 4 * r, tooltip);
        }
    }
}

/* The results the chart leaves out, and why others show less, under it. */
static char *
dup_caption (ClabCompare *compare,
             GArray      *all)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *notes = _clab_chart_compare_dup_caption (compare, FALSE);

  for (guint i = 0; i < clab_compare_get_n_results (compare); i++)
    {
      if (result_has_series (all, i))
        continue;
      if (text->len > 0)
        g_string_append (text, " ");
      /* TRANSLATORS: under the comparison's scaling chart, a result that has no curve */
      g_string_append_printf (text, _("%s was measured at one worker count."),
                              clab_compare_get_label (compare, i));
    }
  if (text->len > 0 && *notes != '\0')
    g_string_append (text, " ");
  g_string_append (text, notes);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
_clab_chart_compare_draw_scaling (CompareContext *cc)
{
  ClabMode swept[CLAB_N_MODES];
  guint n_swept;
  g_autoptr(GArray) all = collect_series (cc->compare, swept, &n_swept);
  g_autofree char *caption = NULL;
  double u = cc->ctx.style.unit;
  Layout layout;

  if (all->len == 0)
    {
      clab_chart_frame_note (&cc->ctx, &cc->ctx.area,
                             _("No data: none of these results was measured at several worker "
                               "counts. Measure them with a sweep of worker counts to compare "
                               "how they scale."));
      return;
    }
  draw_legend (cc, all, swept, n_swept);
  caption = dup_caption (cc->compare, all);
  clab_chart_frame_caption (&cc->ctx, caption);
  clab_chart_frame_axis_title (&cc->ctx, _("speedup against each result’s own sequential time"));
  compute_layout (cc, all, &layout);
  draw_axes (cc, &layout);
  draw_cpu_lines (cc, all, &layout);
  cairo_save (cc->ctx.cr);
  /* Clip lines that leave the plot, but not the dots on its edges. */
  cairo_rectangle (cc->ctx.cr, layout.x0 - 6 * u, layout.y0 - 6 * u,
                   layout.x1 - layout.x0 + 12 * u, layout.y1 - layout.y0 + 12 * u);
  cairo_clip (cc->ctx.cr);
  draw_ideal (cc, &layout);
  for (guint k = 0; k < all->len; k++)
    draw_series (cc, &g_array_index (all, Series, k), &layout);
  cairo_restore (cc->ctx.cr);
}

void
_clab_chart_compare_describe_scaling (ClabCompare *compare,
                                      GString     *out)
{
  ClabMode swept[CLAB_N_MODES];
  guint n_swept;
  g_autoptr(GArray) all = collect_series (compare, swept, &n_swept);

  for (guint i = 0; i < clab_compare_get_n_results (compare); i++)
    if (!result_has_series (all, i))
      g_string_append_printf (out, _("%s: no sweep of worker counts.\n"),
                              clab_compare_get_label (compare, i));
  for (guint k = 0; k < all->len; k++)
    {
      const Series *series = &g_array_index (all, Series, k);

      for (guint p = 0; p < series->points->len; p++)
        {
          g_autofree char *line = dup_point_description (compare, series,
                                                         &g_array_index (series->points,
                                                                         ClabSweepPoint, p));

          g_string_append_printf (out, "%s.\n", line);
        }
    }
}
