/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-compare-private.h"
#include "clab-compare-text.h"
#include "clab-format.h"

/* Modes grouped, one bar per result in its colour: the mean, the min–max of its runs, and
 * over it the change against the reference. */

typedef struct
{
  double        x0, x1, y0, y1;    /* the plot; y1 is the zero baseline */
  double        group;             /* width of one mode's group of bars */
  double        bar_width;
  double        gap;               /* between the bars of a group */
  /* Over each bar its change and its mean: two lines in @font where every bar's fit across
   * it, else turned upright to read upwards, so that a narrow chart still shows them all. */
  gboolean      labels;
  gboolean      upright;
  ClabChartFont font;
  ClabChartAxis axis;
} Layout;

static gboolean
any_spread (ClabCompare *compare)
{
  for (guint i = 0; i < clab_compare_get_n_results (compare); i++)
    for (guint m = 0; m < clab_compare_get_n_modes (compare); m++)
      {
        const ClabCompareCell *cell = clab_compare_get_cell (compare, i, m);

        if (cell->has_mean && cell->mode_result->stats.n_runs >= 2)
          return TRUE;
      }
  return FALSE;
}

static void
draw_elapsed_legend (CompareContext *cc)
{
  guint n = clab_compare_get_n_results (cc->compare);
  g_autofree ClabChartLegendItem *items = g_new0 (ClabChartLegendItem, n + 1);
  g_auto(GStrv) labels = g_new0 (char *, n + 1);
  guint n_items = 0;

  for (guint i = 0; i < n; i++)
    {
      labels[i] = _clab_chart_compare_dup_legend_label (cc->compare, i);
      items[n_items].swatch = CLAB_CHART_SWATCH_BOX;
      _clab_chart_compare_color (i, &items[n_items].color);
      items[n_items++].label = labels[i];
    }
  if (any_spread (cc->compare))
    items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_WHISKER, cc->ctx.style.foreground,
                                               _("min–max of the runs") };
  clab_chart_frame_legend (&cc->ctx, items, n_items);
}

static double
cell_top (const ClabCompareCell *cell)
{
  const ClabStats *stats = &cell->mode_result->stats;

  return stats->n_runs >= 2 && isfinite (stats->max_s) ? MAX (stats->max_s, stats->mean_s)
                                                       : stats->mean_s;
}

/* The change over a bar; the reference's is in the legend. */
static char *
dup_bar_change (const ClabCompareCell *cell)
{
  if (cell->change.kind == CLAB_COMPARE_CHANGE_REFERENCE)
    return NULL;
  return clab_compare_dup_change_short (&cell->change);
}

static ClabChartFont
bold_font (const ClabCompareCell *cell,
           ClabChartFont          font)
{
  return cell->change.direction != 0 && font == CLAB_CHART_FONT_LABEL ? CLAB_CHART_FONT_LABEL_BOLD
                                                                       : font;
}

/* The widest change or mean over any bar in @font, so that every bar gets them alike. */
static double
widest_label (CompareContext *cc,
              ClabChartFont   font)
{
  ClabCompare *compare = cc->compare;
  double widest = 0;

  for (guint i = 0; i < clab_compare_get_n_results (compare); i++)
    for (guint m = 0; m < clab_compare_get_n_modes (compare); m++)
      {
        const ClabCompareCell *cell = clab_compare_get_cell (compare, i, m);
        g_autofree char *mean = NULL;
        g_autofree char *change = NULL;

        if (!cell->has_mean)
          continue;
        mean = clab_chart_format_duration (cell->mode_result->stats.mean_s);
        change = dup_bar_change (cell);
        widest = MAX (widest, clab_chart_style_text_width (&cc->ctx.style, font, mean));
        if (change != NULL)
          widest = MAX (widest, clab_chart_style_text_width (&cc->ctx.style,
                                                             bold_font (cell, font), change));
      }
  return widest;
}

