/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-style.h"

/* Okabe & Ito (2008): distinguishable with every common colour-vision deficiency. Threads are
 * blues and processes oranges, so the two families read apart; the baseline is a neutral grey. */
static const guint32 mode_rgb[CLAB_N_MODES] = {
  0x6e6e6e,   /* sequential */
  0x0072b2,   /* threads: blue */
  0x56b4e9,   /* thread-pool: sky blue */
  0xd55e00,   /* processes: vermillion */
  0xe69f00,   /* process-pool: orange */
};

/* Font sizes in pixels at unit 1; bold where the weight carries the hierarchy. */
static const struct
{
  double size;
  gboolean bold;
} font_specs[CLAB_CHART_N_FONTS] = {
  { 11.0, FALSE },   /* tick */
  { 12.0, FALSE },   /* label */
  { 12.0, TRUE },    /* bold label */
  { 12.0, FALSE },   /* subtitle */
  { 16.0, TRUE },    /* title */
};

static void
color_from_rgb (guint32         rgb,
                double          alpha,
                ClabChartColor *color)
{
  color->r = ((rgb >> 16) & 0xff) / 255.0;
  color->g = ((rgb >> 8) & 0xff) / 255.0;
  color->b = (rgb & 0xff) / 255.0;
  color->a = alpha;
}

double
clab_chart_style_auto_unit (double width,
                            double height)
{
  double fit = MIN (width / 800.0, height / 450.0);

  /* Slower than linear, so a big export shows a little more detail, not only bigger type. */
  return CLAMP (pow (fit, 0.8), 0.5, 4.0);
}

static void
init_colors (ClabChartStyle *style,
             ClabChartTheme  theme)
{
  gboolean dark = theme == CLAB_CHART_THEME_DARK;

  style->has_background = theme != CLAB_CHART_THEME_TRANSPARENT;
  color_from_rgb (dark ? 0x1e1e1e : 0xffffff, 1.0, &style->background);
  color_from_rgb (dark ? 0xf2f2f2 : 0x1f1f1f, 1.0, &style->foreground);
  color_from_rgb (dark ? 0xb4b4b8 : 0x5e5c64, 1.0, &style->dim);
  color_from_rgb (dark ? 0xffffff : 0x000000, dark ? 0.13 : 0.10, &style->grid);
  color_from_rgb (dark ? 0xffffff : 0x000000, dark ? 0.55 : 0.50, &style->axis);
  color_from_rgb (0xcc79a7, 1.0, &style->failed);
  color_from_rgb (dark ? 0x9a9a9a : 0x8a8a8a, 1.0, &style->cancelled);
  color_from_rgb (0x009e73, 1.0, &style->iowait);
}

static void
init_fonts (ClabChartStyle *style,
            const char     *font_family)
{
  for (guint i = 0; i < CLAB_CHART_N_FONTS; i++)
    {
      PangoFontDescription *desc = pango_font_description_new ();

      pango_font_description_set_family (desc, font_family ? font_family : "Sans");
      pango_font_description_set_absolute_size (desc,
                                                font_specs[i].size * style->unit * PANGO_SCALE);
      if (font_specs[i].bold)
        pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
      style->fonts[i] = desc;
    }
}

void
clab_chart_style_init (ClabChartStyle *style,
                       cairo_t        *cr,
                       ClabChartTheme  theme,
                       double          unit,
                       const char     *font_family)
{
  cairo_font_options_t *font_options;

  memset (style, 0, sizeof *style);
  style->theme = theme;
  style->unit = unit;
  init_colors (style, theme);
  init_fonts (style, font_family);

  /* Unhinted metrics lay text out alike on screen, in PNG, SVG and PDF. */
  style->pango = pango_cairo_create_context (cr);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (style->pango, font_options);
  cairo_font_options_destroy (font_options);
}

