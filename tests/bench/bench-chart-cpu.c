/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart.h"

#define N_SAMPLES 100000
#define N_CPUS    8
#define N_TASKS   1000
#define WIDTH     1600
#define HEIGHT    900
#define ROUNDS    15
#define TARGET_MS 30.0

/* One run of 100,000 samples, noisy enough that decimation cannot skip any. */
static ClabResult *
make_result (void)
{
  const ClabMode modes[] = { CLAB_MODE_THREADS };
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  ClabResult *result;
  ClabRun *run = clab_run_new (CLAB_MODE_THREADS, N_CPUS);

  clab_plan_set_modes (plan, modes, 1);
  result = clab_result_new (plan);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      double busy = 50 + 45 * sin (i * 0.0005) + g_rand_double_range (rand, -5, 5);
      ClabSample sample = { i * 0.001, CLAMP (busy, 0, 100), busy * 0.9, busy * 0.1,
                            g_rand_double_range (rand, 0, 3), CLAMP (busy - 2, 0, 100), 0 };

      g_array_append_val (run->samples, sample);
      for (guint cpu = 0; cpu < N_CPUS; cpu++)
        {
          double value = g_rand_double_range (rand, 0, 100);

          g_array_append_val (run->per_cpu_pct, value);
        }
    }
  for (guint i = 0; i < N_TASKS; i++)
    {
      ClabTask task = { i, i % N_CPUS, 0, i * 0.1, i * 0.1 + 0.7, 0.7, CLAB_TASK_OK, 0, NULL };

      g_array_append_val (run->tasks, task);
    }
  run->elapsed_s = N_SAMPLES * 0.001;
  clab_result_add_run (result, run);
  clab_result_ensure_mode (result, CLAB_MODE_THREADS)->stats.n_runs = 1;
  return result;
}

static double
time_render (cairo_t                *cr,
             ClabResult             *result,
             const ClabChartOptions *options)
{
  gint64 start = g_get_monotonic_time ();

  clab_chart_render (cr, WIDTH, HEIGHT, result, options);
  cairo_surface_flush (cairo_get_target (cr));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ClabResult) result = make_result ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  ClabChartOptions options;
  double times[ROUNDS], median;

  clab_chart_options_init (&options);
  options.type = CLAB_CHART_CPU;
  /* The first drawing loads fonts; what is measured is drawing a chart, not starting up. */
  time_render (cr, result, &options);
  for (guint i = 0; i < ROUNDS; i++)
    times[i] = time_render (cr, result, &options);
  qsort (times, ROUNDS, sizeof (double), compare_doubles);
  median = times[ROUNDS / 2];
  g_print ("CPU chart, %d samples at %dx%d: median %.2f ms, best %.2f ms (target < %.0f ms)\n",
           N_SAMPLES, WIDTH, HEIGHT, median, times[0], TARGET_MS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return median < TARGET_MS ? 0 : 1;
}
