/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-axis.h"
#include "clab-format.h"

double
clab_chart_nice_step (double rough)
{
  double magnitude, fraction;

  if (!(rough > 0) || !isfinite (rough))
    return 1.0;
  magnitude = pow (10.0, floor (log10 (rough)));
  fraction = rough / magnitude;
  if (fraction <= 1.0 + 1e-9)
    return magnitude;
  if (fraction <= 2.0 + 1e-9)
    return 2.0 * magnitude;
  if (fraction <= 5.0 + 1e-9)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

/* Durations are formatted by core, as everywhere else; these names stay for the charts. */
char *
clab_chart_format_duration (double seconds)
{
  return clab_format_duration_short (seconds);
}

char *
clab_chart_format_duration_precise (double seconds)
{
  return clab_format_duration (seconds);
}

void
clab_chart_axis_init (ClabChartAxis *axis,
                      const char    *unit,
                      gboolean       unit_space)
{
  memset (axis, 0, sizeof *axis);
  axis->max = 1.0;
  axis->step = 1.0;
  axis->pix_max = 1.0;
  axis->factor = 1.0;
  axis->unit = unit;
  axis->unit_space = unit_space;
}

void
clab_chart_axis_init_time (ClabChartAxis *axis,
                           double         max_seconds)
{
  clab_chart_axis_init (axis, _("s"), TRUE);
  if (max_seconds < 0.001)
    {
      axis->factor = 1e6;
      axis->unit = _("µs");
    }
  else if (max_seconds < 1.0)
    {
      axis->factor = 1e3;
      axis->unit = _("ms");
    }
}

void
clab_chart_axis_set_range (ClabChartAxis *axis,
                           double         min,
                           double         max,
                           int            max_ticks,
                           gboolean       extend)
{
  if (!isfinite (min) || !isfinite (max) || max <= min)
    max = min + (isfinite (min) && min != 0 ? fabs (min) : 1.0);
  if (!isfinite (min))
    min = 0.0;
  /* Steps are nice in display units: 200 ms, not 0.2 s. */
  axis->step = clab_chart_nice_step ((max - min) * axis->factor / MAX (max_ticks, 1))
               / axis->factor;
  if (extend)
    {
      min = floor (min / axis->step + 1e-9) * axis->step;
      max = ceil (max / axis->step - 1e-9) * axis->step;
    }
  axis->min = min;
  axis->max = max;
}

void
clab_chart_axis_set_pixels (ClabChartAxis *axis,
                            double         pix_min,
                            double         pix_max)
{
  axis->pix_min = pix_min;
  axis->pix_max = pix_max;
}

double
clab_chart_axis_map (const ClabChartAxis *axis,
                     double               value)
{
  return axis->pix_min
         + (value - axis->min) / (axis->max - axis->min) * (axis->pix_max - axis->pix_min);
}

double
clab_chart_axis_unmap (const ClabChartAxis *axis,
                       double               pix)
{
  if (axis->pix_max == axis->pix_min)
    return axis->min;
  return axis->min
         + (pix - axis->pix_min) / (axis->pix_max - axis->pix_min) * (axis->max - axis->min);
}

char *
clab_chart_axis_format (const ClabChartAxis *axis,
                        double               value)
{
  double step = axis->step * axis->factor;
  int decimals = MAX (0, (int) ceil (-log10 (step) - 1e-9));
  double shown = value * axis->factor;

  if (fabs (shown) < step * 1e-6)
    shown = 0.0;
  return g_strdup_printf ("%.*f%s%s", decimals, shown, axis->unit_space ? " " : "", axis->unit);
}

static void
tick_range (const ClabChartAxis *axis,
            gint64              *first,
            gint64              *last)
{
  *first = (gint64) ceil (axis->min / axis->step - 1e-9);
  *last = (gint64) floor (axis->max / axis->step + 1e-9);
}

double
clab_chart_axis_label_width (const ClabChartAxis  *axis,
                             const ClabChartStyle *style)
{
  gint64 first, last;
  double width = 0;

  tick_range (axis, &first, &last);
  for (gint64 i = first; i <= last; i++)
    {
      g_autofree char *label = clab_chart_axis_format (axis, i * axis->step);

      width = MAX (width, clab_chart_style_text_width (style, CLAB_CHART_FONT_TICK, label));
    }
  return width;
}

void
clab_chart_axis_draw_y (const ClabChartAxis  *axis,
                        const ClabChartStyle *style,
                        cairo_t              *cr,
                        double                x,
                        double                x_end)
{
  double gap = clab_chart_style_px (style, 6);
  double line = clab_chart_style_px (style, 1);
  gint64 first, last;

  tick_range (axis, &first, &last);
  cairo_set_line_width (cr, line);
  for (gint64 i = first; i <= last; i++)
    {
      double value = i * axis->step;
      double y = clab_chart_snap_line (cr, clab_chart_axis_map (axis, value), line, TRUE);
      g_autofree char *label = clab_chart_axis_format (axis, value);

      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x_end, y);
      clab_chart_set_color (cr, &style->grid);
      cairo_stroke (cr);
      clab_chart_draw_text (style, cr, CLAB_CHART_FONT_TICK, label, x - gap, y, 1.0, 0.5,
                            &style->dim);
    }
}

void
clab_chart_axis_draw_x (const ClabChartAxis  *axis,
                        const ClabChartStyle *style,
                        cairo_t              *cr,
                        double                y,
                        double                y_top)
{
  double gap = clab_chart_style_px (style, 4);
  double line = clab_chart_style_px (style, 1);
  gint64 first, last;

  tick_range (axis, &first, &last);
  cairo_set_line_width (cr, line);
  for (gint64 i = first; i <= last; i++)
    {
      double value = i * axis->step;
      double x = clab_chart_snap_line (cr, clab_chart_axis_map (axis, value), line, FALSE);
      g_autofree char *label = clab_chart_axis_format (axis, value);

      if (y_top < y)
        {
          cairo_move_to (cr, x, y_top);
          cairo_line_to (cr, x, y);
          clab_chart_set_color (cr, &style->grid);
          cairo_stroke (cr);
        }
      clab_chart_draw_text (style, cr, CLAB_CHART_FONT_TICK, label, x, y + gap, 0.5, 0.0,
                            &style->dim);
    }
}

void
clab_chart_axis_draw_x_grid (const ClabChartAxis  *axis,
                             const ClabChartStyle *style,
                             cairo_t              *cr,
                             double                y_top,
                             double                y_bottom)
{
  double line = clab_chart_style_px (style, 1);
  gint64 first, last;

  tick_range (axis, &first, &last);
  for (gint64 i = first; i <= last; i++)
    {
      double x = clab_chart_snap_line (cr, clab_chart_axis_map (axis, i * axis->step), line, FALSE);

      cairo_move_to (cr, x, y_top);
      cairo_line_to (cr, x, y_bottom);
    }
  cairo_set_line_width (cr, line);
  clab_chart_set_color (cr, &style->grid);
  cairo_stroke (cr);
}
