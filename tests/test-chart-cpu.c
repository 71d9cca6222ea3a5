/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "clab-chart.h"
#include "clab-chart-style.h"
#include "clab-result.h"
#include "clab-stats.h"

/* The CPU chart's optional lines: one per core (per_cpu) and the run's memory (memory). */

#define WIDTH  800
#define HEIGHT 450

/* A run of @mode on 2 CPUs: CPU 1 at 90 %, CPU 2 at 10 %, the machine at 60 %, nothing of
 * the run's own, RSS growing from 1 to about 3 MiB (@rss) or none at all. */
static ClabRun *
two_cpu_run (ClabMode mode,
             gboolean rss)
{
  ClabRun *run = clab_run_new (mode, 2);

  run->elapsed_s = 2.0;
  run->workers = 2;
  for (double t = 0.05; t < 2.0; t += 0.05)
    {
      ClabSample sample = { .t_s = t, .cpu_pct = 60, .rss_kib = rss ? 1024 + t * 1024 : 0 };
      double per_cpu[2] = { 90, 10 };

      g_array_append_val (run->samples, sample);
      g_array_append_vals (run->per_cpu_pct, per_cpu, 2);
    }
  return run;
}

static ClabResult *
build_modes_result (const ClabMode *modes,
                    guint           n_modes,
                    gboolean        rss,
                    guint           n_runs)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  ClabResult *result;
  ClabSystemInfo info = { 2, g_strdup ("6.1"), g_strdup ("Test CPU"), g_strdup ("host") };

  clab_plan_set_workload (plan, CLAB_WORKLOAD_CPU);
  clab_plan_set_tasks (plan, 2);
  clab_plan_set_workers (plan, 2);
  clab_plan_set_modes (plan, modes, n_modes);
  result = clab_result_new (plan);
  clab_result_take_system (result, &info);
  for (guint m = 0; m < n_modes; m++)
    for (guint i = 0; i < n_runs; i++)
      clab_result_add_run (result, two_cpu_run (modes[m], rss));
  clab_stats_update_result (result);
  return result;
}

static ClabResult *
build_result (gboolean rss,
              guint    n_runs)
{
  const ClabMode modes[] = { CLAB_MODE_THREADS };

  return build_modes_result (modes, G_N_ELEMENTS (modes), rss, n_runs);
}

static ClabResult *
two_cpu_result (gboolean rss)
{
  return build_result (rss, 1);
}

static cairo_surface_t *
draw (ClabResult             *result,
      const ClabChartOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  clab_chart_render (cr, WIDTH, HEIGHT, result, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  gsize size = (gsize) cairo_image_surface_get_stride (a) * HEIGHT;

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), size) == 0;
}

static gboolean
same_rendering (ClabResult             *result,
                const ClabChartOptions *a,
                const ClabChartOptions *b)
{
  cairo_surface_t *first = draw (result, a), *second = draw (result, b);
  gboolean same = same_pixels (first, second);

  cairo_surface_destroy (first);
  cairo_surface_destroy (second);
  return same;
}

/* A pixel of a mode's colour: grey ink (text, grid, ticks, the memory line) is not. */
static gboolean
is_coloured (guint32 pixel)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) > 40;
}

/* The lines a vertical scan at @x crosses in a mode's colour. */
static guint
count_coloured_lines (cairo_surface_t *surface,
                      int              x)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  gboolean inside = FALSE;
  guint n = 0;

  for (int y = 0; y < HEIGHT; y++)
    {
      gboolean coloured = is_coloured (*(const guint32 *) (data + y * stride + x * 4));

      n += coloured && !inside;
      inside = coloured;
    }
  return n;
}

static void
test_memory_line (void)
{
  g_autoptr(ClabResult) with_rss = two_cpu_result (TRUE);
  g_autoptr(ClabResult) without_rss = two_cpu_result (FALSE);
  ClabChartOptions off, on;

  clab_chart_options_init (&off);
  off.type = CLAB_CHART_CPU;
  on = off;
  on.memory = TRUE;
  /* Off by default: charts drawn before the option existed stay as they were. */
  g_assert_false (off.memory);
  g_assert_false (same_rendering (with_rss, &off, &on));
  /* A file without RSS samples (older ones, or zeros) draws exactly as without the option. */
  g_assert_true (same_rendering (without_rss, &off, &on));

  on.theme = off.theme = CLAB_CHART_THEME_DARK;
  g_assert_false (same_rendering (with_rss, &off, &on));
  g_assert_true (same_rendering (without_rss, &off, &on));
}

