/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "clab-atomic-file.h"
#include "clab-chart.h"
#include "clab-chart-style.h"

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_FAILED,
               _("The chart could not be drawn: %s."), cairo_status_to_string (status));
  return FALSE;
}

static cairo_surface_t *
create_surface (ClabChartFormat  format,
                int              width,
                int              height,
                GByteArray      *out)
{
  cairo_surface_t *surface;

  switch (format)
    {
    case CLAB_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_cb, out, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      return surface;
    case CLAB_CHART_FORMAT_PDF:
      return cairo_pdf_surface_create_for_stream (write_cb, out, width, height);
    case CLAB_CHART_FORMAT_PNG:
    case CLAB_N_CHART_FORMATS:
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
}

static void
set_pdf_metadata (cairo_surface_t *surface,
                  const char      *title,
                  const char      *description)
{
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title != NULL ? title : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  description != NULL ? description : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Concurrency Lab");
}

/* cairo draws SVG text as glyph outlines, so the words are gone from the file: a <title> and
 * a <desc> give them back to screen readers, search and anyone reading the XML. */
static void
insert_svg_text (GByteArray *svg,
                 const char *title,
                 const char *description)
{
  g_autofree char *title_xml = g_markup_escape_text (title != NULL ? title : "", -1);
  g_autofree char *description_xml = g_markup_escape_text (description != NULL ? description : "",
                                                           -1);
  g_autofree char *element = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>",
                                              title_xml, description_xml);
  g_autoptr(GBytes) tail = NULL;
  const char *data = (const char *) svg->data;
  const char *root = g_strstr_len (data, svg->len, "<svg");
  const char *end = root ? memchr (root, '>', svg->len - (root - data)) : NULL;
  gsize offset;

  if (end == NULL)
    return;
  /* Right after the root element's start tag, where SVG wants them. */
  offset = end + 1 - data;
  tail = g_bytes_new (svg->data + offset, svg->len - offset);
  g_byte_array_set_size (svg, offset);
  g_byte_array_append (svg, (const guint8 *) element, strlen (element));
  g_byte_array_append (svg, g_bytes_get_data (tail, NULL), g_bytes_get_size (tail));
}

static gboolean
draw_into (cairo_surface_t    *surface,
           ClabChartDrawFunc   draw,
           gpointer            user_data,
           int                 width,
           int                 height,
           GError            **error)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  draw (cr, width, height, user_data);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  return check_status (status, error);
}

GBytes *
clab_chart_draw_to_bytes (ClabChartDrawFunc   draw,
                          gpointer            user_data,
                          const char         *title,
                          const char         *description,
                          ClabChartFormat     format,
                          int                 width,
                          int                 height,
                          GError            **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface;
  gboolean ok;

  g_return_val_if_fail (draw != NULL, NULL);
  g_return_val_if_fail (format < CLAB_N_CHART_FORMATS, NULL);

  if (!clab_chart_check_size (width, height, error))
    return NULL;
  surface = create_surface (format, width, height, out);
  if (format == CLAB_CHART_FORMAT_PDF)
    set_pdf_metadata (surface, title, description);
  ok = draw_into (surface, draw, user_data, width, height, error);
  if (ok && format == CLAB_CHART_FORMAT_PNG)
    ok = check_status (cairo_surface_write_to_png_stream (surface, write_cb, out), error);
  cairo_surface_finish (surface);
  ok = ok && check_status (cairo_surface_status (surface), error);
  cairo_surface_destroy (surface);
  if (!ok)
    return NULL;
  if (format == CLAB_CHART_FORMAT_SVG)
    insert_svg_text (out, title, description);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
clab_chart_write_file (const char  *path,
                       GBytes      *bytes,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL && bytes != NULL, FALSE);

  /* Through the lab's one writer: never half a chart, never a device replaced. */
  if (!clab_atomic_file_replace (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 &local_error))
    {
      /* The writer's sentence already names the file. */
      g_set_error_literal (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_FAILED, local_error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  ClabResult             *result;
  const ClabChartOptions *options;
} ResultChart;

static void
draw_result_cb (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  user_data)
{
  ResultChart *chart = user_data;

  clab_chart_render (cr, width, height, chart->result, chart->options);
}

/* A chart of rows (the Timeline's lanes, the CPU chart's panels) gets the height that keeps
 * them readable, as it does on screen: the file grows taller than asked rather than squeeze
 * or clip its rows. Its text keeps the size the asked-for size gives it. Charts without rows
 * ask for no height and keep the size they were given. */
static int
export_height (ClabResult             *result,
               const ClabChartOptions *options,
               int                     width,
               int                     height,
               ClabChartOptions       *fixed)
{
  *fixed = *options;
  if (!clab_chart_check_size (width, height, NULL))
    return height;
  if (fixed->scale <= 0)
    fixed->scale = clab_chart_style_auto_unit (width, height);
  return (int) CLAMP (ceil (clab_chart_get_min_height (result, fixed, width)), height,
                      CLAB_CHART_MAX_SIZE);
}

GBytes *
clab_chart_render_to_bytes (ClabResult              *result,
                            const ClabChartOptions  *options,
                            ClabChartFormat          format,
                            int                      width,
                            int                      height,
                            GError                 **error)
{
  ClabChartOptions fixed;
  ResultChart chart = { result, &fixed };
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  height = export_height (result, options, width, height, &fixed);
  /* Only SVG and PDF carry their words. */
  if (format != CLAB_CHART_FORMAT_PNG)
    {
      title = clab_chart_dup_title (result, options);
      description = clab_chart_dup_description (result, options);
    }
  return clab_chart_draw_to_bytes (draw_result_cb, &chart, title, description, format, width,
                                   height, error);
}

gboolean
clab_chart_export (ClabResult              *result,
                   const ClabChartOptions  *options,
                   const char              *path,
                   int                      width,
                   int                      height,
                   GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  ClabChartFormat format;

  g_return_val_if_fail (CLAB_IS_RESULT (result), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!clab_chart_format_from_path (path, &format, error))
    return FALSE;
  bytes = clab_chart_render_to_bytes (result, options, format, width, height, error);
  return bytes != NULL && clab_chart_write_file (path, bytes, error);
}
