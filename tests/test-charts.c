/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "clab-chart-axis.h"
#include "clab-chart-private.h"
#include "clab-chart-series.h"
#include "clab-chart-style.h"
#include "clab-format.h"
#include "charts-fixtures.h"

/* --- Helpers ---------------------------------------------------------------------------- */

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
}

static guint
count_colours (cairo_surface_t *surface)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2)
      g_hash_table_add (seen, GUINT_TO_POINTER (pixel_at (surface, x, y)));
  return g_hash_table_size (seen);
}

static cairo_surface_t *
draw_image (ClabResult             *result,
            const ClabChartOptions *options,
            int                     w,
            int                     h,
            ClabChartHits         **hits)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);

  if (hits != NULL)
    *hits = clab_chart_render_with_hits (cr, w, h, result, options);
  else
    clab_chart_render (cr, w, h, result, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
read_be32 (const guint8 *data)
{
  return ((guint32) data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3];
}

/* --- Parsing of names, paths and sizes -------------------------------------------------- */

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  ClabChartType type;
  ClabChartTheme theme;
  ClabChartFormat format;
  int w = 0, h = 0;

  for (guint i = 0; i < CLAB_N_CHART_TYPES; i++)
    {
      g_assert_true (clab_chart_type_from_string (clab_chart_type_to_string (i), &type, NULL));
      g_assert_cmpint (type, ==, i);
    }
  g_assert_false (clab_chart_type_from_string ("pie", &type, &error));
  g_assert_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_TYPE);
  g_assert_nonnull (strstr (error->message, "pie"));
  g_clear_error (&error);

  g_assert_true (clab_chart_theme_from_string ("dark", &theme, NULL));
  g_assert_cmpint (theme, ==, CLAB_CHART_THEME_DARK);
  g_assert_false (clab_chart_theme_from_string ("sepia", &theme, &error));
  g_assert_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_THEME);
  g_clear_error (&error);

  g_assert_true (clab_chart_format_from_path ("/tmp/a.b/chart.SVG", &format, NULL));
  g_assert_cmpint (format, ==, CLAB_CHART_FORMAT_SVG);
  g_assert_true (clab_chart_format_from_path ("chart.pdf", &format, NULL));
  g_assert_cmpint (format, ==, CLAB_CHART_FORMAT_PDF);
  g_assert_false (clab_chart_format_from_path ("chart.jpg", &format, &error));
  g_assert_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_FORMAT);
  g_clear_error (&error);
  g_assert_false (clab_chart_format_from_path ("/tmp/x.png/chart", &format, &error));
  g_assert_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_FORMAT);
  g_clear_error (&error);

  g_assert_true (clab_chart_parse_size ("1600x900", &w, &h, NULL));
  g_assert_cmpint (w, ==, 1600);
  g_assert_cmpint (h, ==, 900);
  g_assert_true (clab_chart_parse_size ("64×8192", &w, &h, NULL));
  g_assert_cmpint (w, ==, 64);
  g_assert_cmpint (h, ==, 8192);
  for (guint i = 0; i < 5; i++)
    {
      const char *bad[] = { "63x100", "100x8193", "800", "x450", "800x450x2" };

      g_assert_false (clab_chart_parse_size (bad[i], &w, &h, &error));
      g_assert_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_SIZE);
      g_clear_error (&error);
    }
}

