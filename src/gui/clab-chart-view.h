/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "clab-chart.h"

G_BEGIN_DECLS

#define CLAB_TYPE_CHART_VIEW (clab_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (ClabChartView, clab_chart_view, CLAB, CHART_VIEW, GtkWidget)

GtkWidget     *clab_chart_view_new            (void);
ClabResult    *clab_chart_view_get_result     (ClabChartView *self);
void           clab_chart_view_set_result     (ClabChartView *self,
                                               ClabResult    *result);
ClabChartType  clab_chart_view_get_chart_type (ClabChartView *self);
void           clab_chart_view_set_chart_type (ClabChartView *self,
                                               ClabChartType  chart_type);
gboolean       clab_chart_view_get_cpu_time   (ClabChartView *self);
void           clab_chart_view_set_cpu_time   (ClabChartView *self,
                                               gboolean       cpu_time);
/* Which run the CPU and Timeline charts show of each mode: 0 for the run closest to the
 * median, k for the k-th counted run (ClabChartOptions.run). */
guint          clab_chart_view_get_run        (ClabChartView *self);
void           clab_chart_view_set_run        (ClabChartView *self,
                                               guint          run);
/* The CPU chart draws one line per core (ClabChartOptions.per_cpu). */
gboolean       clab_chart_view_get_per_cpu    (ClabChartView *self);
void           clab_chart_view_set_per_cpu    (ClabChartView *self,
                                               gboolean       per_cpu);
/* The CPU chart adds the run's memory over time (ClabChartOptions.memory). */
gboolean       clab_chart_view_get_memory     (ClabChartView *self);
void           clab_chart_view_set_memory     (ClabChartView *self,
                                               gboolean       memory);
/* Remembers the CPU chart's toggles in @settings (keys chart-per-core and chart-memory). */
void           clab_chart_view_set_settings   (ClabChartView *self,
                                               GSettings     *settings);
/* Whether the result shown is still being measured (a run's live view). */
void           clab_chart_view_set_live       (ClabChartView *self,
                                               gboolean       live);
/* The options of the chart shown (type and measure), with the default theme and scale:
 * exports and copies start from them. */
void           clab_chart_view_get_options    (ClabChartView    *self,
                                               ClabChartOptions *options);
/* Redraws after the result changed in place, as a live run's samples arrive. */
void           clab_chart_view_update         (ClabChartView *self);
/* Whether a live chart is being drawn apart: "live-painted" is emitted when it is ready to
 * show, so that what changes with it can be shown in the same frame. */
gboolean       clab_chart_view_get_painting   (ClabChartView *self);
/* The tooltip of the item the arrow keys highlight (action "chart.highlight"), or NULL. */
const char    *clab_chart_view_get_highlight  (ClabChartView *self);
/* How many regions with a tooltip the chart has at its current size (0 without data). */
guint          clab_chart_view_count_regions  (ClabChartView *self);

G_END_DECLS
