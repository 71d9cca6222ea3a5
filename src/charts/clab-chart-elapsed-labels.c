/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-elapsed-private.h"
#include "clab-format.h"

/* The Elapsed chart's words and numbers around its bars: over each its speedup, mean and
 * overhead, under it the mode's name, each fitted to the bar's slot so that none runs into
 * its neighbour's. */

/* Under the bar's name: why it has no bar, its failures, or that it won. */
static char *
dup_mode_note (ClabChartContext      *ctx,
               const Bar             *bar,
               gboolean               fastest,
               const ClabChartColor **color)
{
  guint failures = bar->mode_result ? bar->mode_result->stats.failures : 0;

  if (color != NULL)
    *color = &ctx->style.foreground;
  if (!bar->valid)
    {
      if (color != NULL)
        *color = &ctx->style.dim;
      return g_strdup (bar->mode_result && bar->mode_result->runs->len > 0
                       ? _("no finished run") : _("no data"));
    }
  if (failures > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "✕ %u failed task",
                                         "✕ %u failed tasks", failures), failures);
  if (fastest)
    return g_strdup (ctx->options->cpu_time ? _("least CPU") : _("fastest"));
  return NULL;
}

/* A label under a bar, wrapped to its slot: "Process pool" over two lines when narrow. */
static PangoLayout *
dup_name_layout (ClabChartContext *ctx,
                 ClabChartFont     font,
                 const char       *text,
                 double            width)
{
  PangoLayout *layout = clab_chart_style_layout (&ctx->style, font, text);

  pango_layout_set_width (layout, MAX (1, width) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

static double
name_height (ClabChartContext *ctx,
             ClabChartFont     font,
             const char       *text,
             double            width)
{
  g_autoptr(PangoLayout) layout = dup_name_layout (ctx, font, text, width);
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.height;
}

/* The room under the plot for the tallest of the mode names and their notes at @slot; the
 * bold of the @fastest is wider than the others' names. */
double
_clab_chart_elapsed_names_height (ClabChartContext *ctx,
                                  const Bar        *bars,
                                  guint             n,
                                  int               fastest,
                                  double            slot)
{
  double width = slot - 4 * ctx->style.unit, tallest = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *note = dup_mode_note (ctx, &bars[i], (int) i == fastest, NULL);
      double h = name_height (ctx, (int) i == fastest ? CLAB_CHART_FONT_LABEL_BOLD
                                                      : CLAB_CHART_FONT_LABEL,
                              clab_mode_label (bars[i].mode), width);

      if (note != NULL)
        h += name_height (ctx, CLAB_CHART_FONT_LABEL, note, width);
      tallest = MAX (tallest, h);
    }
  return tallest;
}

void
_clab_chart_elapsed_choose_font (ClabChartContext *ctx,
                                 const Bar        *bars,
                                 guint             n,
                                 Layout           *layout)
{
  double room = layout->slot - 4 * ctx->style.unit;

  layout->font = CLAB_CHART_FONT_LABEL;
  layout->bold = CLAB_CHART_FONT_LABEL_BOLD;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *mean = NULL;

      if (!bars[i].valid)
        continue;
      mean = clab_chart_format_duration_precise (bars[i].mean);
      if (clab_chart_style_text_width (&ctx->style, CLAB_CHART_FONT_LABEL, mean) > room)
        layout->font = layout->bold = CLAB_CHART_FONT_TICK;
    }
  layout->line = clab_chart_style_line_height (&ctx->style, layout->font);
}

static char *
dup_speedup_label (const Bar            *bar,
                   gboolean              cpu_time,
                   ClabChartFont         font,
                   double                max_width,
                   const ClabChartStyle *style)
{
  const ClabStats *stats = &bar->mode_result->stats;
  g_autofree char *ratio = NULL;
  char *label;

  /* Not "baseline": that is the result a person pins to compare against. */
  if (bar->mode == CLAB_MODE_SEQUENTIAL)
    /* TRANSLATORS: under the sequential bar, what the other modes' speedups are measured against */
    return g_strdup (_("reference"));
  if (cpu_time)
    {
      if (!isfinite (bar->ratio))
        return NULL;
      ratio = clab_format_ratio (bar->ratio, NAN);
      /* TRANSLATORS: the CPU time of a mode against sequential's, e.g. "1.04 × CPU" */
      return g_strdup_printf (_("%s CPU"), ratio);
    }
  /* An impossible speedup is no finding: the caption says why. */
  if (!isfinite (stats->speedup) || !clab_stats_mode_is_possible (stats))
    return NULL;
  label = clab_format_speedup (stats);
  if (clab_chart_style_text_width (style, font, label) <= max_width)
    return label;
  g_free (label);
  return clab_format_ratio (stats->speedup, NAN);
}