/* How far the labels of @cell reach above its top, in the layout's way of drawing them. */
static double
label_extent (CompareContext        *cc,
              const Layout          *layout,
              const ClabCompareCell *cell)
{
  ClabChartStyle *style = &cc->ctx.style;
  g_autofree char *mean = clab_chart_format_duration (cell->mode_result->stats.mean_s);
  g_autofree char *change = dup_bar_change (cell);
  double line = clab_chart_style_line_height (style, layout->font);

  if (!layout->upright)
    return (change != NULL ? 2 : 1) * line + 3 * style->unit;
  return clab_chart_style_text_width (style, layout->font, mean) + 3 * style->unit
         + (change != NULL ? clab_chart_style_text_width (style, bold_font (cell, layout->font),
                                                          change) + 6 * style->unit
                           : 0);
}

/* Flat in the label font, flat in the smaller tick font, or upright: the first that fits. */
static void
choose_labels (CompareContext *cc,
               Layout         *layout)
{
  ClabChartStyle *style = &cc->ctx.style;
  double room = layout->bar_width + layout->gap - 4 * style->unit;

  layout->labels = TRUE;
  layout->upright = FALSE;
  layout->font = CLAB_CHART_FONT_LABEL;
  if (widest_label (cc, CLAB_CHART_FONT_LABEL) <= room)
    return;
  layout->font = CLAB_CHART_FONT_TICK;
  if (widest_label (cc, CLAB_CHART_FONT_TICK) <= room)
    return;
  layout->upright = TRUE;
  layout->font = clab_chart_style_line_height (style, CLAB_CHART_FONT_LABEL) <= room
                 ? CLAB_CHART_FONT_LABEL : CLAB_CHART_FONT_TICK;
  /* Narrower than a line of text: the tooltips and the table below have the numbers. */
  layout->labels = clab_chart_style_line_height (style, layout->font) <= room;
}

/* The axis's top: each bar's labels fit above it, a tall bar's as a short bar's. */
static double
axis_top (CompareContext *cc,
          const Layout   *layout,
          double          height)
{
  double top = 0;

  for (guint i = 0; i < clab_compare_get_n_results (cc->compare); i++)
    for (guint m = 0; m < clab_compare_get_n_modes (cc->compare); m++)
      {
        const ClabCompareCell *cell = clab_compare_get_cell (cc->compare, i, m);
        double room;

        if (!cell->has_mean)
          continue;
        room = layout->labels ? height - label_extent (cc, layout, cell) : height;
        top = MAX (top, cell_top (cell) * height / MAX (room, height / 3));
      }
  return top;
}

static void
compute_elapsed_layout (CompareContext *cc,
                        Layout         *layout)
{
  ClabChartContext *ctx = &cc->ctx;
  ClabChartStyle *style = &ctx->style;
  guint n = clab_compare_get_n_results (cc->compare);
  guint n_modes = clab_compare_get_n_modes (cc->compare);
  double u = style->unit, top = 0, height, slot;
  double line = clab_chart_style_line_height (style, CLAB_CHART_FONT_LABEL);

  for (guint i = 0; i < n; i++)
    for (guint m = 0; m < n_modes; m++)
      if (clab_compare_get_cell (cc->compare, i, m)->has_mean)
        top = MAX (top, cell_top (clab_compare_get_cell (cc->compare, i, m)));
  layout->y0 = ctx->area.y + clab_chart_style_line_height (style, CLAB_CHART_FONT_TICK) / 2;
  layout->y1 = ctx->area.y + ctx->area.height - line - 8 * u;
  height = MAX (1, layout->y1 - layout->y0);

  clab_chart_axis_init_time (&layout->axis, top);
  layout->x0 = ctx->area.x + 8 * u;
  layout->x1 = ctx->area.x + ctx->area.width;
  /* A first guess of the axis labels' width; the range below does not widen them much. */
  clab_chart_axis_set_range (&layout->axis, 0, top, MAX (2, (int) (height / (48 * u))), TRUE);
  layout->x0 += clab_chart_axis_label_width (&layout->axis, style);
  layout->group = (layout->x1 - layout->x0) / MAX (n_modes, 1);
  slot = layout->group * 0.84 / MAX (n, 1);
  layout->bar_width = MIN (slot * 0.82, 72 * u);
  layout->gap = MIN (slot - layout->bar_width, 8 * u);

  choose_labels (cc, layout);
  clab_chart_axis_set_range (&layout->axis, 0, axis_top (cc, layout, height),
                             MAX (2, (int) (height / (48 * u))), TRUE);
  clab_chart_axis_set_pixels (&layout->axis, layout->y1, layout->y0);
}

