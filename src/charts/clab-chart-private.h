/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-chart.h"
#include "clab-chart-axis.h"
#include "clab-chart-style.h"

G_BEGIN_DECLS

/* Everything one drawing needs; the frame functions shrink @area as they take space. */
typedef struct
{
  cairo_t                *cr;
  double                  width;
  double                  height;
  ClabResult             *result;
  ClabPlan               *plan;
  const ClabChartOptions *options;
  ClabChartStyle          style;
  ClabChartHits          *hits;      /* NULL unless the caller wants tooltips */
  cairo_rectangle_t       area;
  double                  min_height; /* set by charts of rows: the height they need */
} ClabChartContext;

typedef enum
{
  CLAB_CHART_SWATCH_BOX,
  CLAB_CHART_SWATCH_TINT,       /* the box colour faded: an overhead part */
  CLAB_CHART_SWATCH_HATCHED,    /* a failed task, an iowait band */
  CLAB_CHART_SWATCH_HOLLOW,     /* a dashed outline: a cancelled task */
  CLAB_CHART_SWATCH_AREA,       /* a translucent area under a line */
  CLAB_CHART_SWATCH_LINE,
  CLAB_CHART_SWATCH_DASHED,
  CLAB_CHART_SWATCH_DOTTED,
  CLAB_CHART_SWATCH_MARKER,     /* a line through a dot: a data series */
  CLAB_CHART_SWATCH_WHISKER,    /* an error bar */
  CLAB_CHART_SWATCH_TICK,       /* a short vertical mark */
  CLAB_CHART_SWATCH_SHARE,      /* a pale box, its lower part in full colour: a share of it */
} ClabChartSwatch;

typedef struct
{
  ClabChartSwatch swatch;
  ClabChartColor  color;
  const char     *label;
} ClabChartLegendItem;

/* clab-chart.c */
/* The run that stands for @mode: its counted run closest to the median, or NULL. */
ClabRun *clab_chart_pick_run           (ClabResult              *result,
                                        ClabMode                 mode);
/* The run a chart shows for @mode (see ClabChartOptions.run), or NULL; @index and
 * @n_counted, when given, say which counted run it is (@index G_MAXUINT for none). */
ClabRun *clab_chart_pick_shown_run     (ClabResult              *result,
                                        ClabMode                 mode,
                                        guint                    run,
                                        guint                   *index,
                                        guint                   *n_counted);
/* "run 2 of 3 (median)" for the run at @index of @n_counted, NULL when there is only one. */
char    *clab_chart_dup_run_phrase     (guint                    index,
                                        guint                    n_counted,
                                        gboolean                 representative);
/* The first of @candidates (longest first, NULL-terminated) that fits @max_width, else the
 * last: a panel's heading is shortened by whole phrases, never cut mid-word. */
const char *clab_chart_pick_fitting    (const ClabChartStyle    *style,
                                        ClabChartFont            font,
                                        const char *const       *candidates,
                                        double                   max_width);
gboolean clab_chart_result_is_empty    (ClabResult              *result);
/* The modes to draw, in the plan's order, then any others the result holds. */
guint    clab_chart_list_modes         (ClabResult              *result,
                                        ClabMode                *modes);
/* The time a run covers: its elapsed time, or its last sample or task end if later. */
double   clab_chart_run_span           (const ClabRun           *run);
void     clab_chart_add_hit            (ClabChartContext        *ctx,
                                        double                   x,
                                        double                   y,
                                        double                   width,
                                        double                   height,
                                        const char              *text);

/* Draws a one-line value label as clab_chart_draw_text() does, and records where it went
 * (see _clab_chart_hits_add_label()); returns its width. */
double   clab_chart_draw_label         (ClabChartContext        *ctx,
                                        ClabChartFont            font,
                                        const char              *text,
                                        double                   x,
                                        double                   y,
                                        double                   ax,
                                        double                   ay,
                                        const ClabChartColor    *color);
/* As clab_chart_draw_label(), turned a quarter to read upwards from (@x, @y), centred on @x. */
double   clab_chart_draw_label_upright (ClabChartContext        *ctx,
                                        ClabChartFont            font,
                                        const char              *text,
                                        double                   x,
                                        double                   y,
                                        const ClabChartColor    *color);
/* Records text drawn at @rect into @ctx's hits, if it has any. */
void     clab_chart_note_label         (ClabChartContext        *ctx,
                                        double                   x,
                                        double                   y,
                                        double                   width,
                                        double                   height,
                                        const char              *text);

/* Records that the content below @ctx's area needs @content_height to stay readable. */
void     clab_chart_need_height        (ClabChartContext        *ctx,
                                        double                   content_height);

