/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-chart-private.h"

G_BEGIN_DECLS

/* The CPU chart's memory line: the run's resident memory (RSS) over time, on an axis of its
 * own at the right of each panel, in the binary units of clab_format_size_kib(). */
typedef struct
{
  gboolean      shown;      /* asked for, and some run has RSS samples */
  double        unit_kib;   /* one axis unit in KiB: 1, 1024 or 1024² */
  ClabChartAxis axis;       /* in units of @unit_kib, from 0 */
} ClabChartMemoryAxis;

/* Whether @run has a sample with a resident memory above zero (files before it have none). */
gboolean clab_chart_memory_has_samples  (const ClabRun             *run);
/* Sets up @memory for @runs (NULL entries allowed): shown if @options asks for it and any
 * run has RSS samples; one range for all panels, so that their lines compare. */
void     clab_chart_memory_axis_init    (ClabChartMemoryAxis       *memory,
                                         const ClabChartOptions    *options,
                                         const ClabRun *const      *runs,
                                         guint                      n_runs,
                                         double                     plot_height,
                                         double                     unit);
/* The widest tick label right of the plot, 0 when the memory line is not shown. */
double   clab_chart_memory_label_width  (const ClabChartMemoryAxis *memory,
                                         const ClabChartStyle      *style);
/* Places @memory on the panel whose plot runs from @y_bottom up to @y_top. */
void     clab_chart_memory_axis_place   (ClabChartMemoryAxis       *memory,
                                         double                     y_bottom,
                                         double                     y_top);
/* Draws the tick labels left-aligned at @x, skipping any that would touch a label at
 * @avoid_y (NAN for none). */
void     clab_chart_memory_draw_axis    (ClabChartContext          *ctx,
                                         const ClabChartMemoryAxis *memory,
                                         double                     x,
                                         double                     avoid_y);
/* Draws the memory line of @run over @time, dashed in the foreground's colour. */
void     clab_chart_memory_draw_line    (ClabChartContext          *ctx,
                                         const ClabChartMemoryAxis *memory,
                                         const ClabRun             *run,
                                         const ClabChartAxis       *time,
                                         double                     resolution);
/* Appends the legend item of the memory line to @items if it is shown; the number added. */
guint    clab_chart_memory_legend       (ClabChartContext          *ctx,
                                         const ClabChartMemoryAxis *memory,
                                         ClabChartLegendItem       *items);
/* Appends ", memory 4.9 MiB" for @sample to a tooltip, if it holds a resident memory. */
void     clab_chart_memory_tooltip      (GString                   *text,
                                         const ClabSample          *sample);
/* Appends the highest resident memory of @run to a description, if it has any. */
void     clab_chart_memory_describe     (const ClabRun             *run,
                                         GString                   *out);

G_END_DECLS