static void
test_ticks_and_units (void)
{
  const double rough[] = { 0.3, 0.7, 1.5, 3, 7, 0.0012, 40 };
  const double nice[] = { 0.5, 1, 2, 5, 10, 0.002, 50 };
  ClabChartAxis axis;
  g_autofree char *ms = clab_chart_format_duration (0.25);
  g_autofree char *s = clab_chart_format_duration (12.345);
  g_autofree char *zero = clab_chart_format_duration (0);
  g_autofree char *us = clab_chart_format_duration (0.0000425);
  g_autofree char *tick = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rough); i++)
    g_assert_cmpfloat_with_epsilon (clab_chart_nice_step (rough[i]), nice[i], 1e-12);
  g_assert_cmpstr (ms, ==, "250 ms");
  g_assert_cmpstr (s, ==, "12.3 s");
  g_assert_cmpstr (zero, ==, "0 s");
  g_assert_cmpstr (us, ==, "42.5 µs");

  /* 0–0.9 s reads in ms, in 200 ms steps, widened to a whole step. */
  clab_chart_axis_init_time (&axis, 0.9);
  clab_chart_axis_set_range (&axis, 0, 0.9, 5, TRUE);
  g_assert_cmpfloat_with_epsilon (axis.step, 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (axis.max, 1.0, 1e-12);
  tick = clab_chart_axis_format (&axis, 0.4);
  g_assert_cmpstr (tick, ==, "400 ms");
  clab_chart_axis_set_pixels (&axis, 100, 300);
  g_assert_cmpfloat_with_epsilon (clab_chart_axis_map (&axis, 0.5), 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (clab_chart_axis_unmap (&axis, 200), 0.5, 1e-9);
}

static double
cpu_value (const ClabRun *run,
           guint          i,
           gpointer       user_data)
{
  return g_array_index (run->samples, ClabSample, i).cpu_pct;
}

static void
test_decimate (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_THREADS, 1);
  g_autoptr(GArray) columns = NULL;
  ClabChartAxis axis;
  double lo = 100, hi = 0;

  for (guint i = 0; i < 100000; i++)
    {
      ClabSample sample = { i * 0.001, i == 77777 ? 99.5 : 50 + 20 * sin (i * 0.01) };

      g_array_append_val (run->samples, sample);
    }
  clab_chart_axis_init_time (&axis, 100);
  clab_chart_axis_set_range (&axis, 0, 100, 5, FALSE);
  clab_chart_axis_set_pixels (&axis, 0, 500);
  columns = clab_chart_decimate (run, cpu_value, NULL, &axis, 1.0, FALSE);
  g_assert_cmpuint (columns->len, <=, 501);
  g_assert_cmpuint (columns->len, >=, 499);
  for (guint i = 0; i < columns->len; i++)
    {
      lo = MIN (lo, g_array_index (columns, ClabChartColumn, i).min);
      hi = MAX (hi, g_array_index (columns, ClabChartColumn, i).max);
    }
  /* A one-sample spike survives the reduction. */
  g_assert_cmpfloat (hi, ==, 99.5);
  g_assert_cmpfloat_with_epsilon (lo, 30, 0.01);
  g_assert_cmpint (clab_chart_nearest_sample (run, 12.3456), ==, 12346);
}

/* A run of 180 ms sampled every 100 ms: each CPU sample holds over the time since the one
 * before, the first since the run started, so two samples draw two steps over the whole
 * run instead of one slanted segment from 100 ms on (or nothing, from one sample). */
static void
test_decimate_intervals (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_THREADS, 1);
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GArray) readings = NULL;
  ClabSample first = { 0.1, 50 }, second = { 0.18, 90 };
  ClabChartAxis axis;

  g_array_append_val (run->samples, first);
  g_array_append_val (run->samples, second);
  clab_chart_axis_init_time (&axis, 0.18);
  clab_chart_axis_set_range (&axis, 0, 0.18, 5, FALSE);
  clab_chart_axis_set_pixels (&axis, 0, 180);
  steps = clab_chart_decimate (run, cpu_value, NULL, &axis, 1.0, TRUE);
  g_assert_cmpuint (steps->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (g_array_index (steps, ClabChartColumn, 0).x, 0, 1e-9);
  g_assert_cmpfloat (g_array_index (steps, ClabChartColumn, 0).max, ==, 50);
  g_assert_cmpfloat_with_epsilon (g_array_index (steps, ClabChartColumn, 1).x, 100, 1e-9);
  g_assert_cmpfloat (g_array_index (steps, ClabChartColumn, 1).max, ==, 50);
  g_assert_cmpfloat_with_epsilon (g_array_index (steps, ClabChartColumn, 2).x, 100, 1e-9);
  g_assert_cmpfloat (g_array_index (steps, ClabChartColumn, 2).max, ==, 90);
  g_assert_cmpfloat_with_epsilon (g_array_index (steps, ClabChartColumn, 3).x, 180, 1e-9);
  /* Readings at a moment (memory) stay points. */
  readings = clab_chart_decimate (run, cpu_value, NULL, &axis, 1.0, FALSE);
  g_assert_cmpuint (readings->len, ==, 2);
}

