/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-chart-private.h"
#include "clab-chart-timeline-sched.h"
#include "clab-compare-text.h"
#include "clab-verdict.h"
#include "charts-fixtures.h"

/* Every chart fits the width a chart gets in an 800 × 600 window (about 450 pixels): lanes
 * stay readable, value labels are drawn and never overlap, footnotes and subtitles wrap
 * inside the chart instead of being cut. */

#define CHART_WIDTH 450
/* The Timeline's thinnest lane at scale 1 (MIN_LANE in clab-chart-timeline.c). */
#define MIN_LANE 10.0

static ClabChartHits *
render (ClabResult             *result,
        const ClabChartOptions *options,
        double                  width,
        double                  height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width,
                                                         (int) height);
  cairo_t *cr = cairo_create (surface);
  ClabChartHits *hits = clab_chart_render_with_hits (cr, width, height, result, options);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return hits;
}

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  /* Half a pixel of slack: neighbours that touch are not in each other's way. */
  return a->x + a->width > b->x + 0.5 && b->x + b->width > a->x + 0.5
         && a->y + a->height > b->y + 0.5 && b->y + b->height > a->y + 0.5;
}

static void
assert_inside (const cairo_rectangle_t *rect,
               const char              *text,
               double                   width,
               double                   height)
{
  if (rect->x < 0 || rect->y < 0 || rect->x + rect->width > width
      || rect->y + rect->height > height)
    g_error ("“%s” at %.1f,%.1f %.1f×%.1f is outside the %.0f×%.0f chart", text, rect->x,
             rect->y, rect->width, rect->height, width, height);
}

/* Every label of @hits lies inside the chart; those from @first on overlap none of them. */
static void
assert_labels_fit (ClabChartHits *hits,
                   guint          first,
                   double         width,
                   double         height)
{
  guint n = _clab_chart_hits_get_n_labels (hits);

  for (guint i = 0; i < n; i++)
    {
      cairo_rectangle_t a;
      const char *text = _clab_chart_hits_get_label (hits, i, &a);

      assert_inside (&a, text, width, height);
      for (guint j = MAX (first, i + 1); j < n; j++)
        {
          cairo_rectangle_t b;
          const char *other = _clab_chart_hits_get_label (hits, j, &b);

          if (i >= first && rects_overlap (&a, &b))
            g_error ("“%s” overlaps “%s”", text, other);
        }
    }
}

/* The label whose text is @text, or -1. */
static int
find_label (ClabChartHits     *hits,
            const char        *text,
            cairo_rectangle_t *rect)
{
  for (guint i = 0; i < _clab_chart_hits_get_n_labels (hits); i++)
    if (g_strcmp0 (_clab_chart_hits_get_label (hits, i, rect), text) == 0)
      return (int) i;
  return -1;
}

/* The spawn-cost preset's shape: 50 tasks, one thread and one process each. */
static ClabResult *
many_lanes_result (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_THREAD_POOL,
                             CLAB_MODE_PROCESSES, CLAB_MODE_PROCESS_POOL };
  const guint workers[] = { 1, 50, 2, 50, 2 };
  g_autoptr(ClabPlan) plan = make_plan (modes, G_N_ELEMENTS (modes));
  ClabResult *result = clab_result_new (plan);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    clab_result_add_run (result, make_run (modes[i], 0.3, 50, workers[i], CLAB_TASK_OK));
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    set_stats (result, modes[i], 0.3, 1, 0);
  return result;
}

/* The chart asks for the height that keeps each of 105 lanes readable, and drawn at that
 * height, every task's lane is at least that tall and inside the chart. */
static void
test_timeline_lanes (void)
{
  g_autoptr(ClabResult) result = many_lanes_result ();
  g_autoptr(ClabChartHits) hits = NULL;
  ClabChartOptions options;
  double height;
  guint n;

  clab_chart_options_init (&options);
  options.type = CLAB_CHART_TIMELINE;
  options.scale = 1;
  height = clab_chart_get_min_height (result, &options, CHART_WIDTH);
  g_assert_cmpfloat (height, >=, 105 * MIN_LANE);
  g_assert_cmpfloat (height, <=, CLAB_CHART_MAX_SIZE);
  hits = render (result, &options, CHART_WIDTH, height);
  n = clab_chart_hits_get_n_items (hits);
  g_assert_cmpuint (n, ==, 5 * 50);
  for (guint i = 0; i < n; i++)
    {
      cairo_rectangle_t rect;

      clab_chart_hits_get_rect (hits, i, &rect);
      g_assert_cmpfloat (rect.height, >=, MIN_LANE - 0.01);
      g_assert_cmpfloat (rect.y, >=, 0);
      g_assert_cmpfloat (rect.y + rect.height, <=, height);
    }
}