static double
bar_x (const Layout *layout,
       guint         m,
       guint         i,
       guint         n)
{
  double span = n * layout->bar_width + (n - 1) * layout->gap;
  double left = layout->x0 + m * layout->group + (layout->group - span) / 2;

  return left + i * (layout->bar_width + layout->gap);
}

static void
draw_whisker (ClabChartContext *ctx,
              const ClabStats  *stats,
              const Layout     *layout,
              double            cx)
{
  cairo_t *cr = ctx->cr;
  double u = ctx->style.unit, cap = MIN (layout->bar_width / 4, 6 * u);
  double lo = clab_chart_axis_map (&layout->axis, stats->min_s);
  double hi = clab_chart_axis_map (&layout->axis, stats->max_s);

  if (stats->n_runs < 2 || !isfinite (stats->min_s) || !isfinite (stats->max_s))
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

static void
draw_bar_labels (ClabChartContext      *ctx,
                 const ClabCompareCell *cell,
                 const Layout          *layout,
                 double                 cx)
{
  ClabChartStyle *style = &ctx->style;
  double u = style->unit;
  double y = clab_chart_axis_map (&layout->axis, cell_top (cell)) - 3 * u;
  g_autofree char *change = dup_bar_change (cell);
  g_autofree char *mean = clab_chart_format_duration (cell->mode_result->stats.mean_s);
  ClabChartFont font = bold_font (cell, layout->font);

  if (!layout->labels)
    return;
  if (layout->upright)
    {
      /* Upwards from the bar: its mean first, as the flat labels read from the bar up. */
      y -= clab_chart_draw_label_upright (ctx, layout->font, mean, cx, y, &style->dim);
      if (change != NULL)
        clab_chart_draw_label_upright (ctx, font, change, cx, y - 6 * u, &style->foreground);
      return;
    }
  if (change != NULL)
    {
      clab_chart_draw_label (ctx, font, change, cx, y, 0.5, 1.0, &style->foreground);
      y -= clab_chart_style_line_height (style, layout->font);
    }
  clab_chart_draw_label (ctx, layout->font, mean, cx, y, 0.5, 1.0, &style->dim);
}

static char *
dup_cell_description (ClabCompare           *compare,
                      guint                  i,
                      const ClabCompareCell *cell)
{
  const ClabStats *stats = &cell->mode_result->stats;
  g_autofree char *mean = clab_format_duration_spread (stats->mean_s, stats->stddev_s,
                                                       stats->n_runs);
  g_autofree char *median = clab_format_duration (stats->median_s);
  g_autofree char *change = clab_compare_dup_change_text (&cell->change);

  /* TRANSLATORS: result, mode, mean ± σ, runs, median, change against the reference */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s, %s: mean %s over %u run, median %s; %s",
                                       "%s, %s: mean %s over %u runs, median %s; %s",
                                       stats->n_runs),
                          clab_compare_get_label (compare, i), clab_mode_label (cell->mode),
                          mean, stats->n_runs, median, change);
}