/* --- Drawing ---------------------------------------------------------------------------- */

static void
test_image (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autoptr(ClabResult) result = fixture->func ();

  for (guint type = 0; type < CLAB_N_CHART_TYPES; type++)
    {
      ClabChartOptions options;
      cairo_surface_t *surface;

      clab_chart_options_init (&options);
      options.type = type;
      surface = draw_image (result, &options, 640, 360, NULL);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 360);
      g_assert_cmpuint (count_colours (surface), >, 10);
      g_assert_cmphex (pixel_at (surface, 2, 2), ==, 0xffffffff);
      cairo_surface_destroy (surface);

      /* The smallest size and the other themes draw too. */
      options.theme = CLAB_CHART_THEME_DARK;
      surface = draw_image (result, &options, 64, 64, NULL);
      g_assert_cmphex (pixel_at (surface, 1, 1), ==, 0xff1e1e1e);
      cairo_surface_destroy (surface);
      options.theme = CLAB_CHART_THEME_TRANSPARENT;
      options.per_cpu = TRUE;
      surface = draw_image (result, &options, 320, 180, NULL);
      g_assert_cmphex (pixel_at (surface, 1, 1) >> 24, ==, 0);
      cairo_surface_destroy (surface);
    }
}

static void
test_png (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autoptr(ClabResult) result = fixture->func ();

  for (guint type = 0; type < CLAB_N_CHART_TYPES; type++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const guint8 *png;
      ClabChartOptions options;
      gsize size;

      clab_chart_options_init (&options);
      options.type = type;
      bytes = clab_chart_render_to_bytes (result, &options, CLAB_CHART_FORMAT_PNG, 500, 300,
                                          &error);
      g_assert_no_error (error);
      png = g_bytes_get_data (bytes, &size);
      g_assert_cmpuint (size, >, 33);
      g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
      g_assert_cmpuint (read_be32 (png + 16), ==, 500);
      g_assert_cmpuint (read_be32 (png + 20), ==, 300);
    }
}

typedef struct
{
  GPtrArray *stack;
  GString   *text;      /* of <title> and <desc> */
  char      *root;
} SvgScan;

static void
svg_start_cb (GMarkupParseContext *context,
              const char          *element,
              const char         **names,
              const char         **values,
              gpointer             user_data,
              GError             **error)
{
  SvgScan *scan = user_data;

  if (scan->root == NULL)
    scan->root = g_strdup (element);
  g_ptr_array_add (scan->stack, g_strdup (element));
}

static void
svg_end_cb (GMarkupParseContext *context,
            const char          *element,
            gpointer             user_data,
            GError             **error)
{
  SvgScan *scan = user_data;

  g_ptr_array_remove_index (scan->stack, scan->stack->len - 1);
}

static void
svg_text_cb (GMarkupParseContext *context,
             const char          *text,
             gsize                length,
             gpointer             user_data,
             GError             **error)
{
  SvgScan *scan = user_data;
  const char *element = scan->stack->len ? g_ptr_array_index (scan->stack, scan->stack->len - 1)
                                         : "";

  if (g_str_equal (element, "title") || g_str_equal (element, "desc"))
    g_string_append_len (scan->text, text, length);
}

