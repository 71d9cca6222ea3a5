/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "clab-report-private.h"

/* A4 portrait in points, with margins of 2 cm. */
#define PAGE_WIDTH   595.276
#define PAGE_HEIGHT  841.890
#define MARGIN        56.693
#define TEXT_WIDTH   (PAGE_WIDTH - 2 * MARGIN)
#define FONT_FAMILY  "Sans"
#define BODY_SIZE     9.5
#define MAX_LABEL_WIDTH 180.0
#define CELL_PADDING   4.0
#define MIN_TABLE_SIZE 5.5

typedef struct
{
  cairo_t *cr;
  double   y;      /* where the next block starts on the current page */
} Pdf;

static PangoLayout *
new_layout (Pdf        *pdf,
            const char *text,
            double      size,
            gboolean    bold,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  /* Plain text, never markup: every string may come from a result file. */
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) width / PANGO_SCALE;
}

/* Starts a new page when @height would not fit below what is already on this one. */
static void
reserve (Pdf    *pdf,
         double  height)
{
  if (pdf->y > MARGIN && pdf->y + height > PAGE_HEIGHT - MARGIN)
    {
      cairo_show_page (pdf->cr);
      pdf->y = MARGIN;
    }
}

static void
show_layout (Pdf         *pdf,
             PangoLayout *layout,
             double       x,
             double       y,
             guint32      rgb)
{
  cairo_set_source_rgb (pdf->cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
add_paragraph (Pdf        *pdf,
               const char *text,
               double      size,
               gboolean    bold,
               guint32     rgb,
               double      space_after)
{
  g_autoptr(PangoLayout) layout = new_layout (pdf, text, size, bold, TEXT_WIDTH);
  double height = layout_height (layout);

  reserve (pdf, height);
  show_layout (pdf, layout, MARGIN, pdf->y, rgb);
  pdf->y += height + space_after;
}

static void
add_heading (Pdf        *pdf,
             guint       section,
             double      space_below)
{
  /* A heading keeps some of what follows on its page. */
  reserve (pdf, 16 + space_below);
  pdf->y += 10;
  add_paragraph (pdf, _clab_report_heading (section), 13, TRUE, 0x1c71d8, 4);
}

/* The labels' column as wide as the widest label, so that none wraps ("Rechnername"). */
static double
label_width (Pdf       *pdf,
             GPtrArray *fields)
{
  double width = 0;

  for (guint i = 0; i < fields->len; i++)
    {
      ClabReportField *field = g_ptr_array_index (fields, i);
      g_autoptr(PangoLayout) label = new_layout (pdf, field->label, BODY_SIZE, TRUE, -1);

      width = MAX (width, layout_width (label) + 12);
    }
  return MIN (width, MAX_LABEL_WIDTH);
}

static void
add_fields (Pdf       *pdf,
            guint      section,
            GPtrArray *fields)
{
  double label_w = label_width (pdf, fields);

  add_heading (pdf, section, 40);
  for (guint i = 0; i < fields->len; i++)
    {
      ClabReportField *field = g_ptr_array_index (fields, i);
      g_autoptr(PangoLayout) label = new_layout (pdf, field->label, BODY_SIZE, TRUE, label_w);
      g_autoptr(PangoLayout) value = new_layout (pdf, field->value, BODY_SIZE, FALSE,
                                                 TEXT_WIDTH - label_w);
      double height = MAX (layout_height (label), layout_height (value));

      reserve (pdf, height);
      show_layout (pdf, label, MARGIN, pdf->y, 0x1e1e1e);
      show_layout (pdf, value, MARGIN + label_w, pdf->y, 0x1e1e1e);
      pdf->y += height + 2;
    }
}

/* Each column as wide as its widest cell, at the largest size up to the body's at which
 * the whole table fits the page's width. */
static double
fit_table (Pdf               *pdf,
           ClabReportContent *content,
           double            *widths)
{
  double size;

  for (size = BODY_SIZE - 1; ; size -= 0.5)
    {
      double total = 0;

      for (guint c = 0; c < content->n_columns; c++)
        widths[c] = 0;
      for (guint r = 0; r < content->table->len; r++)
        {
          char **row = g_ptr_array_index (content->table, r);

          for (guint c = 0; c < content->n_columns && row[c] != NULL; c++)
            {
              g_autoptr(PangoLayout) layout = new_layout (pdf, row[c], size, r == 0, -1);

              widths[c] = MAX (widths[c], layout_width (layout) + 2 * CELL_PADDING);
            }
        }
      for (guint c = 0; c < content->n_columns; c++)
        total += widths[c];
      if (total <= TEXT_WIDTH || size <= MIN_TABLE_SIZE)
        return size;
    }
}

static void
add_row (Pdf               *pdf,
         ClabReportContent *content,
         char             **row,
         const double      *widths,
         double             size,
         guint              r)
{
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0, total = 0, x = MARGIN;

  for (guint c = 0; c < content->n_columns; c++)
    {
      PangoLayout *layout = new_layout (pdf, row[c] != NULL ? row[c] : "", size, r == 0,
                                        widths[c] - 2 * CELL_PADDING);

      pango_layout_set_alignment (layout, content->right_aligned[c] ? PANGO_ALIGN_RIGHT
                                                                    : PANGO_ALIGN_LEFT);
      height = MAX (height, layout_height (layout));
      total += widths[c];
      g_ptr_array_add (layouts, layout);
      if (row[c] == NULL)
        break;
    }
  height += 2 * CELL_PADDING;
  reserve (pdf, height);
  /* Every other row shaded, so that a wide row reads across. */
  if (r > 0 && r % 2 == 0)
    {
      cairo_set_source_rgb (pdf->cr, 0.955, 0.955, 0.955);
      cairo_rectangle (pdf->cr, MARGIN, pdf->y, total, height);
      cairo_fill (pdf->cr);
    }
  for (guint c = 0; c < layouts->len; c++)
    {
      show_layout (pdf, g_ptr_array_index (layouts, c), x + CELL_PADDING, pdf->y + CELL_PADDING,
                   0x1e1e1e);
      x += widths[c];
    }
  pdf->y += height;
  if (r == 0)
    {
      cairo_set_source_rgb (pdf->cr, 0.75, 0.75, 0.75);
      cairo_set_line_width (pdf->cr, 1);
      cairo_move_to (pdf->cr, MARGIN, pdf->y);
      cairo_line_to (pdf->cr, MARGIN + total, pdf->y);
      cairo_stroke (pdf->cr);
    }
}

static void
add_table (Pdf               *pdf,
           ClabReportContent *content)
{
  g_autofree double *widths = NULL;
  double size;

  add_heading (pdf, CLAB_REPORT_SECTION_SUMMARY, 40);
  if (content->table->len == 0 || content->n_columns == 0)
    return;
  widths = g_new0 (double, content->n_columns);
  size = fit_table (pdf, content, widths);
  for (guint r = 0; r < content->table->len; r++)
    add_row (pdf, content, g_ptr_array_index (content->table, r), widths, size, r);
}

static void
add_warnings (Pdf               *pdf,
              ClabReportContent *content)
{
  if (content->warnings->len == 0)
    return;
  add_heading (pdf, CLAB_REPORT_SECTION_WARNINGS, 20);
  for (guint i = 0; i < content->warnings->len; i++)
    {
      g_autofree char *item = g_strdup_printf ("• %s", (char *) g_ptr_array_index (content->warnings, i));

      add_paragraph (pdf, item, BODY_SIZE, FALSE, 0x1e1e1e, 3);
    }
}

/* A chart keeps its 16:9 shape at the text's width, taller where its rows need it, and
 * goes to the next page whole rather than cut. */
static void
add_chart (Pdf        *pdf,
           ClabResult *result,
           guint       i)
{
  ClabChartOptions options;
  double height;

  _clab_report_chart_options (i, &options);
  height = MAX (TEXT_WIDTH * 9 / 16, clab_chart_get_min_height (result, &options, TEXT_WIDTH));
  height = MIN (height, PAGE_HEIGHT - 2 * MARGIN);
  reserve (pdf, height);
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, MARGIN, pdf->y);
  cairo_rectangle (pdf->cr, 0, 0, TEXT_WIDTH, height);
  cairo_clip (pdf->cr);
  clab_chart_render (pdf->cr, TEXT_WIDTH, height, result, &options);
  cairo_restore (pdf->cr);
  pdf->y += height + 12;
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
add_everything (Pdf               *pdf,
                ClabResult        *result,
                ClabReportContent *content)
{
  add_paragraph (pdf, content->title, 18, TRUE, 0x1e1e1e, 8);
  add_paragraph (pdf, content->verdict, 11, TRUE, content->conclusive ? 0x1a7f3c : 0xb35900, 6);
  if (content->note != NULL)
    add_paragraph (pdf, content->note, BODY_SIZE, FALSE, 0x9c6e03, 4);
  add_fields (pdf, CLAB_REPORT_SECTION_MACHINE, content->machine);
  add_fields (pdf, CLAB_REPORT_SECTION_PLAN, content->plan);
  add_table (pdf, content);
  add_warnings (pdf, content);
  /* The charts start on a page of their own, two to a page. */
  cairo_show_page (pdf->cr);
  pdf->y = MARGIN;
  for (guint i = 0; i < CLAB_REPORT_N_CHARTS; i++)
    add_chart (pdf, result, i);
}

GBytes *
_clab_report_render_pdf (ClabResult         *result,
                         ClabReportContent  *content,
                         GError            **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { NULL, MARGIN };

  surface = cairo_pdf_surface_create_for_stream (write_cb, out, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, content->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, content->verdict);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Concurrency Lab");
  pdf.cr = cairo_create (surface);
  add_everything (&pdf, result, content);
  cairo_show_page (pdf.cr);
  status = cairo_status (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CLAB_REPORT_ERROR, CLAB_REPORT_ERROR_FAILED,
                   _("The report could not be drawn: %s."), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
