/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "clab-chart-hits.h"
#include "clab-compare.h"
#include "clab-result.h"

G_BEGIN_DECLS

typedef enum
{
  CLAB_CHART_ELAPSED,
  CLAB_CHART_CPU,
  CLAB_CHART_TIMELINE,
  CLAB_CHART_SCALING,
  CLAB_N_CHART_TYPES
} ClabChartType;

/* Transparent draws the light theme's ink on no background at all. */
typedef enum
{
  CLAB_CHART_THEME_LIGHT,
  CLAB_CHART_THEME_DARK,
  CLAB_CHART_THEME_TRANSPARENT,
  CLAB_N_CHART_THEMES
} ClabChartTheme;

typedef enum
{
  CLAB_CHART_FORMAT_PNG,
  CLAB_CHART_FORMAT_SVG,
  CLAB_CHART_FORMAT_PDF,
  CLAB_N_CHART_FORMATS
} ClabChartFormat;

typedef enum
{
  CLAB_CHART_ERROR_INVALID_TYPE,
  CLAB_CHART_ERROR_INVALID_THEME,
  CLAB_CHART_ERROR_INVALID_FORMAT,
  CLAB_CHART_ERROR_INVALID_SIZE,
  CLAB_CHART_ERROR_FAILED,       /* cairo could not draw or the file could not be written */
} ClabChartError;

#define CLAB_CHART_ERROR (clab_chart_error_quark ())
GQuark clab_chart_error_quark (void);

#define CLAB_CHART_MIN_SIZE 64
#define CLAB_CHART_MAX_SIZE 8192

typedef struct
{
  ClabChartType   type;
  ClabChartTheme  theme;
  /* Size of text and lines relative to an 800×450 chart; 0 picks it from the size (exports),
   * the GUI passes 1 because its cairo_t is already scaled to the display. */
  double          scale;
  /* Pango font family, NULL for "Sans". */
  const char     *font_family;
  /* The CPU chart draws one line per CPU instead of the whole machine. */
  gboolean        per_cpu;
  /* The CPU chart adds the run's resident memory (RSS) over time, on an axis of its own at
   * the right; off by default, so that charts drawn before it existed stay as they were. */
  gboolean        memory;
  /* The elapsed chart compares the CPU time (user + system) each mode used, instead of
   * the wall time it took. */
  gboolean        cpu_time;
  /* The result is still being measured: a mode without a run is waiting for its turn,
   * not missing. */
  gboolean        live;
  /* The run the CPU and Timeline charts show of each mode: 0 for the run closest to the
   * median (clab_stats_representative_run()), k for the k-th counted run. */
  guint           run;
} ClabChartOptions;

/* Fills @options with the defaults: elapsed, light, automatic scale. */
void         clab_chart_options_init        (ClabChartOptions        *options);

/* The name of @type as the CLI spells it, e.g. "elapsed". */
const char  *clab_chart_type_to_string      (ClabChartType            type);
/* Parses "elapsed", "cpu", "timeline" or "scaling"; the error names the valid ones. */
gboolean     clab_chart_type_from_string    (const char              *str,
                                             ClabChartType           *type,
                                             GError                 **error);
/* A translated heading such as "Elapsed time". */
const char  *clab_chart_type_label          (ClabChartType            type);
/* The name of @theme as the CLI spells it, e.g. "dark". */
const char  *clab_chart_theme_to_string     (ClabChartTheme           theme);
/* Parses "light", "dark" or "transparent". */
gboolean     clab_chart_theme_from_string   (const char              *str,
                                             ClabChartTheme          *theme,
                                             GError                 **error);
/* The file extension of @format, without the dot. */
const char  *clab_chart_format_to_string    (ClabChartFormat          format);
/* Chooses the format from the extension of @path: .png, .svg or .pdf, in any case. */
gboolean     clab_chart_format_from_path    (const char              *path,
                                             ClabChartFormat         *format,
                                             GError                 **error);
/* Parses "WxH" and checks both sides are within CLAB_CHART_MIN_SIZE..CLAB_CHART_MAX_SIZE. */
gboolean     clab_chart_parse_size          (const char              *str,
                                             int                     *width,
                                             int                     *height,
                                             GError                 **error);
/* Checks a size against CLAB_CHART_MIN_SIZE..CLAB_CHART_MAX_SIZE. */
gboolean     clab_chart_check_size          (int                      width,
                                             int                      height,
                                             GError                 **error);

/* Draws the chart of @options into @cr, in user units from (0, 0) to (@width, @height). */
void         clab_chart_render              (cairo_t                 *cr,
                                             double                   width,
                                             double                   height,
                                             ClabResult              *result,
                                             const ClabChartOptions  *options);