/* "+6.60 ms overhead", or "+6.60 ms" where the long form would run into the next bar's. */
static char *
dup_overhead_label (const Bar            *bar,
                    ClabChartFont         font,
                    double                max_width,
                    const ClabChartStyle *style)
{
  double overhead = MAX (0, bar->mean - bar->ideal);
  g_autofree char *amount = clab_chart_format_duration (overhead);
  char *label;

  /* The ideal is never more than the mean: a bar that is all ideal has nothing to add. */
  if (overhead < 5e-7)
    return g_strdup (_("no overhead"));
  /* TRANSLATORS: below a bar's mean, e.g. "+6.60 ms overhead" */
  label = g_strdup_printf (_("+%s overhead"), amount);

  if (clab_chart_style_text_width (style, font, label) <= max_width)
    return label;
  g_free (label);
  return g_strdup_printf ("+%s", amount);
}

/* A value label over a bar, if it fits its slot: a neighbour's would be under it otherwise. */
static void
draw_value_label (ClabChartContext     *ctx,
                  const Layout         *layout,
                  ClabChartFont         font,
                  const char           *text,
                  double                cx,
                  double                y,
                  const ClabChartColor *color)
{
  if (clab_chart_style_text_width (&ctx->style, font, text) > layout->slot - 4 * ctx->style.unit)
    return;
  clab_chart_draw_label (ctx, font, text, cx, y, 0.5, 1.0, color);
}

void
_clab_chart_elapsed_draw_value_labels (ClabChartContext *ctx,
                                       const Bar        *bar,
                                       const Layout     *layout,
                                       double            cx)
{
  ClabChartStyle *style = &ctx->style;
  double value = bar->mode_result->stats.n_runs >= 2 ? MAX (bar->mean, bar->hi) : bar->mean;
  double y = clab_chart_axis_map (&layout->axis, value) - 4 * style->unit;
  double max_width = layout->slot - 4 * style->unit;
  g_autofree char *mean = clab_chart_format_duration_precise (bar->mean);
  g_autofree char *speedup = NULL;

  /* The overhead in numbers: 6 ms of process start-up is invisible in a 2 s bar. */
  if (layout->label_lines >= 3 && isfinite (bar->ideal))
    {
      g_autofree char *overhead = dup_overhead_label (bar, layout->font, max_width, style);

      draw_value_label (ctx, layout, layout->font, overhead, cx, y, &style->dim);
      y -= layout->line;
    }
  draw_value_label (ctx, layout, layout->font, mean, cx, y, &style->foreground);
  y -= layout->line;
  if (layout->label_lines >= 3)
    speedup = dup_speedup_label (bar, ctx->options->cpu_time, layout->bold, max_width, style);
  if (speedup != NULL)
    draw_value_label (ctx, layout, layout->bold, speedup, cx, y, &style->foreground);
}

/* Draws @text centred under @cx from @y, wrapped to the slot; returns its height. */
static double
draw_name (ClabChartContext     *ctx,
           const Layout         *layout,
           ClabChartFont         font,
           const char           *text,
           double                cx,
           double                y,
           const ClabChartColor *color)
{
  g_autoptr(PangoLayout) name = dup_name_layout (ctx, font, text,
                                                 layout->slot - 4 * ctx->style.unit);
  PangoRectangle logical;

  pango_layout_get_pixel_extents (name, NULL, &logical);
  clab_chart_draw_layout (ctx->cr, name, cx, y, 0.5, 0.0, color);
  clab_chart_note_label (ctx, cx - logical.width / 2.0, y, logical.width, logical.height, text);
  return logical.height;
}

void
_clab_chart_elapsed_draw_mode_labels (ClabChartContext *ctx,
                                      const Bar        *bar,
                                      const Layout     *layout,
                                      double            cx,
                                      gboolean          fastest)
{
  ClabChartStyle *style = &ctx->style;
  double y = layout->y1 + 4 * style->unit;
  const ClabChartColor *note_color;
  g_autofree char *note = dup_mode_note (ctx, bar, fastest, &note_color);

  y += draw_name (ctx, layout, fastest ? CLAB_CHART_FONT_LABEL_BOLD : CLAB_CHART_FONT_LABEL,
                  clab_mode_label (bar->mode), cx, y, &style->foreground);
  if (note != NULL)
    draw_name (ctx, layout, CLAB_CHART_FONT_LABEL, note, cx, y, note_color);
}