static void
test_svg (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autoptr(ClabResult) result = fixture->func ();
  const GMarkupParser parser = { svg_start_cb, svg_end_cb, svg_text_cb, NULL, NULL };

  for (guint type = 0; type < CLAB_N_CHART_TYPES; type++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GMarkupParseContext) context = NULL;
      SvgScan scan = { g_ptr_array_new_with_free_func (g_free), g_string_new (NULL), NULL };
      ClabChartOptions options;
      gsize size;
      const char *svg;

      clab_chart_options_init (&options);
      options.type = type;
      bytes = clab_chart_render_to_bytes (result, &options, CLAB_CHART_FORMAT_SVG, 480, 270,
                                          &error);
      g_assert_no_error (error);
      svg = g_bytes_get_data (bytes, &size);
      context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
      g_assert_true (g_markup_parse_context_parse (context, svg, size, &error));
      g_assert_true (g_markup_parse_context_end_parse (context, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (scan.root, ==, "svg");
      g_assert_nonnull (strstr (scan.text->str, clab_chart_type_label (type)));
      for (guint i = 0; i < clab_result_get_n_modes (result); i++)
        g_assert_nonnull (strstr (scan.text->str,
                                  clab_mode_label (clab_result_get_mode (result, i)->mode)));
      if (clab_result_get_n_modes (result) == 0)
        g_assert_nonnull (strstr (scan.text->str, "No data"));
      g_ptr_array_unref (scan.stack);
      g_string_free (scan.text, TRUE);
      g_free (scan.root);
    }
}

static guint
count_pdf_pages (const char *pdf,
                 gsize       size)
{
  const char *needle = "/Type /Page";
  gsize n = strlen (needle);
  guint pages = 0;

  for (gsize i = 0; i + n < size; i++)
    if (memcmp (pdf + i, needle, n) == 0 && pdf[i + n] != 's')
      pages++;
  return pages;
}

static void
test_pdf (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autoptr(ClabResult) result = fixture->func ();

  for (guint type = 0; type < CLAB_N_CHART_TYPES; type++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      ClabChartOptions options;
      const char *pdf;
      gsize size;

      clab_chart_options_init (&options);
      options.type = type;
      bytes = clab_chart_render_to_bytes (result, &options, CLAB_CHART_FORMAT_PDF, 480, 270,
                                          &error);
      g_assert_no_error (error);
      pdf = g_bytes_get_data (bytes, &size);
      g_assert_cmpuint (size, >, 100);
      g_assert_cmpmem (pdf, 5, "%PDF-", 5);
      g_assert_cmpuint (count_pdf_pages (pdf, size), ==, 1);
    }
}

/* Bars start from zero, so their pixel heights must be in the ratio of the means. */
static void
test_bar_heights (void)
{
  g_autoptr(ClabResult) result = fixed_result ();
  g_autoptr(ClabChartHits) hits = NULL;
  ClabChartOptions options;
  cairo_surface_t *surface;
  double heights[3], means[3];
  guint n = 0;

  clab_chart_options_init (&options);
  surface = draw_image (result, &options, 800, 450, &hits);
  for (guint i = 0; i < clab_chart_hits_get_n_items (hits) && n < 3; i++)
    {
      cairo_rectangle_t rect;
      ClabChartColor color;
      int x, y, base;
      guint32 expected;

      clab_chart_hits_get_rect (hits, i, &rect);
      /* Left of the error bar's cap on the centre, right of the fastest bar's outline. */
      x = (int) (rect.x + rect.width * 0.15);
      base = (int) round (rect.y + rect.height);
      clab_chart_style_mode_color (CLAB_CHART_THEME_LIGHT,
                                   clab_result_get_mode (result, n)->mode, &color);
      expected = 0xff000000 | (guint32) round (color.r * 255) << 16
                 | (guint32) round (color.g * 255) << 8 | (guint32) round (color.b * 255);
      g_assert_cmphex (pixel_at (surface, x, base - 4), ==, expected);
      for (y = base - 1; y > 0 && pixel_at (surface, x, y) != 0xffffffff; y--)
        ;
      heights[n] = base - 1 - y;
      means[n] = clab_result_get_mode (result, n)->stats.mean_s;
      n++;
    }
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (heights[0], >, 100);
  for (guint i = 1; i < 3; i++)
    g_assert_cmpfloat (fabs (heights[i] - heights[0] * means[i] / means[0]), <=, 2.0);
  cairo_surface_destroy (surface);
}

static void
test_hit_test (void)
{
  g_autoptr(ClabResult) result = fixed_result ();
  g_autoptr(ClabChartHits) hits = NULL;
  ClabChartOptions options;
  cairo_rectangle_t rect;
  g_autofree char *bar = NULL;
  g_autofree char *none = NULL;
  g_autofree char *task = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *point = NULL;
  cairo_surface_t *surface;

  clab_chart_options_init (&options);
  surface = draw_image (result, &options, 800, 450, &hits);
  cairo_surface_destroy (surface);
  clab_chart_hits_get_rect (hits, 1, &rect);
  bar = clab_chart_hit_test (result, &options, 800, 450, rect.x + rect.width / 2,
                             rect.y + rect.height - 2);
  g_assert_nonnull (strstr (bar, clab_mode_label (CLAB_MODE_THREADS)));
  g_assert_nonnull (strstr (bar, "1.00 s"));
  none = clab_chart_hit_test (result, &options, 800, 450, 2, 2);
  g_assert_null (none);

  options.type = CLAB_CHART_TIMELINE;
  g_clear_pointer (&hits, clab_chart_hits_free);
  surface = draw_image (result, &options, 800, 450, &hits);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (clab_chart_hits_get_n_items (hits), ==, 12);
  clab_chart_hits_get_rect (hits, 0, &rect);
  task = clab_chart_hits_lookup (hits, rect.x + 1, rect.y + rect.height / 2);
  g_assert_nonnull (strstr (task, "Task 1"));

  options.type = CLAB_CHART_CPU;
  g_clear_pointer (&hits, clab_chart_hits_free);
  surface = draw_image (result, &options, 800, 450, &hits);
  cairo_surface_destroy (surface);
  clab_chart_hits_get_rect (hits, 0, &rect);
  sample = clab_chart_hits_lookup (hits, rect.x + rect.width * 0.25, rect.y + 5);
  g_assert_nonnull (strstr (sample, "busy"));

  options.type = CLAB_CHART_SCALING;
  g_clear_pointer (&hits, clab_chart_hits_free);
  surface = draw_image (result, &options, 800, 450, &hits);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (clab_chart_hits_get_n_items (hits), ==, 3);
  clab_chart_hits_get_rect (hits, 2, &rect);
  point = clab_chart_hits_lookup (hits, rect.x + rect.width / 2, rect.y + rect.height / 2);
  g_assert_nonnull (strstr (point, "Karp–Flatt"));
}

static void
test_describe_failures (void)
{
  g_autoptr(ClabResult) result = failures_result ();
  ClabChartOptions options;
  g_autofree char *elapsed = NULL;
  g_autofree char *title = NULL;

  clab_chart_options_init (&options);
  elapsed = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (elapsed, "1 failed task"));
  g_assert_nonnull (strstr (elapsed, "Processes: no data"));
  title = clab_chart_dup_title (result, &options);
  g_assert_cmpstr (title, ==, clab_chart_type_label (CLAB_CHART_ELAPSED));
}

