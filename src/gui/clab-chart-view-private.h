/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-chart-painter.h"
#include "clab-chart-view.h"

G_BEGIN_DECLS

struct _ClabChartView
{
  GtkWidget      parent_instance;

  GtkPopover    *popover;
  GtkLabel      *popover_label;
  GtkDropDown   *run_picker;    /* under the chart: which run the CPU and Timeline charts show */
  GtkStringList *run_choices;
  GtkWidget     *cpu_controls;  /* under the CPU chart, left of the picker: Per Core, Memory */
  GSettings     *settings;      /* remembers the CPU chart's lines, or NULL */

  ClabResult    *result;
  ClabChartHits *hits;
  ClabChartType  chart_type;
  gboolean       cpu_time;
  gboolean       per_cpu;
  gboolean       memory;
  gboolean       live;
  guint          run;
  int            min_height_for;   /* the width @min_height was measured at, or -1 */
  int            min_height;
  int            hits_width;
  int            hits_height;

  /* A live chart is drawn off the main thread (clab-chart-view-live.c). */
  ClabChartPainter *painter;
  ClabChartPicture *picture;        /* the newest drawn, or NULL */
  gboolean          painting;       /* asked for, not drawn yet */
  guint             n_live_painted; /* frames that showed a picture, for the tests */
  guint             n_live_drawn;   /* frames that drew a live chart themselves */

  /* The keyboard's highlight: region @cursor, at @cursor_x where its tooltip is @cursor_text,
   * which holds over @cursor_span. */
  int                cursor;
  double             cursor_x;
  char              *cursor_text;
  cairo_rectangle_t  cursor_span;
};

/* The options the window draws with: the chart's, in the desktop's light or dark, at the
 * display's scale. */
void     clab_chart_view_get_drawn_options    (ClabChartView    *self,
                                               ClabChartOptions *options);
/* @text with each space after a digit made a no-break space: a tooltip that wraps keeps a
 * number with its unit ("5 %", "1.20 s"). */
char    *clab_chart_view_dup_numbers_kept_whole (const char     *text);
/* The height the chart itself is drawn in: the widget's, less the row of the run picker and
 * the CPU chart's toggles. */
int      clab_chart_view_get_chart_height     (ClabChartView  *self);
/* Renders the hit regions at the current size if they are not known yet; whether any. */
gboolean clab_chart_view_ensure_hits          (ClabChartView  *self);

/* The row under the chart: run picker and CPU chart toggles (clab-chart-view-controls.c). */
void     clab_chart_view_init_controls        (ClabChartView  *self);
/* Shows the picker where a chart draws one run of many, the toggles under the CPU chart. */
void     clab_chart_view_update_controls      (ClabChartView  *self);
/* The height of the row, with its margins; 0 when nothing in it is shown. */
int      clab_chart_view_measure_controls     (ClabChartView  *self);
void     clab_chart_view_allocate_controls    (ClabChartView  *self,
                                               int             width,
                                               int             height);
void     clab_chart_view_snapshot_controls    (ClabChartView  *self,
                                               GtkSnapshot    *snapshot);
void     clab_chart_view_dispose_controls     (ClabChartView  *self);

/* The live chart (clab-chart-view-live.c). */
void     clab_chart_view_init_live            (ClabChartView  *self);
void     clab_chart_view_dispose_live         (ClabChartView  *self);
/* Asks for the live chart drawn as it is now; the view repaints once it is. */
void     clab_chart_view_request_live         (ClabChartView  *self);
/* Forgets the picture drawn: the result, or whether it is live, changed. */
void     clab_chart_view_drop_live            (ClabChartView  *self);
/* Shows the live chart drawn with @options at @width × @height; FALSE when there is none
 * such yet (one is then asked for, and the caller draws the chart itself). */
gboolean clab_chart_view_snapshot_live        (ClabChartView          *self,
                                               GtkSnapshot            *snapshot,
                                               const ClabChartOptions *options,
                                               int                     width,
                                               int                     height);

/* The keyboard highlight (clab-chart-view-highlight.c). */
void     clab_chart_view_init_highlight       (ClabChartView  *self);
void     clab_chart_view_clear_highlight      (ClabChartView  *self);
void     clab_chart_view_snapshot_highlight   (ClabChartView  *self,
                                               GtkSnapshot    *snapshot);
void     clab_chart_view_class_add_highlight  (GtkWidgetClass *widget_class);

G_END_DECLS
