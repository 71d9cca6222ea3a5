/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bench-common.h"

/* B5: the article's case, two tasks of sleep (2 s) on two workers, against the ideal 2 s. */

#define SLEEP_S 2.0

static double
median_elapsed (ClabResult *result,
                ClabMode    mode)
{
  g_autoptr(GPtrArray) runs = bench_counted_runs (result, mode);
  g_autoptr(GArray) elapsed = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs->len; i++)
    g_array_append_val (elapsed, ((ClabRun *) g_ptr_array_index (runs, i))->elapsed_s);
  return bench_median (elapsed);
}

static gboolean
check_mode (ClabResult *result,
            ClabMode    mode,
            double      limit)
{
  double elapsed = median_elapsed (result, mode);
  g_autofree char *figure = g_strdup_printf ("%s, elapsed", clab_mode_to_string (mode));
  g_autofree char *measured = g_strdup_printf ("%.4f s", elapsed);
  g_autofree char *ratio = g_strdup_printf ("%.4f", elapsed / SLEEP_S);
  g_autofree char *target = g_strdup_printf ("≤ %.3f", limit);

  return bench_print_row (figure, measured, "2.0000 s", ratio, target,
                          elapsed <= limit * SLEEP_S);
}

int
main (int   argc,
      char *argv[])
{
  const ClabMode modes[] = { CLAB_MODE_THREADS, CLAB_MODE_PROCESSES };
  guint reps = bench_repetitions (3);
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_SLEEP, SLEEP_S, 2, 2,
                                             CLAB_MODE_THREADS);
  g_autoptr(ClabResult) result = NULL;
  g_autofree char *title = NULL;
  gboolean pass = TRUE;

  /* The runner itself interleaves the modes, threads processes threads processes … */
  clab_plan_set_modes (plan, modes, G_N_ELEMENTS (modes));
  clab_plan_set_runs (plan, reps);
  result = bench_run_plan (plan, NULL);

  title = g_strdup_printf ("2 tasks × sleep %.0f s, W = 2; baseline: the ideal %.0f s "
                           "(median of %u, interleaved by the runner)", SLEEP_S, SLEEP_S, reps);
  bench_print_title ("B5", title);
  pass &= check_mode (result, CLAB_MODE_THREADS, 1.005);
  pass &= check_mode (result, CLAB_MODE_PROCESSES, 1.02);
  return bench_finish ("B5", pass);
}