/* Every counted run of @mode used @user + @system seconds, its tasks @task_cpu each. */
static void
set_cpu_time (ClabResult *result,
              ClabMode    mode,
              double      user,
              double      system,
              double      task_cpu)
{
  ClabModeResult *mode_result = clab_result_find_mode (result, mode);

  for (guint i = 0; i < mode_result->runs->len; i++)
    {
      ClabRun *run = g_ptr_array_index (mode_result->runs, i);

      run->cpu_user_s = user;
      run->cpu_system_s = system;
      for (guint t = 0; t < run->tasks->len; t++)
        g_array_index (run->tasks, ClabTask, t).cpu_s = task_cpu;
    }
}

/* The CPU time measure: bars of user + system time, split into the tasks' own and the rest,
 * compared with sequential's; wall time is no longer what the chart says. */
static void
test_elapsed_cpu_time (void)
{
  g_autoptr(ClabResult) result = fixed_result ();
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *title = NULL;
  ClabChartOptions options;

  set_cpu_time (result, CLAB_MODE_SEQUENTIAL, 0.4, 0.1, 0.1);
  set_cpu_time (result, CLAB_MODE_THREADS, 0.6, 0.2, 0.1);
  set_cpu_time (result, CLAB_MODE_PROCESSES, 0.9, 0.3, 0.1);
  clab_chart_options_init (&options);
  options.cpu_time = TRUE;
  description = clab_chart_dup_description (result, &options);
  title = clab_chart_dup_title (result, &options);

  g_assert_nonnull (strstr (title, "CPU time by mode"));
  g_assert_nonnull (strstr (description, "Sequential: mean CPU time 500 ms over 2 runs"));
  g_assert_nonnull (strstr (description, "the tasks’ own 400 ms + overhead 100 ms"));
  g_assert_nonnull (strstr (description, "Threads: mean CPU time 800 ms"));
  g_assert_nonnull (strstr (description, "1.60 × the CPU time of sequential"));
  g_assert_nonnull (strstr (description, "2.40 × the CPU time of sequential"));
  g_assert_null (strstr (description, "the speed of sequential"));
  png = clab_chart_render_to_bytes (result, &options, CLAB_CHART_FORMAT_PNG, 800, 450, &error);
  g_assert_no_error (error);
  g_assert_nonnull (png);

  /* The wall time measure is untouched. */
  options.cpu_time = FALSE;
  g_clear_pointer (&description, g_free);
  description = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (description, "Sequential: mean 2"));
  g_assert_null (strstr (description, "CPU time"));
}

