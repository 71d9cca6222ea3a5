/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "clab-chart.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b, a;
} ClabChartColor;

typedef enum
{
  CLAB_CHART_FONT_TICK,
  CLAB_CHART_FONT_LABEL,
  CLAB_CHART_FONT_LABEL_BOLD,
  CLAB_CHART_FONT_SUBTITLE,
  CLAB_CHART_FONT_TITLE,
  CLAB_CHART_N_FONTS
} ClabChartFont;

/* Colours, fonts and sizes of one drawing, derived from the theme and the chart's size. */
typedef struct
{
  ClabChartTheme        theme;
  double                unit;           /* 1 at 800×450; lengths and fonts scale with it */
  gboolean              has_background;
  ClabChartColor        background;
  ClabChartColor        foreground;
  ClabChartColor        dim;            /* secondary text */
  ClabChartColor        grid;
  ClabChartColor        axis;
  ClabChartColor        failed;
  ClabChartColor        cancelled;
  ClabChartColor        iowait;
  PangoContext         *pango;
  PangoFontDescription *fonts[CLAB_CHART_N_FONTS];
} ClabChartStyle;

/* The unit (see ClabChartStyle) an export of @width × @height gets when the options say 0. */
double       clab_chart_style_auto_unit   (double                 width,
                                           double                 height);
void         clab_chart_style_init        (ClabChartStyle        *style,
                                           cairo_t               *cr,
                                           ClabChartTheme         theme,
                                           double                 unit,
                                           const char            *font_family);
void         clab_chart_style_clear       (ClabChartStyle        *style);
/* The colour of @mode, the same on every chart (Okabe–Ito, safe for colour-blind people). */
void         clab_chart_style_mode_color  (ClabChartTheme         theme,
                                           ClabMode               mode,
                                           ClabChartColor        *color);
void         clab_chart_set_color         (cairo_t               *cr,
                                           const ClabChartColor  *color);
void         clab_chart_set_color_alpha   (cairo_t               *cr,
                                           const ClabChartColor  *color,
                                           double                 alpha);
/* @color mixed with the background by @amount (0 keeps it, 1 gives the background). */
void         clab_chart_style_tint        (const ClabChartStyle  *style,
                                           const ClabChartColor  *color,
                                           double                 amount,
                                           ClabChartColor        *out);
/* A line width of @px at unit 1. */
double       clab_chart_style_px          (const ClabChartStyle  *style,
                                           double                 px);
/* Rounds a user coordinate to the nearest device pixel edge, for crisp rectangles. */
double       clab_chart_snap              (cairo_t               *cr,
                                           double                 v,
                                           gboolean               vertical);
/* Where to centre a straight line of @line_width near @v so that it covers whole pixels. */
double       clab_chart_snap_line         (cairo_t               *cr,
                                           double                 v,
                                           double                 line_width,
                                           gboolean               vertical);
PangoLayout *clab_chart_style_layout      (const ClabChartStyle  *style,
                                           ClabChartFont          font,
                                           const char            *text);
double       clab_chart_style_text_width  (const ClabChartStyle  *style,
                                           ClabChartFont          font,
                                           const char            *text);
double       clab_chart_style_line_height (const ClabChartStyle  *style,
                                           ClabChartFont          font);
/* Draws @layout with its anchor at (@x, @y); @ax and @ay are 0 (left/top) to 1 (right/bottom). */
void         clab_chart_draw_layout       (cairo_t               *cr,
                                           PangoLayout           *layout,
                                           double                 x,
                                           double                 y,
                                           double                 ax,
                                           double                 ay,
                                           const ClabChartColor  *color);
/* As clab_chart_draw_layout() for a one-line text; returns its width. */
double       clab_chart_draw_text         (const ClabChartStyle  *style,
                                           cairo_t               *cr,
                                           ClabChartFont          font,
                                           const char            *text,
                                           double                 x,
                                           double                 y,
                                           double                 ax,
                                           double                 ay,
                                           const ClabChartColor  *color);
/* Fills the current path with diagonal lines of @color, @spacing apart, and clears the path. */
void         clab_chart_fill_hatched      (const ClabChartStyle  *style,
                                           cairo_t               *cr,
                                           const ClabChartColor  *color,
                                           double                 spacing);
/* The same over a tint of @tint at @tint_alpha: as a fill of the tint and then the lines. */
void         clab_chart_fill_tinted_hatched (const ClabChartStyle *style,
                                             cairo_t              *cr,
                                             const ClabChartColor *tint,
                                             double                tint_alpha,
                                             const ClabChartColor *color,
                                             double                spacing);

G_END_DECLS