void
clab_chart_style_clear (ClabChartStyle *style)
{
  for (guint i = 0; i < CLAB_CHART_N_FONTS; i++)
    g_clear_pointer (&style->fonts[i], pango_font_description_free);
  g_clear_object (&style->pango);
}

void
clab_chart_style_mode_color (ClabChartTheme  theme,
                             ClabMode        mode,
                             ClabChartColor *color)
{
  g_return_if_fail (mode < CLAB_N_MODES);

  if (mode == CLAB_MODE_SEQUENTIAL && theme == CLAB_CHART_THEME_DARK)
    color_from_rgb (0xa0a0a0, 1.0, color);
  else
    color_from_rgb (mode_rgb[mode], 1.0, color);
}

void
clab_chart_set_color (cairo_t              *cr,
                      const ClabChartColor *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

void
clab_chart_set_color_alpha (cairo_t              *cr,
                            const ClabChartColor *color,
                            double                alpha)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a * alpha);
}

void
clab_chart_style_tint (const ClabChartStyle *style,
                       const ClabChartColor *color,
                       double                amount,
                       ClabChartColor       *out)
{
  const ClabChartColor *bg = &style->background;

  out->r = color->r + (bg->r - color->r) * amount;
  out->g = color->g + (bg->g - color->g) * amount;
  out->b = color->b + (bg->b - color->b) * amount;
  out->a = color->a;
}

double
clab_chart_style_px (const ClabChartStyle *style,
                     double                px)
{
  return px * style->unit;
}

double
clab_chart_snap (cairo_t  *cr,
                 double    v,
                 gboolean  vertical)
{
  double x = vertical ? 0 : v;
  double y = vertical ? v : 0;

  cairo_user_to_device (cr, &x, &y);
  x = round (x);
  y = round (y);
  cairo_device_to_user (cr, &x, &y);
  return vertical ? y : x;
}

double
clab_chart_snap_line (cairo_t  *cr,
                      double    v,
                      double    line_width,
                      gboolean  vertical)
{
  double dx = line_width, dy = line_width;
  double x = vertical ? 0 : v;
  double y = vertical ? v : 0;
  double *c = vertical ? &y : &x;
  long device_width;

  cairo_user_to_device_distance (cr, &dx, &dy);
  device_width = MAX (1, lround (fabs (vertical ? dy : dx)));
  cairo_user_to_device (cr, &x, &y);
  /* An odd width of device pixels is crisp centred on a pixel, an even one on an edge. */
  *c = device_width % 2 ? floor (*c) + 0.5 : round (*c);
  cairo_device_to_user (cr, &x, &y);
  return *c;
}