/* As clab_chart_render(), and returns the regions under which a pointer gets a tooltip. */
ClabChartHits *clab_chart_render_with_hits  (cairo_t                 *cr,
                                             double                   width,
                                             double                   height,
                                             ClabResult              *result,
                                             const ClabChartOptions  *options);
/* The tooltip of the bar, task or sample at (@x, @y) of a @width × @height chart, or NULL. */
char        *clab_chart_hit_test            (ClabResult              *result,
                                             const ClabChartOptions  *options,
                                             double                   width,
                                             double                   height,
                                             double                   x,
                                             double                   y);
/* The height at @width below which the chart would squeeze its rows (the Timeline's lanes,
 * the CPU chart's panels) past reading; 0 when any height will do. */
double       clab_chart_get_min_height      (ClabResult              *result,
                                             const ClabChartOptions  *options,
                                             double                   width);
/* The chart's one-line title, as drawn at its top. */
char        *clab_chart_dup_title           (ClabResult              *result,
                                             const ClabChartOptions  *options);
/* What the chart shows in plain text, for accessibility and the <desc> of SVG files. */
char        *clab_chart_dup_description     (ClabResult              *result,
                                             const ClabChartOptions  *options);

/* Draws the chart into a PNG, SVG or PDF file in memory. */
GBytes      *clab_chart_render_to_bytes     (ClabResult              *result,
                                             const ClabChartOptions  *options,
                                             ClabChartFormat          format,
                                             int                      width,
                                             int                      height,
                                             GError                 **error);
/* Writes the chart to @path, in the format its extension names, replacing it atomically. */
gboolean     clab_chart_export              (ClabResult              *result,
                                             const ClabChartOptions  *options,
                                             const char              *path,
                                             int                      width,
                                             int                      height,
                                             GError                 **error);

/* Draws one chart into @cr, in user units from (0, 0) to (@width, @height). */
typedef void (*ClabChartDrawFunc) (cairo_t  *cr,
                                   double    width,
                                   double    height,
                                   gpointer  user_data);
/* Draws with @draw into a PNG, SVG or PDF file in memory; @title and @description (may be
 * NULL for PNG) go into the SVG's <title> and <desc> and the PDF's metadata. */
GBytes      *clab_chart_draw_to_bytes       (ClabChartDrawFunc        draw,
                                             gpointer                 user_data,
                                             const char              *title,
                                             const char              *description,
                                             ClabChartFormat          format,
                                             int                      width,
                                             int                      height,
                                             GError                 **error);
/* Replaces @path with @bytes through the atomic writer. */
gboolean     clab_chart_write_file          (const char              *path,
                                             GBytes                  *bytes,
                                             GError                 **error);

/* Comparison charts (clab-chart-compare.c): several results side by side. @options->type is
 * CLAB_CHART_ELAPSED (modes grouped, one bar per result) or CLAB_CHART_SCALING (one curve
 * per result); the other types draw a note that they compare one result only. */
void         clab_chart_render_compare      (cairo_t                 *cr,
                                             double                   width,
                                             double                   height,
                                             ClabCompare             *compare,
                                             const ClabChartOptions  *options);
/* As clab_chart_render_compare(), and returns the regions under which a pointer gets a tooltip. */
ClabChartHits *clab_chart_render_compare_with_hits (cairo_t          *cr,
                                             double                   width,
                                             double                   height,
                                             ClabCompare             *compare,
                                             const ClabChartOptions  *options);
/* The comparison chart's title, as drawn at its top. */
char        *clab_chart_dup_compare_title   (ClabCompare             *compare,
                                             const ClabChartOptions  *options);
/* What the comparison chart shows in plain text. */
char        *clab_chart_dup_compare_description (ClabCompare         *compare,
                                             const ClabChartOptions  *options);
/* Writes the comparison chart to @path, in the format its extension names, atomically. */
gboolean     clab_chart_export_compare      (ClabCompare             *compare,
                                             const ClabChartOptions  *options,
                                             const char              *path,
                                             int                      width,
                                             int                      height,
                                             GError                 **error);
/* The colour of result @i in both comparison charts, as 0xRRGGBB, for a legend drawn elsewhere. */
guint32      clab_chart_compare_rgb         (guint                    i);
/* Draws the comparison chart into a PNG, SVG or PDF file in memory. */
GBytes      *clab_chart_render_compare_to_bytes (ClabCompare         *compare,
                                             const ClabChartOptions  *options,
                                             ClabChartFormat          format,
                                             int                      width,
                                             int                      height,
                                             GError                 **error);

G_END_DECLS
