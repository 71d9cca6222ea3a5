/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-chart-private.h"
#include "clab-stats.h"

G_BEGIN_DECLS

/* The Elapsed chart (clab-chart-elapsed.c) and the labels over and under its bars
 * (clab-chart-elapsed-labels.c). */

typedef struct
{
  ClabMode        mode;
  ClabModeResult *mode_result;   /* NULL when the mode never ran */
  gboolean        valid;         /* has a mean to draw */
  double          mean;
  double          lo;            /* the error bar: min–max of the counted runs */
  double          hi;
  double          ideal;         /* mean ideal part (CPU time: the tasks' own), NAN when unknown */
  double          ratio;         /* CPU time: the mean against sequential's, NAN when unknown */
  double          ratio_err;
  ClabAggregate   aggregate;     /* what the bar's height is the mean of */
} Bar;

typedef struct
{
  double        x0, x1;          /* plot, horizontally */
  double        y0, y1;          /* plot, vertically: y1 is the zero baseline */
  double        slot;
  double        bar_width;
  /* The labels over the bars: in the label font where every bar's mean fits its slot, else
   * in the smaller tick font, so that neighbours never run into each other. */
  ClabChartFont font;
  ClabChartFont bold;
  double        line;            /* height of a line of label text */
  guint         label_lines;     /* above each bar: 3 (speedup, mean, overhead) or 1 (mean) */
  double        names;           /* height under the plot: mode names (wrapped) and notes */
  ClabChartAxis axis;
} Layout;

/* The room under the plot for the tallest of the mode names and their notes at @slot; the
 * bold of the @fastest is wider than the others' names. */
double _clab_chart_elapsed_names_height      (ClabChartContext *ctx,
                                              const Bar        *bars,
                                              guint             n,
                                              int               fastest,
                                              double            slot);
/* Picks the font of the labels over the bars for @layout's slot. */
void   _clab_chart_elapsed_choose_font       (ClabChartContext *ctx,
                                              const Bar        *bars,
                                              guint             n,
                                              Layout           *layout);
/* Over a bar: its speedup, mean and overhead, each only if it fits its slot. */
void   _clab_chart_elapsed_draw_value_labels (ClabChartContext *ctx,
                                              const Bar        *bar,
                                              const Layout     *layout,
                                              double            cx);
/* Under a bar: the mode's name and its note, wrapped to the slot. */
void   _clab_chart_elapsed_draw_mode_labels  (ClabChartContext *ctx,
                                              const Bar        *bar,
                                              const Layout     *layout,
                                              double            cx,
                                              gboolean          fastest);

G_END_DECLS