static guint32
png_height (GBytes *png)
{
  const guint8 *data = g_bytes_get_data (png, NULL);

  g_assert_cmpuint (g_bytes_get_size (png), >, 24);
  return GUINT32_FROM_BE (*(const guint32 *) (data + 20));
}

/* A file gets the full height too: taller than asked, as tall as the chart needs. */
static void
test_timeline_export (void)
{
  g_autoptr(ClabResult) result = many_lanes_result ();
  g_autoptr(GBytes) timeline = NULL;
  g_autoptr(GBytes) elapsed = NULL;
  g_autoptr(GError) error = NULL;
  ClabChartOptions options;

  clab_chart_options_init (&options);
  options.type = CLAB_CHART_TIMELINE;
  timeline = clab_chart_render_to_bytes (result, &options, CLAB_CHART_FORMAT_PNG, 800, 450,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (png_height (timeline), >=, 105 * MIN_LANE);
  /* A chart without rows keeps the size it was given. */
  options.type = CLAB_CHART_ELAPSED;
  elapsed = clab_chart_render_to_bytes (result, &options, CLAB_CHART_FORMAT_PNG, 800, 450, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (png_height (elapsed), ==, 450);
}

static gboolean
same_item (const ClabChartLegendItem *a,
           const ClabChartLegendItem *b)
{
  return a->swatch == b->swatch && a->color.r == b->color.r && a->color.g == b->color.g
         && a->color.b == b->color.b;
}

/* With the scheduler's detail, the legend's swatches each mean one thing: "on a CPU" is not
 * the plain box of "a task, from start to end". */
static void
test_timeline_legend (gconstpointer data)
{
  g_autoptr(ClabResult) result = many_lanes_result ();
  ClabRun *run = clab_chart_pick_run (result, CLAB_MODE_THREADS);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  ClabChartContext ctx = { 0 };
  ClabChartLegendItem items[8];
  ClabChartLegendItem task;
  guint n;

  g_ptr_array_add (run->sched_lanes, clab_sched_lane_new (100, 101, 0.0));
  ctx.cr = cr;
  ctx.result = result;
  clab_chart_style_init (&ctx.style, cr, GPOINTER_TO_INT (data), 1.0, NULL);
  task = (ClabChartLegendItem) { CLAB_CHART_SWATCH_BOX, ctx.style.dim, "task" };
  n = clab_chart_timeline_sched_legend (&ctx, items);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_false (same_item (&items[i], &task));
      for (guint j = i + 1; j < n; j++)
        g_assert_false (same_item (&items[i], &items[j]));
    }
  clab_chart_style_clear (&ctx.style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static ClabResult *
five_modes_result (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_THREAD_POOL,
                             CLAB_MODE_PROCESSES, CLAB_MODE_PROCESS_POOL };
  const double means[] = { 0.2743, 0.3405, 0.3715, 3.528, 0.1553 };

  return build (modes, G_N_ELEMENTS (modes), means);
}

/* Five bars in a narrow chart: their names wrap under them, their numbers shrink, and no
 * label runs into another or off the chart. */
static void
test_elapsed_narrow (void)
{
  g_autoptr(ClabResult) result = five_modes_result ();
  ClabChartOptions options;
  const double widths[] = { CHART_WIDTH, 360, 300 };

  clab_chart_options_init (&options);
  options.scale = 1;
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(ClabChartHits) hits = render (result, &options, widths[w], 420);
      g_autofree char *mean = clab_chart_format_duration_precise (3.528);
      cairo_rectangle_t rect;

      /* The title and subtitle come first, one over the other; nothing after them collides. */
      assert_labels_fit (hits, 2, widths[w], 420);
      for (guint m = 0; m < 5; m++)
        g_assert_cmpint (find_label (hits, clab_mode_label (clab_result_get_mode (result, m)->mode),
                                     &rect), >=, 0);
      g_assert_cmpint (find_label (hits, mean, &rect), >=, 0);
    }
}

/* Two results of five modes in the compare window's chart at 800 × 600: every bar's mean and
 * change is drawn, turned upright if need be, and none runs into another. */
static void
test_compare_labels (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_THREAD_POOL,
                             CLAB_MODE_PROCESSES, CLAB_MODE_PROCESS_POOL };
  const double first[] = { 2.384, 1.85, 0.983, 2.3, 2.11 };
  const double second[] = { 2.545, 2.24, 2.53, 2.4, 2.34 };
  g_autoptr(ClabResult) a = build (modes, G_N_ELEMENTS (modes), first);
  g_autoptr(ClabResult) b = build (modes, G_N_ELEMENTS (modes), second);
  g_autoptr(ClabCompare) compare = clab_compare_new ();
  g_autoptr(ClabChartHits) hits = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CHART_WIDTH, 400);
  cairo_t *cr = cairo_create (surface);
  ClabChartOptions options;
  cairo_rectangle_t rect;

  clab_compare_add (compare, a, "a.json", NULL);
  clab_compare_add (compare, b, "b.json", NULL);
  clab_chart_options_init (&options);
  options.scale = 1;
  hits = clab_chart_render_compare_with_hits (cr, CHART_WIDTH, 400, compare, &options);
  assert_labels_fit (hits, 2, CHART_WIDTH, 400);
  for (guint i = 0; i < 2; i++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      {
        const ClabCompareCell *cell = clab_compare_get_cell (compare, i, m);
        g_autofree char *mean = clab_chart_format_duration (cell->mode_result->stats.mean_s);
        g_autofree char *change = i > 0 ? clab_compare_dup_change_short (&cell->change) : NULL;

        g_assert_cmpint (find_label (hits, mean, &rect), >=, 0);
        if (change != NULL)
          g_assert_cmpint (find_label (hits, change, &rect), >=, 0);
      }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A long verdict under the Scaling chart wraps onto every line it needs, inside the chart,
 * and the axis's title has a row of its own above the points. */
static void
test_scaling_footnote (void)
{
  g_autoptr(ClabResult) result = fixed_result ();
  g_autoptr(ClabChartHits) hits = NULL;
  g_autofree char *verdict = NULL;
  ClabChartOptions options;
  cairo_rectangle_t rect, title;
  double line;

  clab_result_set_recorded_verdict (result, FALSE,
                                    "other programs used 94 % of the CPUs during the run; the "
                                    "thread-pool speedup of 2.32 × is more than 2 tasks at a "
                                    "time can give");
  verdict = clab_result_dup_verdict_labelled (result);
  clab_chart_options_init (&options);
  options.type = CLAB_CHART_SCALING;
  options.scale = 1;
  hits = render (result, &options, CHART_WIDTH, 400);
  g_assert_cmpint (find_label (hits, verdict, &rect), >=, 0);
  assert_inside (&rect, verdict, CHART_WIDTH, 400);
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create (surface);
    ClabChartStyle style;

    clab_chart_style_init (&style, cr, CLAB_CHART_THEME_LIGHT, 1.0, NULL);
    line = clab_chart_style_line_height (&style, CLAB_CHART_FONT_LABEL);
    clab_chart_style_clear (&style);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  /* Three lines at this width: more than the two it used to be cut to. */
  g_assert_cmpfloat (rect.height, >=, 3 * line - 1);
  g_assert_cmpint (find_label (hits, "speedup against sequential", &title), >=, 0);
  for (guint i = 0; i < clab_chart_hits_get_n_items (hits); i++)
    {
      cairo_rectangle_t point;

      clab_chart_hits_get_rect (hits, i, &point);
      /* A point's dot is a quarter of its region around its centre. */
      g_assert_cmpfloat (title.y + title.height, <=, point.y + point.height * 3 / 8);
    }
}

/* The subtitle is never cut: on a narrow chart it takes the lines it needs. */
static void
test_subtitle_wraps (void)
{
  g_autoptr(ClabResult) result = five_modes_result ();
  g_autoptr(ClabChartHits) hits = NULL;
  g_autofree char *subtitle = NULL;
  ClabSystemInfo info = { 2, g_strdup ("6.1"),
                          g_strdup ("AMD EPYC 7763 64-Core Processor with a long marketing name"),
                          g_strdup ("host") };
  ClabChartOptions options;
  cairo_rectangle_t rect;

  clab_result_take_system (result, &info);
  subtitle = clab_chart_dup_subtitle (result);
  clab_chart_options_init (&options);
  options.scale = 1;
  hits = render (result, &options, 300, 450);
  g_assert_cmpint (find_label (hits, subtitle, &rect), >=, 0);
  assert_inside (&rect, subtitle, 300, 450);
  /* Four lines or more at 300 pixels. */
  g_assert_cmpfloat (rect.height, >, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  (void) fixtures;
  g_test_add_func ("/chart-fit/timeline-lanes", test_timeline_lanes);
  g_test_add_func ("/chart-fit/timeline-export", test_timeline_export);
  g_test_add_data_func ("/chart-fit/timeline-legend/light",
                        GINT_TO_POINTER (CLAB_CHART_THEME_LIGHT), test_timeline_legend);
  g_test_add_data_func ("/chart-fit/timeline-legend/dark",
                        GINT_TO_POINTER (CLAB_CHART_THEME_DARK), test_timeline_legend);
  g_test_add_func ("/chart-fit/elapsed-narrow", test_elapsed_narrow);
  g_test_add_func ("/chart-fit/compare-labels", test_compare_labels);
  g_test_add_func ("/chart-fit/scaling-footnote", test_scaling_footnote);
  g_test_add_func ("/chart-fit/subtitle-wraps", test_subtitle_wraps);
  return g_test_run ();
}