/* A result whose sequential mode ran three times: 3 s, 1 s and 2 s. */
static ClabResult *
three_runs_result (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS };
  g_autoptr(ClabPlan) plan = make_plan (modes, G_N_ELEMENTS (modes));
  ClabResult *result = clab_result_new (plan);
  const double elapsed[] = { 3.0, 1.0, 2.0 };

  for (guint i = 0; i < G_N_ELEMENTS (elapsed); i++)
    clab_result_add_run (result, make_run (CLAB_MODE_SEQUENTIAL, elapsed[i], 2, 1, CLAB_TASK_OK));
  clab_result_add_run (result, make_run (CLAB_MODE_THREADS, 0.5, 200, 200, CLAB_TASK_OK));
  clab_stats_update_result (result);
  return result;
}

/* The CPU and Timeline charts show each mode's run closest to the median unless told which
 * counted run to show; a mode without that run says so. */
static void
test_run_index (void)
{
  g_autoptr(ClabResult) result = three_runs_result ();
  ClabChartOptions options;
  g_autofree char *median = NULL, *first = NULL, *third = NULL, *cpu = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;

  clab_chart_options_init (&options);
  options.type = CLAB_CHART_TIMELINE;
  median = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (median, "Sequential · run 3 of 3 (median) · 2 tasks on 1 worker · 2"));
  /* One run: nothing to choose between, nothing to say. */
  g_assert_nonnull (strstr (median, "Threads · 200 tasks, one thread each"));

  options.run = 1;
  first = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (first, "Sequential · run 1 of 3 · 2 tasks on 1 worker · 3"));
  g_assert_null (strstr (first, "median"));
  g_assert_nonnull (strstr (first, "Threads · 200 tasks"));

  options.run = 3;
  third = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (third, "Sequential · run 3 of 3 · 2 tasks"));
  g_assert_nonnull (strstr (third, "Threads: no data"));
  png = clab_chart_render_to_bytes (result, &options, CLAB_CHART_FORMAT_PNG, 800, 450, &error);
  g_assert_no_error (error);

  options.type = CLAB_CHART_CPU;
  options.run = 2;
  cpu = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (cpu, "Sequential · run 2 of 3 · 1"));
}

/* A chart of many rows asks for the height that keeps each readable, and no more than the
 * space a chart of few rows gets anyway. */
static void
test_min_height (void)
{
  g_autoptr(ClabResult) many = three_runs_result ();
  g_autoptr(ClabResult) few = fixed_result ();
  ClabChartOptions options;
  double lanes, panels;

  clab_chart_options_init (&options);
  options.scale = 1;
  g_assert_cmpfloat (clab_chart_get_min_height (many, &options, 800), ==, 0);
  options.type = CLAB_CHART_TIMELINE;
  /* 201 lanes of at least 2 px each, and the title, legend and axis around them. */
  lanes = clab_chart_get_min_height (many, &options, 800);
  g_assert_cmpfloat (lanes, >, 201 * 2 + 60);
  g_assert_cmpfloat (clab_chart_get_min_height (few, &options, 800), <, 450);
  options.type = CLAB_CHART_CPU;
  panels = clab_chart_get_min_height (many, &options, 800);
  g_assert_cmpfloat (panels, >, 2 * 64);
  /* A narrow chart wraps its title onto more lines: it needs more height, not less. */
  g_assert_cmpfloat (clab_chart_get_min_height (many, &options, 320), >=, panels);
}

