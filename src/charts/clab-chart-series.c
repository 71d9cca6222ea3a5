/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-series.h"

static void
append_column (GArray *columns,
               double  x,
               double  value)
{
  ClabChartColumn column = { x, value, value, value, value };

  g_array_append_val (columns, column);
}

GArray *
clab_chart_decimate (const ClabRun       *run,
                     ClabChartValueFunc   func,
                     gpointer             user_data,
                     const ClabChartAxis *x_axis,
                     double               resolution,
                     gboolean             intervals)
{
  guint n = run->samples != NULL ? run->samples->len : 0;
  double device_width = fabs (x_axis->pix_max - x_axis->pix_min) * resolution;
  /* Up to one sample a pixel, every sample is worth its own vertex. */
  gboolean exact = n <= device_width;
  const ClabSample *samples = n > 0 ? (const ClabSample *) run->samples->data : NULL;
  GArray *columns = g_array_sized_new (FALSE, FALSE, sizeof (ClabChartColumn),
                                       exact ? n : (guint) device_width + 2);
  gint64 current = G_MININT64;

  for (guint i = 0; i < n; i++)
    {
      double x = clab_chart_axis_map (x_axis, samples[i].t_s);
      double value = func (run, i, user_data);
      gint64 column = exact ? (gint64) i : (gint64) floor (x * resolution);
      ClabChartColumn *last;

      if (!isfinite (value) || !isfinite (x))
        continue;
      /* A CPU sample is the mean over the time since the one before (the first: since the
       * run started): it holds its value over that stretch, so a run of a sample or two
       * still shows what they measured, and a short burst is as wide as it was measured. */
      if (intervals && (exact || i == 0))
        {
          double x_start = clab_chart_axis_map (x_axis, i > 0 ? samples[i - 1].t_s : 0.0);

          if (isfinite (x_start) && x_start != x)
            append_column (columns, x_start, value);
        }
      if (column != current)
        {
          append_column (columns, exact ? x : (column + 0.5) / resolution, value);
          current = column;
          continue;
        }
      last = &g_array_index (columns, ClabChartColumn, columns->len - 1);
      last->min = MIN (last->min, value);
      last->max = MAX (last->max, value);
      last->last = value;
    }
  return columns;
}

void
clab_chart_path_line (cairo_t             *cr,
                      GArray              *columns,
                      const ClabChartAxis *y_axis)
{
  for (guint i = 0; i < columns->len; i++)
    {
      const ClabChartColumn *c = &g_array_index (columns, ClabChartColumn, i);
      gboolean rising = c->first <= c->last;

      if (i == 0)
        cairo_move_to (cr, c->x, clab_chart_axis_map (y_axis, c->first));
      else
        cairo_line_to (cr, c->x, clab_chart_axis_map (y_axis, c->first));
      if (c->max > c->min)
        {
          /* Visit the extremes in the direction the column travels. */
          cairo_line_to (cr, c->x, clab_chart_axis_map (y_axis, rising ? c->min : c->max));
          cairo_line_to (cr, c->x, clab_chart_axis_map (y_axis, rising ? c->max : c->min));
          cairo_line_to (cr, c->x, clab_chart_axis_map (y_axis, c->last));
        }
    }
}

static void
column_span (GArray              *columns,
             guint                i,
             const ClabChartAxis *y_axis,
             double               half,
             double              *top,
             double              *bottom)
{
  const ClabChartColumn *c = &g_array_index (columns, ClabChartColumn, i);
  double lo = c->min, hi = c->max, y_lo, y_hi;

  /* Reach back to the previous column's last value, so that a jump stays connected. */
  if (i > 0)
    {
      double previous = g_array_index (columns, ClabChartColumn, i - 1).last;

      lo = MIN (lo, previous);
      hi = MAX (hi, previous);
    }
  y_lo = clab_chart_axis_map (y_axis, lo);
  y_hi = clab_chart_axis_map (y_axis, hi);
  *top = MIN (y_lo, y_hi) - half;
  *bottom = MAX (y_lo, y_hi) + half;
}

void
clab_chart_path_envelope (cairo_t             *cr,
                          GArray              *columns,
                          const ClabChartAxis *y_axis,
                          double               line_width)
{
  double top, bottom;

  if (columns->len == 0)
    return;
  for (guint i = 0; i < columns->len; i++)
    {
      const ClabChartColumn *c = &g_array_index (columns, ClabChartColumn, i);

      column_span (columns, i, y_axis, line_width / 2, &top, &bottom);
      if (i == 0)
        cairo_move_to (cr, c->x, top);
      else
        cairo_line_to (cr, c->x, top);
    }
  for (guint i = columns->len; i > 0; i--)
    {
      const ClabChartColumn *c = &g_array_index (columns, ClabChartColumn, i - 1);

      column_span (columns, i - 1, y_axis, line_width / 2, &top, &bottom);
      cairo_line_to (cr, c->x, bottom);
    }
  cairo_close_path (cr);
}

void
clab_chart_path_area (cairo_t             *cr,
                      GArray              *columns,
                      const ClabChartAxis *y_axis,
                      double               base)
{
  double y_base = clab_chart_axis_map (y_axis, base);

  if (columns->len == 0)
    return;
  cairo_move_to (cr, g_array_index (columns, ClabChartColumn, 0).x, y_base);
  for (guint i = 0; i < columns->len; i++)
    {
      const ClabChartColumn *c = &g_array_index (columns, ClabChartColumn, i);

      cairo_line_to (cr, c->x, clab_chart_axis_map (y_axis, c->max));
    }
  cairo_line_to (cr, g_array_index (columns, ClabChartColumn, columns->len - 1).x, y_base);
  cairo_close_path (cr);
}

void
clab_chart_path_band (cairo_t             *cr,
                      GArray              *lower,
                      GArray              *upper,
                      const ClabChartAxis *y_axis)
{
  guint n = MIN (lower->len, upper->len);

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      const ClabChartColumn *c = &g_array_index (upper, ClabChartColumn, i);

      if (i == 0)
        cairo_move_to (cr, c->x, clab_chart_axis_map (y_axis, c->max));
      else
        cairo_line_to (cr, c->x, clab_chart_axis_map (y_axis, c->max));
    }
  for (guint i = n; i > 0; i--)
    {
      const ClabChartColumn *c = &g_array_index (lower, ClabChartColumn, i - 1);

      cairo_line_to (cr, c->x, clab_chart_axis_map (y_axis, c->max));
    }
  cairo_close_path (cr);
}

int
clab_chart_nearest_sample (const ClabRun *run,
                           double         t_s)
{
  const ClabSample *samples;
  guint lo = 0, hi;

  if (run->samples == NULL || run->samples->len == 0)
    return -1;
  samples = (const ClabSample *) run->samples->data;
  hi = run->samples->len - 1;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (samples[mid].t_s < t_s)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0 && fabs (samples[lo - 1].t_s - t_s) <= fabs (samples[lo].t_s - t_s))
    return lo - 1;
  return lo;
}
