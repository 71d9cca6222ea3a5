/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-chart-axis.h"

G_BEGIN_DECLS

/* The samples of a run that fall into one pixel column, reduced to what a line shows. */
typedef struct
{
  double x;        /* user units */
  double min;
  double max;
  double first;
  double last;
} ClabChartColumn;

/* A value of sample @i of @run, e.g. its whole-machine CPU percentage. */
typedef double (*ClabChartValueFunc) (const ClabRun *run,
                                      guint          i,
                                      gpointer       user_data);

/* Reduces the samples of @run to at most one ClabChartColumn per device pixel of @x_axis
 * (@resolution device pixels per user unit); up to one sample a pixel, each gets a column.
 * With @intervals, a value is a mean over the time since the sample before (CPU shares) and
 * holds over it, a step; without, it is a reading at its moment (memory). */
GArray *clab_chart_decimate       (const ClabRun       *run,
                                   ClabChartValueFunc   func,
                                   gpointer             user_data,
                                   const ClabChartAxis *x_axis,
                                   double               resolution,
                                   gboolean             intervals);
/* The polyline through each column's first, extreme and last values. */
void    clab_chart_path_line      (cairo_t             *cr,
                                   GArray              *columns,
                                   const ClabChartAxis *y_axis);
/* A line of @line_width through decimated columns, as one polygon around their ranges:
 * filling it costs a fraction of stroking a zig-zag through every extreme. */
void    clab_chart_path_envelope  (cairo_t             *cr,
                                   GArray              *columns,
                                   const ClabChartAxis *y_axis,
                                   double               line_width);
/* The area between the columns' maxima and the value @base. */
void    clab_chart_path_area      (cairo_t             *cr,
                                   GArray              *columns,
                                   const ClabChartAxis *y_axis,
                                   double               base);
/* The band between the maxima of @lower and of @upper, two decimations of the same run. */
void    clab_chart_path_band      (cairo_t             *cr,
                                   GArray              *lower,
                                   GArray              *upper,
                                   const ClabChartAxis *y_axis);
/* The index of the sample of @run nearest to @t_s, or -1 without samples. */
int     clab_chart_nearest_sample (const ClabRun       *run,
                                   double               t_s);

G_END_DECLS