/* Five hundred tasks of 0.1 ms back to back: each bar a few pixels wide. */
static ClabResult *
back_to_back_result (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  ClabResult *result;
  ClabRun *run = clab_run_new (CLAB_MODE_SEQUENTIAL, 1);

  clab_plan_set_workload (plan, CLAB_WORKLOAD_CPU);
  clab_plan_set_tasks (plan, 500);
  g_assert_true (clab_plan_parse_modes (plan, "sequential", NULL));
  result = clab_result_new (plan);
  g_array_set_size (run->tasks, 500);
  for (guint i = 0; i < 500; i++)
    g_array_index (run->tasks, ClabTask, i) = (ClabTask) {
      .index = i, .worker = 0, .submit_s = i * 1e-4, .start_s = i * 1e-4,
      .end_s = (i + 1) * 1e-4, .cpu_s = 1e-4, .status = CLAB_TASK_OK };
  run->elapsed_s = 0.05;
  clab_result_add_run (result, run);
  return result;
}

/* The longest run of one colour along row @y. */
static int
longest_run (cairo_surface_t *surface,
             int              y)
{
  int best = 0, run = 0;

  for (int x = 1; x < cairo_image_surface_get_width (surface); x++)
    {
      run = pixel_at (surface, x, y) == pixel_at (surface, x - 1, y) ? run + 1 : 0;
      best = MAX (best, run);
    }
  return best;
}

/* Back-to-back bars of a few pixels make one band: before, a pale seam where two bars met
 * inside a pixel striped the lane like the hatch that means "waiting for a core". */
static void
test_timeline_band (void)
{
  g_autoptr(ClabResult) result = back_to_back_result ();
  ClabChartOptions options;
  cairo_surface_t *surface;
  int widest = 0, height;

  clab_chart_options_init (&options);
  options.type = CLAB_CHART_TIMELINE;
  surface = draw_image (result, &options, 1280, 400, NULL);
  height = cairo_image_surface_get_height (surface);
  /* The background's rows run the whole width: look at the bar's colour only. */
  for (int y = 0; y < height; y++)
    {
      guint32 p = pixel_at (surface, 640, y);

      if (p != pixel_at (surface, 2, y) && (p & 0xffffff) != 0xffffff)
        widest = MAX (widest, longest_run (surface, y));
    }
  /* The band spans nearly the whole time axis, over 1,000 px. */
  g_assert_cmpint (widest, >, 1000);
  cairo_surface_destroy (surface);
}

/* Every percentage a chart shows is written by core's format module, as the window and the
 * CLI write it: the Scaling chart's Amdahl fit and Karp–Flatt fraction alike. */
static void
test_percent_format (void)
{
  g_autoptr(ClabResult) result = fixed_result ();
  g_autofree char *whole = clab_format_percent (48.4);
  g_autofree char *tenths = clab_format_percent_precise (12.5);
  g_autofree char *whole_zero = clab_format_percent (-0.3);
  g_autofree char *tenths_zero = clab_format_percent_precise (-0.04);
  g_autofree char *none = clab_format_percent_precise (NAN);
  g_autofree char *huge = clab_format_percent_precise (1e300);
  g_autofree char *slower = clab_format_percent_change (594.54);
  g_autofree char *faster = clab_format_percent_change (-4.0);
  g_autofree char *same = clab_format_percent_change (-0.01);
  g_autofree char *short_slower = clab_format_percent_change_short (594.54);
  g_autofree char *short_faster = clab_format_percent_change_short (-4.04);
  g_autofree char *short_same = clab_format_percent_change_short (-0.01);
  g_autofree char *short_ten = clab_format_percent_change_short (-9.96);
  g_autofree char *with_err = clab_format_percent_change_err (-48.24, 1.04);
  g_autofree char *same_err = clab_format_percent_change_err (-0.01, 0.3);
  g_autofree char *fitted = clab_chart_scaling_dup_series_label (CLAB_MODE_THREADS, 0.04);
  g_autofree char *unfitted = clab_chart_scaling_dup_series_label (CLAB_MODE_THREADS, NAN);
  g_autofree char *description = NULL;
  ClabChartOptions options;

  g_assert_cmpstr (whole, ==, "48 %");
  g_assert_cmpstr (tenths, ==, "12.5 %");
  /* Rounded to nothing is nothing, never "-0". */
  g_assert_cmpstr (whole_zero, ==, "0 %");
  g_assert_cmpstr (tenths_zero, ==, "0.0 %");
  g_assert_cmpstr (none, ==, CLAB_FORMAT_NONE);
  g_assert_cmpstr (huge, ==, "1e+300 %");
  /* A change carries its sign, a minus sign (U+2212) and not a hyphen. */
  g_assert_cmpstr (slower, ==, "+594.5 %");
  g_assert_cmpstr (faster, ==, "−4.0 %");
  g_assert_cmpstr (same, ==, "+0.0 %");
  /* A short change drops the decimal from 10 % on. */
  g_assert_cmpstr (short_slower, ==, "+595 %");
  g_assert_cmpstr (short_faster, ==, "−4.0 %");
  g_assert_cmpstr (short_same, ==, "+0.0 %");
  g_assert_cmpstr (short_ten, ==, "−10 %");
  g_assert_cmpstr (with_err, ==, "−48.2 ± 1.0 %");
  g_assert_cmpstr (same_err, ==, "+0.0 ± 0.3 %");
  g_assert_cmpstr (fitted, ==, "Threads (Amdahl fit: 4.0 % serial)");
  g_assert_cmpstr (unfitted, ==, "Threads");
  /* At 4 workers a speedup of 3.6 is a serial fraction of 3.7 %. */
  clab_chart_options_init (&options);
  options.type = CLAB_CHART_SCALING;
  description = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (description, "Karp–Flatt serial fraction 3.7 %"));
}