static void
draw_bar (CompareContext        *cc,
          guint                  i,
          const ClabCompareCell *cell,
          const Layout          *layout,
          double                 x)
{
  ClabChartContext *ctx = &cc->ctx;
  cairo_t *cr = ctx->cr;
  ClabChartColor color;
  double base = clab_chart_snap (cr, layout->y1, TRUE);
  double top = clab_chart_snap (cr, clab_chart_axis_map (&layout->axis,
                                                         cell->mode_result->stats.mean_s), TRUE);
  double x0 = clab_chart_snap (cr, x, FALSE);
  double x1 = clab_chart_snap (cr, x + layout->bar_width, FALSE);
  double cx = x + layout->bar_width / 2;

  _clab_chart_compare_color (i, &color);
  cairo_rectangle (cr, x0, top, x1 - x0, base - top);
  if (cell->change.kind == CLAB_COMPARE_CHANGE_FAILED || cell->mode_result->stats.failures > 0)
    {
      /* Failed tasks make a mean that is no finding: hatched, as failures are elsewhere. */
      clab_chart_fill_tinted_hatched (&ctx->style, cr, &color, 0.35, &color,
                                      4 * ctx->style.unit);
    }
  else
    {
      clab_chart_set_color (cr, &color);
      cairo_fill (cr);
    }
  draw_whisker (ctx, &cell->mode_result->stats, layout, cx);
  draw_bar_labels (ctx, cell, layout, cx);
  if (ctx->hits != NULL)
    {
      g_autofree char *tooltip = dup_cell_description (cc->compare, i, cell);

      clab_chart_add_hit (ctx, x0, MIN (top, base - 6 * ctx->style.unit), x1 - x0,
                          MAX (base - top, 6 * ctx->style.unit), tooltip);
    }
}

static void
draw_groups (CompareContext *cc,
             const Layout   *layout)
{
  ClabChartContext *ctx = &cc->ctx;
  ClabChartStyle *style = &ctx->style;
  guint n = clab_compare_get_n_results (cc->compare);

  for (guint m = 0; m < clab_compare_get_n_modes (cc->compare); m++)
    {
      ClabMode mode = clab_compare_get_mode (cc->compare, m);
      double cx = layout->x0 + (m + 0.5) * layout->group;

      for (guint i = 0; i < n; i++)
        {
          const ClabCompareCell *cell = clab_compare_get_cell (cc->compare, i, m);
          double x = bar_x (layout, m, i, n);

          if (cell->has_mean)
            draw_bar (cc, i, cell, layout, x);
          else
            clab_chart_draw_text (style, ctx->cr, CLAB_CHART_FONT_LABEL, CLAB_FORMAT_NONE,
                                  x + layout->bar_width / 2, layout->y1 - 2 * style->unit,
                                  0.5, 1.0, &style->dim);
        }
      clab_chart_draw_text (style, ctx->cr, CLAB_CHART_FONT_LABEL, clab_mode_label (mode),
                            cx, layout->y1 + 6 * style->unit, 0.5, 0.0, &style->foreground);
    }
}

void
_clab_chart_compare_draw_elapsed (CompareContext *cc)
{
  ClabChartContext *ctx = &cc->ctx;
  g_autofree char *caption = _clab_chart_compare_dup_caption (cc->compare, TRUE);
  double line = ctx->style.unit;
  Layout layout;

  draw_elapsed_legend (cc);
  clab_chart_frame_caption (ctx, caption);
  compute_elapsed_layout (cc, &layout);
  clab_chart_axis_draw_y (&layout.axis, &ctx->style, ctx->cr, layout.x0, layout.x1);
  draw_groups (cc, &layout);
  cairo_move_to (ctx->cr, layout.x0, clab_chart_snap_line (ctx->cr, layout.y1, line, TRUE));
  cairo_line_to (ctx->cr, layout.x1, clab_chart_snap_line (ctx->cr, layout.y1, line, TRUE));
  cairo_set_line_width (ctx->cr, line);
  clab_chart_set_color (ctx->cr, &ctx->style.axis);
  cairo_stroke (ctx->cr);
}

void
_clab_chart_compare_describe_elapsed (ClabCompare *compare,
                                      GString     *out)
{
  for (guint m = 0; m < clab_compare_get_n_modes (compare); m++)
    for (guint i = 0; i < clab_compare_get_n_results (compare); i++)
      {
        const ClabCompareCell *cell = clab_compare_get_cell (compare, i, m);
        g_autofree char *line = NULL;

        if (cell->has_mean)
          line = dup_cell_description (compare, i, cell);
        else
          /* TRANSLATORS: a result and a mode it has no data of */
          line = g_strdup_printf (_("%s, %s: no data"), clab_compare_get_label (compare, i),
                                  clab_mode_label (cell->mode));
        g_string_append_printf (out, "%s.\n", line);
      }
}