static void
test_memory_exports (void)
{
  g_autoptr(ClabResult) result = two_cpu_result (TRUE);
  ClabChartOptions options;
  g_autoptr(GError) error = NULL;

  clab_chart_options_init (&options);
  options.type = CLAB_CHART_CPU;
  options.memory = TRUE;
  for (ClabChartFormat format = 0; format < CLAB_N_CHART_FORMATS; format++)
    {
      g_autoptr(GBytes) shown = clab_chart_render_to_bytes (result, &options, format, WIDTH,
                                                            HEIGHT, &error);
      g_autoptr(GBytes) hidden = NULL;
      ClabChartOptions plain = options;

      g_assert_no_error (error);
      plain.memory = FALSE;
      hidden = clab_chart_render_to_bytes (result, &plain, format, WIDTH, HEIGHT, &error);
      g_assert_no_error (error);
      /* PDF files carry a creation date; their sizes still tell the extra line apart. */
      g_assert_false (g_bytes_equal (shown, hidden));
    }
}

/* The height a PNG, SVG or PDF file says it has. */
static double
exported_height (GBytes          *bytes,
                 ClabChartFormat  format)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *found;
  double box[4];

  if (format == CLAB_CHART_FORMAT_PNG)
    {
      g_assert_cmpuint (size, >, 24);
      return GUINT32_FROM_BE (*(const guint32 *) (data + 20));
    }
  if (format == CLAB_CHART_FORMAT_SVG)
    {
      g_autofree char *text = g_strndup (data, size);

      found = strstr (text, "<svg");
      g_assert_nonnull (found);
      found = strstr (found, " height=\"");
      g_assert_nonnull (found);
      return g_ascii_strtod (found + strlen (" height=\""), NULL);
    }
  /* PDF: a page's dictionary is not compressed, but streams before it may hold zeros; its
   * MediaBox is "[ 0 0 width height ]". */
  found = memmem (data, size, "/MediaBox", strlen ("/MediaBox"));
  g_assert_nonnull (found);
  found = strchr (found, '[');
  g_assert_nonnull (found);
  found++;
  for (guint i = 0; i < 4; i++)
    {
      char *end;

      box[i] = g_ascii_strtod (found, &end);
      found = end;
    }
  return box[3] - box[1];
}

/* Five panels of per-core lines do not fit 120 pixels: every file grows to the height the
 * chart asks for, as the Timeline's does, with text the size 800 × 120 gives it, instead of
 * squeezing its panels to a pixel. A tall enough size, or a chart without rows, is kept. */
static void
test_small_export (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_THREAD_POOL,
                             CLAB_MODE_PROCESSES, CLAB_MODE_PROCESS_POOL };
  g_autoptr(ClabResult) result = build_modes_result (modes, G_N_ELEMENTS (modes), TRUE, 1);
  ClabChartOptions options, scaled;
  double need;

  clab_chart_options_init (&options);
  options.type = CLAB_CHART_CPU;
  options.per_cpu = TRUE;
  scaled = options;
  scaled.scale = clab_chart_style_auto_unit (800, 120);
  need = ceil (clab_chart_get_min_height (result, &scaled, 800));
  g_assert_cmpfloat (need, >, 120);
  g_assert_cmpfloat (need, >=, G_N_ELEMENTS (modes) * 64 * scaled.scale);
  for (ClabChartFormat format = 0; format < CLAB_N_CHART_FORMATS; format++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) small = clab_chart_render_to_bytes (result, &options, format, 800, 120,
                                                            &error);
      g_autoptr(GBytes) tall = NULL;
      g_autoptr(GBytes) elapsed = NULL;
      ClabChartOptions bars = options;

      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (exported_height (small, format), need, 0.5);
      tall = clab_chart_render_to_bytes (result, &options, format, 800, 2000, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (exported_height (tall, format), 2000, 0.5);
      bars.type = CLAB_CHART_ELAPSED;
      elapsed = clab_chart_render_to_bytes (result, &bars, format, 800, 120, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (exported_height (elapsed, format), 120, 0.5);
    }
}

static char *
tooltip_at_middle (ClabResult             *result,
                   const ClabChartOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(ClabChartHits) hits = clab_chart_render_with_hits (cr, WIDTH, HEIGHT, result, options);
  cairo_rectangle_t rect;

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (clab_chart_hits_get_n_items (hits), ==, 1);
  clab_chart_hits_get_rect (hits, 0, &rect);
  /* clab_chart_hit_test() draws the chart again and must agree with the drawn regions. */
  return clab_chart_hit_test (result, options, WIDTH, HEIGHT, rect.x + rect.width / 2,
                              rect.y + rect.height / 2);
}