static void
test_export (void)
{
  g_autoptr(ClabResult) result = fixed_result ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clab-charts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *bad_dir = g_build_filename (dir, "missing", "chart.png", NULL);
  g_autofree char *contents = NULL;
  ClabChartOptions options;
  const char *name;
  GDir *listing;
  gsize size;

  clab_chart_options_init (&options);
  g_assert_true (clab_chart_export (result, &options, path, 300, 200, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpmem (contents, 4, "\x89PNG", 4);

  /* A failure leaves the old file as it was. */
  g_assert_false (clab_chart_export (result, &options, path, 30, 200, &error));
  g_assert_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_SIZE);
  g_clear_error (&error);
  g_assert_false (clab_chart_export (result, &options, bad_dir, 300, 200, &error));
  g_assert_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, bad_dir));
  g_clear_error (&error);
  g_assert_false (clab_chart_export (result, &options, "chart.gif", 300, 200, &error));
  g_assert_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_FORMAT);

  /* Nothing but the chart is left behind: no temporary file. */
  listing = g_dir_open (dir, 0, NULL);
  name = g_dir_read_name (listing);
  g_assert_cmpstr (name, ==, "chart.png");
  g_assert_null (g_dir_read_name (listing));
  g_dir_close (listing);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/parse", test_parse);
  g_test_add_func ("/charts/ticks-and-units", test_ticks_and_units);
  g_test_add_func ("/charts/decimate", test_decimate);
  g_test_add_func ("/charts/decimate-intervals", test_decimate_intervals);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *image = g_strdup_printf ("/charts/image/%s", fixtures[i].name);
      g_autofree char *png = g_strdup_printf ("/charts/png/%s", fixtures[i].name);
      g_autofree char *svg = g_strdup_printf ("/charts/svg/%s", fixtures[i].name);
      g_autofree char *pdf = g_strdup_printf ("/charts/pdf/%s", fixtures[i].name);

      g_test_add_data_func (image, &fixtures[i], test_image);
      g_test_add_data_func (png, &fixtures[i], test_png);
      g_test_add_data_func (svg, &fixtures[i], test_svg);
      g_test_add_data_func (pdf, &fixtures[i], test_pdf);
    }
  g_test_add_func ("/charts/bar-heights", test_bar_heights);
  g_test_add_func ("/charts/hit-test", test_hit_test);
  g_test_add_func ("/charts/timeline-band", test_timeline_band);
  g_test_add_func ("/charts/describe-failures", test_describe_failures);
  g_test_add_func ("/charts/elapsed-cpu-time", test_elapsed_cpu_time);
  g_test_add_func ("/charts/export", test_export);
  g_test_add_func ("/charts/run-index", test_run_index);
  g_test_add_func ("/charts/min-height", test_min_height);
  g_test_add_func ("/charts/percent-format", test_percent_format);

  return g_test_run ();
}
