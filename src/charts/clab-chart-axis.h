/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-chart-style.h"

G_BEGIN_DECLS

/* A linear axis with "nice" ticks in 1-2-5 steps and the unit that suits its range. */
typedef struct
{
  double      min;        /* data range, in data units (seconds, %, workers, ×) */
  double      max;
  double      step;       /* tick step, in data units */
  double      pix_min;    /* the pixel of min */
  double      pix_max;    /* the pixel of max */
  double      factor;     /* data to display units, e.g. 1000 for ms */
  const char *unit;       /* written after each tick value */
  gboolean    unit_space; /* "2 s" but "50%" */
} ClabChartAxis;

/* The 1-2-5 step nearest above @rough: …, 0.5, 1, 2, 5, 10, … */
double  clab_chart_nice_step        (double                rough);
/* A duration with three significant digits in µs, ms or s, e.g. "2.01 s". */
char   *clab_chart_format_duration  (double                seconds);
/* A duration with four significant digits, for values people compare closely. */
char   *clab_chart_format_duration_precise  (double                seconds);
/* Starts an axis of plain numbers with @unit, e.g. "%" or "×"; pixels are set later. */
void    clab_chart_axis_init        (ClabChartAxis        *axis,
                                     const char           *unit,
                                     gboolean              unit_space);
/* Starts an axis of seconds, shown in µs, ms or s as @max_seconds suits. */
void    clab_chart_axis_init_time   (ClabChartAxis        *axis,
                                     double                max_seconds);
/* Sets the range and picks a step giving at most @max_ticks intervals; @extend widens the
 * range outwards to whole steps. */
void    clab_chart_axis_set_range   (ClabChartAxis        *axis,
                                     double                min,
                                     double                max,
                                     int                   max_ticks,
                                     gboolean              extend);
void    clab_chart_axis_set_pixels  (ClabChartAxis        *axis,
                                     double                pix_min,
                                     double                pix_max);
double  clab_chart_axis_map         (const ClabChartAxis  *axis,
                                     double                value);
/* The value at pixel @pix, the inverse of clab_chart_axis_map(). */
double  clab_chart_axis_unmap       (const ClabChartAxis  *axis,
                                     double                pix);
char   *clab_chart_axis_format      (const ClabChartAxis  *axis,
                                     double                value);
/* The widest tick label, for laying out the space left of a vertical axis. */
double  clab_chart_axis_label_width (const ClabChartAxis  *axis,
                                     const ClabChartStyle *style);
/* Draws tick labels left of @x and grid lines from @x to @x_end. */
void    clab_chart_axis_draw_y      (const ClabChartAxis  *axis,
                                     const ClabChartStyle *style,
                                     cairo_t              *cr,
                                     double                x,
                                     double                x_end);
/* Draws tick labels below @y and, when @y_top < @y, grid lines from @y_top to @y. */
void    clab_chart_axis_draw_x      (const ClabChartAxis  *axis,
                                     const ClabChartStyle *style,
                                     cairo_t              *cr,
                                     double                y,
                                     double                y_top);
/* Draws the vertical grid lines of a horizontal axis from @y_top to @y_bottom. */
void    clab_chart_axis_draw_x_grid (const ClabChartAxis  *axis,
                                     const ClabChartStyle *style,
                                     cairo_t              *cr,
                                     double                y_top,
                                     double                y_bottom);

G_END_DECLS