static void
test_tooltips (void)
{
  g_autoptr(ClabResult) result = two_cpu_result (TRUE);
  g_autoptr(ClabResult) old = two_cpu_result (FALSE);
  g_autofree char *plain = NULL, *memory = NULL, *per_cpu = NULL, *no_rss = NULL;
  g_autofree char *description = NULL;
  ClabChartOptions options;

  clab_chart_options_init (&options);
  options.type = CLAB_CHART_CPU;
  plain = tooltip_at_middle (result, &options);
  /* Every percentage as core's format module writes it, "60 %" as everywhere else. */
  g_assert_nonnull (strstr (plain, "machine 60 % busy, this run 0 %, iowait 0 %"));
  g_assert_null (strstr (plain, "memory"));
  g_assert_null (strstr (plain, "CPU 1"));

  options.memory = TRUE;
  memory = tooltip_at_middle (result, &options);
  /* About 1 s in, RSS is about 2 MiB, in the formatter's binary units (a no-break space
   * between number and unit). */
  g_assert_nonnull (strstr (memory, ", memory 2.0\u00a0MiB"));
  no_rss = tooltip_at_middle (old, &options);
  g_assert_null (strstr (no_rss, "memory"));
  description = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (description, "Memory (RSS) up to 3."));

  options.memory = FALSE;
  options.per_cpu = TRUE;
  per_cpu = tooltip_at_middle (result, &options);
  g_assert_nonnull (strstr (per_cpu, "CPU 1 90 %"));
  g_assert_nonnull (strstr (per_cpu, "CPU 2 10 %"));
  g_assert_null (strstr (per_cpu, "CPU 3"));
}

/* The machine's ticks can come out below the run's own nanoseconds over a sample: the chart
 * never shows the run busier than the whole machine. */
static void
test_machine_not_below_run (void)
{
  g_autoptr(ClabResult) result = two_cpu_result (FALSE);
  const ClabModeResult *mode_result = clab_result_get_mode (result, 0);
  ClabRun *run = g_ptr_array_index (mode_result->runs, 0);
  g_autofree char *tooltip = NULL, *description = NULL;
  ClabChartOptions options;

  for (guint i = 0; i < run->samples->len; i++)
    {
      ClabSample *sample = &g_array_index (run->samples, ClabSample, i);

      sample->cpu_pct = 47.4;
      sample->run_pct = 54.9;
    }
  clab_chart_options_init (&options);
  options.type = CLAB_CHART_CPU;
  tooltip = tooltip_at_middle (result, &options);
  g_assert_nonnull (strstr (tooltip, "machine 55 % busy, this run 55 %"));
  description = clab_chart_dup_description (result, &options);
  g_assert_null (strstr (description, "47 %"));
}

/* Per core, a 2-CPU result draws 2 lines in its mode's colour where the machine draws one. */
static void
test_per_core_lines (void)
{
  g_autoptr(ClabResult) result = two_cpu_result (TRUE);
  ClabChartOptions options;
  cairo_surface_t *machine, *cores, *both;

  clab_chart_options_init (&options);
  options.type = CLAB_CHART_CPU;
  machine = draw (result, &options);
  options.per_cpu = TRUE;
  cores = draw (result, &options);
  /* The memory line is the text's ink, never a mode's colour: still 2 coloured lines. */
  options.memory = TRUE;
  both = draw (result, &options);
  g_assert_cmpuint (count_coloured_lines (machine, WIDTH / 2), ==, 1);
  g_assert_cmpuint (count_coloured_lines (cores, WIDTH / 2), ==, 2);
  g_assert_cmpuint (count_coloured_lines (both, WIDTH / 2), ==, 2);
  g_assert_false (same_pixels (cores, both));
  cairo_surface_destroy (machine);
  cairo_surface_destroy (cores);
  cairo_surface_destroy (both);
}

/* The panels' headings, one owner for CPU and Timeline: with several runs they say which. */
static void
test_headings (void)
{
  g_autoptr(ClabResult) result = build_result (TRUE, 2);
  ClabChartOptions options;
  g_autofree char *cpu = NULL, *timeline = NULL, *missing = NULL;

  clab_chart_options_init (&options);
  options.type = CLAB_CHART_CPU;
  options.run = 2;
  cpu = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (cpu, "Threads · run 2 of 2 · 2.000 s · machine 60 % busy"));
  options.type = CLAB_CHART_TIMELINE;
  timeline = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (timeline, "Threads · run 2 of 2 · "));
  options.run = 3;
  options.type = CLAB_CHART_CPU;
  missing = clab_chart_dup_description (result, &options);
  g_assert_nonnull (strstr (missing, "Threads: no data"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-cpu/memory-line", test_memory_line);
  g_test_add_func ("/chart-cpu/memory-exports", test_memory_exports);
  g_test_add_func ("/chart-cpu/small-export", test_small_export);
  g_test_add_func ("/chart-cpu/tooltips", test_tooltips);
  g_test_add_func ("/chart-cpu/machine-not-below-run", test_machine_not_below_run);
  g_test_add_func ("/chart-cpu/per-core-lines", test_per_core_lines);
  g_test_add_func ("/chart-cpu/headings", test_headings);

  return g_test_run ();
}