/* clab-chart-hits.c: the text a chart drew where it could collide (value labels, footnotes),
 * with its rectangle, so that tests can check that it was drawn, fits and overlaps nothing. */
void        _clab_chart_hits_add_label    (ClabChartHits           *hits,
                                           const cairo_rectangle_t *rect,
                                           const char              *text);
guint       _clab_chart_hits_get_n_labels (ClabChartHits           *hits);
/* The text of label @i; its rectangle into @rect, if not NULL. */
const char *_clab_chart_hits_get_label    (ClabChartHits           *hits,
                                           guint                    i,
                                           cairo_rectangle_t       *rect);

/* clab-chart-frame.c */
char    *clab_chart_dup_subtitle       (ClabResult              *result);
void     clab_chart_frame_begin        (ClabChartContext        *ctx);
/* Draws @text in @font from the top left of @ctx's area at @y, wrapped to its width into at
 * most @max_lines lines (0: as many as it takes); returns the height used. */
double   clab_chart_frame_block        (ClabChartContext        *ctx,
                                        ClabChartFont            font,
                                        const char              *text,
                                        double                   y,
                                        int                      max_lines,
                                        const ClabChartColor    *color);
/* Draws @text at the foot of @ctx's area, wrapped but never cut, and takes its height from
 * the area; returns its number of lines. */
int      clab_chart_frame_caption      (ClabChartContext        *ctx,
                                        const char              *text);
void     clab_chart_frame_legend       (ClabChartContext        *ctx,
                                        const ClabChartLegendItem *items,
                                        guint                    n_items);
void     clab_chart_frame_note         (ClabChartContext        *ctx,
                                        const cairo_rectangle_t *rect,
                                        const char              *text);
/* A panel's headings, longest first, for clab_chart_pick_fitting(): the mode's name, which
 * run of @n_counted it shows (clab_chart_dup_run_phrase()) and each of @bodies (longest
 * first, NULL-terminated), shortened by whole phrases down to the name alone. */
GStrv    clab_chart_dup_panel_headings (ClabMode                 mode,
                                        guint                    index,
                                        guint                    n_counted,
                                        gboolean                 representative,
                                        const char *const       *bodies);
/* Why a panel has nothing to draw: @empty if its run is there, else waiting for its turn
 * (live), no such run of @n_counted, or no run at all. */
char    *clab_chart_dup_panel_note     (const ClabChartOptions  *options,
                                        gboolean                 has_run,
                                        guint                    n_counted,
                                        const char              *empty);
/* Draws the first of @headings that fits @max_width, or the mode's name if @headings is NULL,
 * in bold with its top left at (@x, @y). */
void     clab_chart_draw_panel_heading (ClabChartContext        *ctx,
                                        ClabMode                 mode,
                                        const char *const       *headings,
                                        double                   x,
                                        double                   y,
                                        double                   max_width);
/* Draws the vertical axis's title over the top left of @ctx's area, wrapped, and takes its
 * height from the area. */
void     clab_chart_frame_axis_title   (ClabChartContext        *ctx,
                                        const char              *text);
/* Height of the time axis below panels: tick labels and the axis title. */
double   clab_chart_time_axis_height   (ClabChartContext        *ctx);
/* Draws the time axis whose baseline is @y. */
void     clab_chart_draw_time_axis     (ClabChartContext        *ctx,
                                        const ClabChartAxis     *axis,
                                        double                   y);
void     clab_chart_draw_swatch        (ClabChartContext        *ctx,
                                        ClabChartSwatch          swatch,
                                        const ClabChartColor    *color,
                                        double                   x,
                                        double                   y,
                                        double                   width,
                                        double                   height);

/* One pair per chart type: the drawing, and its text alternative. */
void     clab_chart_draw_elapsed       (ClabChartContext        *ctx);
void     clab_chart_describe_elapsed   (ClabResult              *result,
                                        const ClabChartOptions  *options,
                                        GString                 *out);
void     clab_chart_draw_cpu           (ClabChartContext        *ctx);
void     clab_chart_describe_cpu       (ClabResult              *result,
                                        const ClabChartOptions  *options,
                                        GString                 *out);
void     clab_chart_draw_timeline      (ClabChartContext        *ctx);
void     clab_chart_describe_timeline  (ClabResult              *result,
                                        const ClabChartOptions  *options,
                                        GString                 *out);
void     clab_chart_draw_scaling       (ClabChartContext        *ctx);
void     clab_chart_describe_scaling   (ClabResult              *result,
                                        const ClabChartOptions  *options,
                                        GString                 *out);
/* A series' name in the Scaling chart's legend: the mode, and the serial fraction
 * Amdahl's law fits to it where there is one (@serial NAN where not). */
char    *clab_chart_scaling_dup_series_label (ClabMode           mode,
                                              double             serial);

G_END_DECLS