PangoLayout *
clab_chart_style_layout (const ClabChartStyle *style,
                         ClabChartFont         font,
                         const char           *text)
{
  PangoLayout *layout = pango_layout_new (style->pango);

  pango_layout_set_font_description (layout, style->fonts[font]);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

double
clab_chart_style_text_width (const ClabChartStyle *style,
                             ClabChartFont         font,
                             const char           *text)
{
  g_autoptr(PangoLayout) layout = clab_chart_style_layout (style, font, text);
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.width;
}

double
clab_chart_style_line_height (const ClabChartStyle *style,
                              ClabChartFont         font)
{
  g_autoptr(PangoLayout) layout = clab_chart_style_layout (style, font, "Ag");
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.height;
}

void
clab_chart_draw_layout (cairo_t              *cr,
                        PangoLayout          *layout,
                        double                x,
                        double                y,
                        double                ax,
                        double                ay,
                        const ClabChartColor *color)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  clab_chart_set_color (cr, color);
  cairo_move_to (cr, x - ax * logical.width - logical.x, y - ay * logical.height - logical.y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

double
clab_chart_draw_text (const ClabChartStyle *style,
                      cairo_t              *cr,
                      ClabChartFont         font,
                      const char           *text,
                      double                x,
                      double                y,
                      double                ax,
                      double                ay,
                      const ClabChartColor *color)
{
  g_autoptr(PangoLayout) layout = clab_chart_style_layout (style, font, text);
  PangoRectangle logical;

  clab_chart_draw_layout (cr, layout, x, y, ax, ay, color);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.width;
}

/* A tile of one diagonal line, drawn at device resolution and repeated over the path: much
 * cheaper than clipping strokes to a long polygon. */
static cairo_pattern_t *
create_hatch_pattern (cairo_t              *cr,
                      const ClabChartColor *tint,
                      double                tint_alpha,
                      const ClabChartColor *color,
                      double                spacing,
                      double                line_width)
{
  double dx = 1, dy = 0, scale;
  cairo_surface_t *tile;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  cairo_t *tile_cr;
  int n;

  cairo_user_to_device_distance (cr, &dx, &dy);
  scale = MAX (hypot (dx, dy), 0.01);
  n = MAX (2, (int) round (spacing * scale));
  tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, n, n);
  tile_cr = cairo_create (tile);
  /* The tint in the tile: the path is filled once, not once for each (a large band of
   * the CPU chart took a fifth of its drawing time for the second fill). */
  if (tint != NULL)
    {
      clab_chart_set_color_alpha (tile_cr, tint, tint_alpha);
      cairo_paint (tile_cr);
    }
  /* The line x + y = n and the two corners of its neighbours, so tiles join seamlessly. */
  cairo_move_to (tile_cr, -1, n + 1);
  cairo_line_to (tile_cr, n + 1, -1);
  cairo_move_to (tile_cr, -1, 1);
  cairo_line_to (tile_cr, 1, -1);
  cairo_move_to (tile_cr, n - 1, n + 1);
  cairo_line_to (tile_cr, n + 1, n - 1);
  cairo_set_line_width (tile_cr, line_width * scale);
  clab_chart_set_color (tile_cr, color);
  cairo_stroke (tile_cr);
  cairo_destroy (tile_cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_surface_destroy (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_matrix_init_scale (&matrix, scale, scale);
  cairo_pattern_set_matrix (pattern, &matrix);
  return pattern;
}

/* Vector outputs get real lines clipped to the path: exact, and a repeated tile pattern
 * trips cairo 1.16's SVG writer into reading uninitialised memory. */
static void
stroke_hatch_lines (cairo_t              *cr,
                    const ClabChartColor *color,
                    double                spacing,
                    double                line_width)
{
  double x1, y1, x2, y2;

  cairo_save (cr);
  cairo_clip (cr);
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  /* Lines x + y = k·spacing, as in the tile, so that neighbouring shapes line up. */
  for (double k = floor ((x1 + y1) / spacing) * spacing; k <= x2 + y2; k += spacing)
    {
      cairo_move_to (cr, k - y2, y2);
      cairo_line_to (cr, k - y1, y1);
    }
  clab_chart_set_color (cr, color);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
clab_chart_fill_tinted_hatched (const ClabChartStyle *style,
                                cairo_t              *cr,
                                const ClabChartColor *tint,
                                double                tint_alpha,
                                const ClabChartColor *color,
                                double                spacing)
{
  double line_width = clab_chart_style_px (style, 1.0);
  cairo_pattern_t *pattern;

  if (cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE)
    {
      if (tint != NULL)
        {
          clab_chart_set_color_alpha (cr, tint, tint_alpha);
          cairo_fill_preserve (cr);
        }
      stroke_hatch_lines (cr, color, spacing, line_width);
      return;
    }
  pattern = create_hatch_pattern (cr, tint, tint_alpha, color, spacing, line_width);
  cairo_set_source (cr, pattern);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
}

void
clab_chart_fill_hatched (const ClabChartStyle *style,
                         cairo_t              *cr,
                         const ClabChartColor *color,
                         double                spacing)
{
  clab_chart_fill_tinted_hatched (style, cr, NULL, 0, color, spacing);
}
