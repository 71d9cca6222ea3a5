/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-plan.h"
#include "clab-result.h"
#include "clab-format.h"
#include "clab-stats.h"
#include "clab-verdict.h"

static void
test_mean_stddev_median (void)
{
  const double set[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
  const double odd[] = { 3, 1, 2 };
  const double one[] = { 42 };

  g_assert_cmpfloat_with_epsilon (clab_stats_mean (set, 8), 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (clab_stats_stddev (set, 8), sqrt (32.0 / 7), 1e-12);
  g_assert_cmpfloat_with_epsilon (clab_stats_median (set, 8), 4.5, 1e-12);
  g_assert_cmpfloat (clab_stats_median (odd, 3), ==, 2);
  /* The median sorts a copy, not the caller's array. */
  g_assert_cmpfloat (odd[0], ==, 3);

  g_assert_cmpfloat (clab_stats_mean (one, 1), ==, 42);
  g_assert_cmpfloat (clab_stats_stddev (one, 1), ==, 0);
  g_assert_cmpfloat (clab_stats_median (one, 1), ==, 42);

  g_assert_true (isnan (clab_stats_mean (NULL, 0)));
  g_assert_true (isnan (clab_stats_stddev (NULL, 0)));
  g_assert_true (isnan (clab_stats_median (NULL, 0)));
}

static void
test_modified_zscores (void)
{
  const double values[] = { 1, 2, 3, 4, 100 };
  const double flat[] = { 5, 5, 5, 5 };
  double scores[5];

  /* median 3, absolute deviations 2 1 0 1 97, MAD 1 */
  clab_stats_modified_zscores (values, 5, scores);
  g_assert_cmpfloat_with_epsilon (scores[0], -0.6745 * 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (scores[2], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (scores[4], 0.6745 * 97, 1e-9);
  g_assert_cmpfloat (fabs (scores[4]), >, 3.5);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (fabs (scores[i]), <, 3.5);

  clab_stats_modified_zscores (flat, 4, scores);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (scores[i], ==, 0);
}

static void
test_speedup (void)
{
  double error = 0;

  g_assert_cmpfloat_with_epsilon (clab_stats_speedup (10, 1, 5, 0.5, &error), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (error, 2 * sqrt (0.01 + 0.01), 1e-12);
  g_assert_cmpfloat_with_epsilon (clab_stats_speedup (3, 0, 6, 0, &error), 0.5, 1e-12);
  g_assert_cmpfloat (error, ==, 0);
  g_assert_cmpfloat_with_epsilon (clab_stats_speedup (4, 0, 2, 0, NULL), 2, 1e-12);

  g_assert_true (isnan (clab_stats_speedup (10, 1, 0, 0, &error)));
  g_assert_true (isnan (error));
  g_assert_true (isnan (clab_stats_speedup (NAN, 0, 1, 0, &error)));
}

static void
test_karp_flatt (void)
{
  g_assert_cmpfloat_with_epsilon (clab_stats_karp_flatt (4, 4), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (clab_stats_karp_flatt (1, 4), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (clab_stats_karp_flatt (2, 4), 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (clab_stats_karp_flatt (8, 8), 0, 1e-12);
  g_assert_true (isnan (clab_stats_karp_flatt (1, 1)));
  g_assert_true (isnan (clab_stats_karp_flatt (NAN, 4)));
}

static double
amdahl (double f,
        double p)
{
  return 1 / (f + (1 - f) / p);
}

static void
test_amdahl_fit (void)
{
  const double workers[] = { 1, 2, 4, 8, 16 };
  double speedups[G_N_ELEMENTS (workers)];
  const double fractions[] = { 0.1, 0, 1, 0.37 };

  for (guint k = 0; k < G_N_ELEMENTS (fractions); k++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
        speedups[i] = amdahl (fractions[k], workers[i]);
      g_assert_cmpfloat_with_epsilon (clab_stats_amdahl_fit (workers, speedups, 5),
                                      fractions[k], 1e-3);
    }

  /* Noisy, superlinear points still give a fraction inside [0, 1]. */
  speedups[0] = 1.1; speedups[1] = 2.3; speedups[2] = 4.6;
  speedups[3] = 9.0; speedups[4] = 17.5;
  g_assert_cmpfloat_with_epsilon (clab_stats_amdahl_fit (workers, speedups, 5), 0, 1e-6);
  g_assert_true (isnan (clab_stats_amdahl_fit (NULL, NULL, 0)));
}

static void
add_task (ClabRun        *run,
          double          start_s,
          double          end_s,
          ClabTaskStatus  status)
{
  ClabTask task = { 0, };

  task.index = run->tasks->len;
  task.start_s = start_s;
  task.end_s = end_s;
  task.cpu_s = end_s - start_s;   /* pure computation: all of it on a CPU */
  task.status = status;
  g_array_append_val (run->tasks, task);
}

static ClabRun *
make_run (ClabMode mode,
          guint    workers,
          double   elapsed_s,
          guint    n_tasks,
          double   task_s)
{
  ClabRun *run = clab_run_new (mode, 4);

  run->workers = workers;
  run->elapsed_s = elapsed_s;
  for (guint i = 0; i < n_tasks; i++)
    add_task (run, 0, task_s, CLAB_TASK_OK);
  return run;
}

static void
test_split_run (void)
{
  g_autoptr(ClabRun) pool = make_run (CLAB_MODE_THREAD_POOL, 2, 2.3, 4, 1);
  g_autoptr(ClabRun) sequential = make_run (CLAB_MODE_SEQUENTIAL, 4, 4.5, 4, 1);
  g_autoptr(ClabRun) floor_run = make_run (CLAB_MODE_PROCESS_POOL, 4, 3.2, 2, 0.5);
  g_autoptr(ClabRun) sleep = make_run (CLAB_MODE_THREAD_POOL, 4, 2.1, 4, 2);
  g_autoptr(ClabRun) fast = make_run (CLAB_MODE_THREADS, 2, 0.5, 2, 1);

  /* 4 s of work over min (2 workers, 4 tasks, 8 CPUs) */
  clab_stats_split_run (pool, CLAB_WORKLOAD_CPU, 8);
  g_assert_cmpfloat_with_epsilon (pool->ideal_s, 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (pool->overhead_s, 0.3, 1e-12);

  /* Sequential has no parallelism, whatever its worker count. */
  clab_stats_split_run (sequential, CLAB_WORKLOAD_CPU, 8);
  g_assert_cmpfloat_with_epsilon (sequential->ideal_s, 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (sequential->overhead_s, 0.5, 1e-12);

  /* 4 s of work on 4 workers would be 1 s, but one task alone takes 3 s. */
  add_task (floor_run, 0, 3, CLAB_TASK_OK);
  add_task (floor_run, 0, 50, CLAB_TASK_FAILED);
  clab_stats_split_run (floor_run, CLAB_WORKLOAD_CPU, 8);
  g_assert_cmpfloat_with_epsilon (floor_run->ideal_s, 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (floor_run->overhead_s, 0.2, 1e-12);

  /* Sleeps overlap beyond the single CPU; computation does not. */
  clab_stats_split_run (sleep, CLAB_WORKLOAD_SLEEP, 1);
  g_assert_cmpfloat_with_epsilon (sleep->ideal_s, 2, 1e-12);
  /* 8 s of computation on 1 CPU cannot fit in 2.1 s: the ideal is capped by the
   * measurement, never above the elapsed time. */
  clab_stats_split_run (sleep, CLAB_WORKLOAD_CPU, 1);
  g_assert_cmpfloat_with_epsilon (sleep->ideal_s, 2.1, 1e-12);
  g_assert_cmpfloat (sleep->overhead_s, ==, 0);

  /* Computation's own duration is its CPU time: waiting for the lock is overhead. */
  g_array_index (fast->tasks, ClabTask, 0).cpu_s = 0.2;
  g_array_index (fast->tasks, ClabTask, 1).cpu_s = 0.2;
  clab_stats_split_run (fast, CLAB_WORKLOAD_LOCK, 2);
  g_assert_cmpfloat_with_epsilon (fast->ideal_s, 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (fast->overhead_s, 0.3, 1e-12);
}

static ClabResult *
make_result (ClabPlan *plan,
             guint     cpus)
{
  ClabResult *result = clab_result_new (plan);
  ClabSystemInfo info = { cpus, g_strdup ("Linux"), g_strdup ("CPU"), g_strdup ("host") };

  clab_result_take_system (result, &info);
  return result;
}

static void
add_runs (ClabResult   *result,
          ClabMode      mode,
          guint         workers,
          const double *elapsed,
          guint         n)
{
  for (guint i = 0; i < n; i++)
    clab_result_add_run (result, make_run (mode, workers, elapsed[i], 4, elapsed[i] / 4));
}

static ClabPlan *
make_plan (ClabWorkloadKind workload,
           guint            workers,
           const char      *modes)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, workload);
  clab_plan_set_tasks (plan, 4);
  clab_plan_set_workers (plan, workers);
  g_assert_true (clab_plan_parse_modes (plan, modes, NULL));
  return plan;
}

static void
test_update_clean (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 2, "sequential,thread-pool,threads");
  g_autoptr(ClabResult) result = make_result (plan, 4);
  const double sequential[] = { 4.0, 4.2, 3.8 };
  const double pool[] = { 2.0, 2.1, 1.9 };
  const double threads[] = { 1.0, 1.0, 1.0 };
  ClabRun *warmup = make_run (CLAB_MODE_SEQUENTIAL, 2, 9.0, 4, 2);
  ClabModeResult *mode;

  warmup->warmup = TRUE;
  clab_result_add_run (result, warmup);
  add_runs (result, CLAB_MODE_SEQUENTIAL, 2, sequential, 3);
  add_runs (result, CLAB_MODE_THREAD_POOL, 2, pool, 3);
  add_runs (result, CLAB_MODE_THREADS, 2, threads, 3);
  mode = clab_result_find_mode (result, CLAB_MODE_THREADS);
  ((ClabRun *) g_ptr_array_index (mode->runs, 0))->cpu_user_s = 3.0;
  ((ClabRun *) g_ptr_array_index (mode->runs, 0))->peak_rss_kib = 9000;
  clab_stats_update_result (result);

  mode = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL);
  g_assert_cmpuint (mode->stats.n_runs, ==, 3);
  g_assert_cmpfloat_with_epsilon (mode->stats.mean_s, 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (mode->stats.stddev_s, 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (mode->stats.min_s, 3.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (mode->stats.max_s, 4.2, 1e-12);
  g_assert_cmpfloat (mode->stats.speedup, ==, 1);
  g_assert_cmpfloat (mode->stats.speedup_err, ==, 0);
  g_assert_cmpfloat (mode->stats.efficiency, ==, 1);

  mode = clab_result_find_mode (result, CLAB_MODE_THREAD_POOL);
  g_assert_cmpfloat_with_epsilon (mode->stats.median_s, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (mode->stats.speedup, 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (mode->stats.speedup_err, 2 * sqrt (2 * 0.05 * 0.05), 1e-12);
  /* 2 workers: a speedup of 2 is all there is to have */
  g_assert_cmpfloat_with_epsilon (mode->stats.efficiency, 1, 1e-12);

  /* One thread per task: 4 tasks on 4 CPUs can run 4 at once. */
  mode = clab_result_find_mode (result, CLAB_MODE_THREADS);
  g_assert_cmpfloat_with_epsilon (mode->stats.speedup, 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (mode->stats.efficiency, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (mode->stats.cpu_pct, (300.0 + 0 + 0) / 3, 1e-9);
  g_assert_cmpint (mode->stats.peak_rss_kib, ==, 9000);
  g_assert_cmpuint (mode->stats.failures, ==, 0);

  for (guint i = 0; i < clab_result_get_warnings (result)->len; i++)
    g_test_message ("unexpected: %s", (char *) g_ptr_array_index (clab_result_get_warnings (result), i));
  g_assert_cmpuint (clab_result_get_warnings (result)->len, ==, 0);
}

static void
test_update_no_baseline (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 2, "threads");
  g_autoptr(ClabResult) result = make_result (plan, 4);
  const double threads[] = { 1.0, 1.2 };
  ClabModeResult *mode;

  add_runs (result, CLAB_MODE_THREADS, 2, threads, 2);
  clab_stats_update_result (result);
  mode = clab_result_find_mode (result, CLAB_MODE_THREADS);
  g_assert_cmpuint (mode->stats.n_runs, ==, 2);
  g_assert_cmpfloat_with_epsilon (mode->stats.mean_s, 1.1, 1e-12);
  g_assert_true (isnan (mode->stats.speedup));
  g_assert_true (isnan (mode->stats.efficiency));
}

/* A single run per mode gives a speedup but no uncertainty for it. */
static void
test_update_single_runs (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 2, "sequential,threads");
  g_autoptr(ClabResult) result = make_result (plan, 4);
  ClabModeResult *mode;

  add_runs (result, CLAB_MODE_SEQUENTIAL, 2, (double[]) { 4.0 }, 1);
  add_runs (result, CLAB_MODE_THREADS, 2, (double[]) { 2.0 }, 1);
  clab_stats_update_result (result);
  mode = clab_result_find_mode (result, CLAB_MODE_THREADS);
  g_assert_cmpfloat_with_epsilon (mode->stats.speedup, 2.0, 1e-12);
  g_assert_true (isnan (mode->stats.speedup_err));
}

static gboolean
has_warning (ClabResult *result,
             const char *part1,
             const char *part2)
{
  const GPtrArray *warnings = clab_result_get_warnings (result);

  for (guint i = 0; i < warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (warnings, i);

      if (strstr (warning, part1) != NULL && strstr (warning, part2) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_update_warnings (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 8,
                                        "sequential,threads,thread-pool,process-pool");
  g_autoptr(ClabResult) result = make_result (plan, 4);
  const double sequential[] = { 4.0, 4.1, 3.9, 4.0 };
  const double tiny[] = { 0.001, 0.0012, 0.0011 };
  const double outlier[] = { 1.0, 1.01, 0.99, 1.0, 1.02, 5.0 };
  const double cold[] = { 3.0, 1.0, 1.1, 0.9 };
  ClabModeResult *mode;
  guint n_warnings;

  add_runs (result, CLAB_MODE_SEQUENTIAL, 8, sequential, 4);
  add_runs (result, CLAB_MODE_THREADS, 8, tiny, 3);
  add_runs (result, CLAB_MODE_THREAD_POOL, 8, outlier, 6);
  add_runs (result, CLAB_MODE_PROCESS_POOL, 8, cold, 4);
  mode = clab_result_find_mode (result, CLAB_MODE_THREAD_POOL);
  add_task (g_ptr_array_index (mode->runs, 1), 0, 0.1, CLAB_TASK_FAILED);
  add_task (g_ptr_array_index (mode->runs, 2), 0, 0.1, CLAB_TASK_FAILED);

  clab_stats_update_result (result);
  for (guint i = 0; i < clab_result_get_warnings (result)->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (clab_result_get_warnings (result), i));

  g_assert_true (has_warning (result, "threads runs", "5 ms"));
  g_assert_false (has_warning (result, "sequential", "5 ms"));
  g_assert_true (has_warning (result, "1 of the thread-pool runs", "outlier"));
  g_assert_false (has_warning (result, "sequential", "outlier"));
  g_assert_true (has_warning (result, "first process-pool run", "warm-up runs"));
  g_assert_false (has_warning (result, "first thread-pool", "warm-up runs"));
  /* Warnings are read in the window too, which has no command-line options. */
  g_assert_false (has_warning (result, "", "--"));
  g_assert_true (has_warning (result, "8 workers", "4 CPUs"));
  g_assert_true (has_warning (result, "2 tasks failed", "thread-pool"));
  g_assert_cmpuint (mode->stats.failures, ==, 2);

  /* Updating again must not repeat what was already said. */
  n_warnings = clab_result_get_warnings (result)->len;
  clab_stats_update_result (result);
  g_assert_cmpuint (clab_result_get_warnings (result)->len, ==, n_warnings);
}

static void
test_update_sweep (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 4, "sequential,thread-pool");
  g_autoptr(ClabResult) result = NULL;
  const guint counts[] = { 1, 2, 4 };
  const double sequential[] = { 8.0 };
  ClabModeResult *mode;
  GArray *sweep;

  clab_plan_set_sweep_workers (plan, counts, G_N_ELEMENTS (counts));
  result = make_result (plan, 4);
  add_runs (result, CLAB_MODE_SEQUENTIAL, 4, sequential, 1);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      /* Exactly Amdahl's law with a serial fraction of 0.1, twice per count */
      double elapsed[] = { 8.0 / amdahl (0.1, counts[i]), 8.0 / amdahl (0.1, counts[i]) };

      add_runs (result, CLAB_MODE_THREAD_POOL, counts[i], elapsed, 2);
    }
  clab_stats_update_result (result);

  sweep = clab_result_get_sweep (result);
  g_assert_cmpuint (sweep->len, ==, 3);
  for (guint i = 0; i < sweep->len; i++)
    {
      const ClabSweepPoint *point = &g_array_index (sweep, ClabSweepPoint, i);

      g_assert_cmpint (point->mode, ==, CLAB_MODE_THREAD_POOL);
      g_assert_cmpuint (point->workers, ==, counts[i]);
      g_assert_cmpfloat_with_epsilon (point->speedup, amdahl (0.1, counts[i]), 1e-9);
      g_assert_cmpfloat (point->stddev_s, ==, 0);
      if (counts[i] == 1)
        g_assert_true (isnan (point->karp_flatt));
      else
        g_assert_cmpfloat_with_epsilon (point->karp_flatt, 0.1, 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (clab_result_get_amdahl_serial (result, CLAB_MODE_THREAD_POOL),
                                  0.1, 1e-3);

  /* The comparison itself counts only the plan's own worker count. */
  mode = clab_result_find_mode (result, CLAB_MODE_THREAD_POOL);
  g_assert_cmpuint (mode->stats.n_runs, ==, 2);
  g_assert_cmpfloat_with_epsilon (mode->stats.speedup, amdahl (0.1, 4), 1e-9);
}

/* Past the CPUs a compute speedup stays flat because of the hardware: neither Karp–Flatt
 * nor Amdahl's fit may read that as a serial part of the work. */
static void
test_sweep_past_cpus (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 8, "sequential,thread-pool");
  g_autoptr(ClabResult) result = NULL;
  const guint counts[] = { 1, 2, 4, 8 };
  const double sequential[] = { 8.0 };
  GArray *sweep;

  clab_plan_set_sweep_workers (plan, counts, G_N_ELEMENTS (counts));
  result = make_result (plan, 2);
  add_runs (result, CLAB_MODE_SEQUENTIAL, 8, sequential, 1);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      double elapsed[] = { 8.0 / MIN (counts[i], 2), 8.0 / MIN (counts[i], 2) };

      add_runs (result, CLAB_MODE_THREAD_POOL, counts[i], elapsed, 2);
    }
  clab_stats_update_result (result);

  sweep = clab_result_get_sweep (result);
  g_assert_cmpuint (sweep->len, ==, 4);
  for (guint i = 1; i < sweep->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (sweep, ClabSweepPoint, i).karp_flatt,
                                    0, 1e-9);
  g_assert_cmpfloat_with_epsilon (clab_result_get_amdahl_serial (result, CLAB_MODE_THREAD_POOL),
                                  0, 1e-3);
}

/* Samples every 0.1 s whose machine is @cpu_pct busy, @run_pct of it the run's own. */
static void
add_samples (ClabResult *result,
             double      cpu_pct,
             double      run_pct)
{
  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      ClabModeResult *mode_result = clab_result_get_mode (result, m);

      for (guint r = 0; r < mode_result->runs->len; r++)
        {
          ClabRun *run = g_ptr_array_index (mode_result->runs, r);

          for (double t = 0.1; t <= run->elapsed_s + 1e-9; t += 0.1)
            {
              ClabSample sample = { t, cpu_pct, NAN, NAN, 0, run_pct, NAN };
              g_array_append_val (run->samples, sample);
            }
        }
    }
}

static ClabResult *
make_compared (guint          cpus,
               const double  *pool,
               guint          n_pool)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 2, "sequential,thread-pool");
  ClabResult *result = make_result (plan, cpus);
  const double sequential[] = { 4.0, 4.04, 3.96 };

  add_runs (result, CLAB_MODE_SEQUENTIAL, 2, sequential, 3);
  add_runs (result, CLAB_MODE_THREAD_POOL, 2, pool, n_pool);
  return result;
}

/* A quiet machine and a plausible speedup: the verdict names a winner. */
static void
test_verdict_quiet (void)
{
  g_autoptr(ClabResult) result = make_compared (2, (double[]) { 2.02, 2.0, 2.04 }, 3);
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;

  add_samples (result, 53, 50);
  clab_stats_update_result (result);
  reason = clab_verdict_dup_reason (result);
  text = clab_result_dup_verdict (result);
  g_assert_null (reason);
  g_assert_true (clab_verdict_is_conclusive (result));
  g_assert_cmpfloat_with_epsilon (clab_verdict_other_load (result), 3, 1e-9);
  g_assert_cmpstr (text, ==, "thread-pool is 1.98 ± 0.03 × faster than sequential");
  g_assert_cmpint (clab_result_get_fastest (result)->mode, ==, CLAB_MODE_THREAD_POOL);
}

/* Other programs took half the machine: the result cannot rank anything, and says why. */
static void
test_verdict_busy (void)
{
  g_autoptr(ClabResult) result = make_compared (2, (double[]) { 2.02, 2.0, 2.04 }, 3);
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;

  add_samples (result, 100, 50);
  clab_stats_update_result (result);
  reason = clab_verdict_dup_reason (result);
  text = clab_result_dup_verdict (result);
  g_assert_cmpstr (reason, ==, "other programs used 50 % of the CPUs during the run");
  g_assert_cmpstr (text, ==, "Inconclusive: other programs used 50 % of the CPUs during the run.");
  g_assert_false (clab_verdict_is_conclusive (result));
  g_assert_null (clab_result_get_fastest (result));
}

/* A slow first run on a busy machine is the load, which the verdict names: no second
 * explanation (cold caches) among the warnings. */
static void
test_verdict_busy_no_cold_cache (void)
{
  g_autoptr(ClabResult) result = make_compared (2, (double[]) { 6.0, 2.0, 2.1, 1.9 }, 4);

  add_samples (result, 100, 50);
  clab_stats_update_result (result);
  g_assert_false (has_warning (result, "first thread-pool run", "warm-up"));
  g_assert_false (clab_verdict_is_conclusive (result));
}

/* One sequential run of 1 s on 2 CPUs whose samples are @samples. */
static ClabResult *
sampled_result (const ClabSample *samples,
                guint             n_samples)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 2, "sequential");
  ClabResult *result = make_result (plan, 2);
  ClabRun *run = make_run (CLAB_MODE_SEQUENTIAL, 2, 1.0, 4, 0.25);

  g_array_append_vals (run->samples, samples, n_samples);
  clab_result_add_run (result, run);
  clab_stats_update_result (result);
  return result;
}

/* The load is a mean over time, not over samples: a short busy moment does not count much. */
static void
test_verdict_load_weighted (void)
{
  const ClabSample samples[] = {
    { 0.1, 100, NAN, NAN, 0, 50, NAN },   /* busy */
    { 1.0, 60, NAN, NAN, 0, 50, NAN },    /* quiet */
  };
  g_autoptr(ClabResult) result = sampled_result (samples, G_N_ELEMENTS (samples));

  /* (50 × 0.1 s + 10 × 0.9 s) / 1 s, where a mean of the samples would say 30. */
  g_assert_cmpfloat_with_epsilon (clab_verdict_other_load (result), 14, 1e-9);
  g_assert_true (clab_verdict_is_conclusive (result));
}

/* The machine's ticks round both ways around the run's nanoseconds: each sample shows the
 * machine at least as busy as the run, while the load of other programs averages the
 * readings as they are (clamped, this run would say 2.5 %). */
static void
test_verdict_load_ticks_even_out (void)
{
  const ClabSample samples[] = {
    { 0.5, 45, NAN, NAN, 0, 50, NAN },
    { 1.0, 55, NAN, NAN, 0, 50, NAN },
  };
  const ClabSample unknown = { 1.5, 45, NAN, NAN, 0, NAN, NAN };
  g_autoptr(ClabResult) result = sampled_result (samples, G_N_ELEMENTS (samples));

  g_assert_cmpfloat_with_epsilon (clab_verdict_other_load (result), 0, 1e-9);
  g_assert_cmpfloat (clab_sample_machine_pct (&samples[0]), ==, 50);
  g_assert_cmpfloat (clab_sample_machine_pct (&samples[1]), ==, 55);
  g_assert_cmpfloat (clab_sample_machine_pct (&unknown), ==, 45);
}

/* 2.6 × on 2 CPUs cannot be; 2.1 × is within what caches and ticks explain. */
static void
test_verdict_impossible_speedup (void)
{
  g_autoptr(ClabResult) result = make_compared (2, (double[]) { 1.52, 1.5, 1.54 }, 3);
  g_autoptr(ClabResult) close = make_compared (2, (double[]) { 1.9, 1.9, 1.9 }, 3);
  ClabModeResult *pool;
  g_autofree char *reason = NULL;
  g_autofree char *efficiency = NULL;
  g_autofree char *speedup = NULL;
  g_autofree char *close_efficiency = NULL;

  clab_stats_update_result (result);
  pool = clab_result_find_mode (result, CLAB_MODE_THREAD_POOL);
  g_assert_cmpfloat (pool->stats.efficiency, >, 1.3);
  reason = clab_verdict_dup_reason (result);
  g_assert_cmpstr (reason, ==, "the thread-pool speedup of 2.63 × is more than 2 tasks at a time can give");
  efficiency = clab_format_efficiency (&pool->stats);
  speedup = clab_format_speedup (&pool->stats);
  g_assert_cmpstr (efficiency, ==, CLAB_FORMAT_NONE);
  g_assert_cmpstr (speedup, ==, CLAB_FORMAT_NONE);

  clab_stats_update_result (close);
  g_assert_true (clab_verdict_is_conclusive (close));
  close_efficiency = clab_format_efficiency (&clab_result_find_mode (close, CLAB_MODE_THREAD_POOL)->stats);
  g_assert_cmpstr (close_efficiency, ==, "≈ 100 %");
}

/* Runs that vary more than the modes differ cannot crown one ("3.79 ± 4.68 × faster"). */
static void
test_verdict_wide_spread (void)
{
  g_autoptr(ClabResult) result = make_compared (4, (double[]) { 0.5, 1.5, 3.5 }, 3);
  g_autofree char *reason = NULL;

  clab_stats_update_result (result);
  reason = clab_verdict_dup_reason (result);
  g_assert_nonnull (reason);
  g_assert_true (g_str_has_prefix (reason, "the thread-pool and sequential runs vary by 83 %"));
  g_assert_null (clab_result_get_fastest (result));
}

/* A 1-worker pool 1.4 × faster than sequential: the sweep point is impossible, its
 * negative serial fraction is not shown, and the verdict says why. */
static void
test_verdict_impossible_sweep (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 2, "sequential,thread-pool");
  g_autoptr(ClabResult) result = NULL;
  const guint counts[] = { 1, 2 };
  g_autofree char *reason = NULL;
  g_autofree char *karp_flatt = NULL;
  const ClabSweepPoint *point;

  clab_plan_set_sweep_workers (plan, counts, G_N_ELEMENTS (counts));
  result = make_result (plan, 2);
  add_runs (result, CLAB_MODE_SEQUENTIAL, 2, (double[]) { 4.0, 4.0 }, 2);
  add_runs (result, CLAB_MODE_THREAD_POOL, 1, (double[]) { 2.8, 2.8 }, 2);
  add_runs (result, CLAB_MODE_THREAD_POOL, 2, (double[]) { 1.905, 1.905 }, 2);
  clab_stats_update_result (result);

  reason = clab_verdict_dup_reason (result);
  g_assert_cmpstr (reason, ==, "the thread-pool speedup of 1.43 × is more than 1 task at a time can give");
  point = &g_array_index (clab_result_get_sweep (result), ClabSweepPoint, 1);
  g_assert_cmpuint (point->workers, ==, 2);
  g_assert_cmpfloat (point->karp_flatt, <, 0);
  karp_flatt = clab_format_karp_flatt (result, point);
  g_assert_cmpstr (karp_flatt, ==, "≈ 0 %");
  g_clear_pointer (&karp_flatt, g_free);
  karp_flatt = clab_format_point_speedup (result, &g_array_index (clab_result_get_sweep (result),
                                                                  ClabSweepPoint, 0));
  g_assert_cmpstr (karp_flatt, ==, CLAB_FORMAT_NONE);
}

/* Which runs count is decided once: the CPU time of a sweep's summary uses the same runs
 * as its wall time. */
static void
test_counted_runs (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 2, "sequential,thread-pool");
  g_autoptr(ClabResult) result = NULL;
  const guint counts[] = { 1, 2 };
  ClabModeResult *pool;
  ClabRun *cancelled;
  ClabAggregate cpu;

  clab_plan_set_sweep_workers (plan, counts, G_N_ELEMENTS (counts));
  result = make_result (plan, 2);
  add_runs (result, CLAB_MODE_THREAD_POOL, 1, (double[]) { 4.0 }, 1);
  add_runs (result, CLAB_MODE_THREAD_POOL, 2, (double[]) { 2.0, 2.2 }, 2);
  cancelled = make_run (CLAB_MODE_THREAD_POOL, 2, 0.1, 4, 0.025);
  cancelled->cancelled = TRUE;
  clab_result_add_run (result, cancelled);
  pool = clab_result_find_mode (result, CLAB_MODE_THREAD_POOL);
  for (guint i = 0; i < pool->runs->len; i++)
    ((ClabRun *) g_ptr_array_index (pool->runs, i))->cpu_user_s = 1.0 + i;

  clab_stats_update_result (result);
  g_assert_cmpuint (pool->stats.n_runs, ==, 2);
  g_assert_false (clab_stats_run_counts (result, g_ptr_array_index (pool->runs, 0)));
  g_assert_false (clab_stats_run_counts (result, cancelled));
  clab_stats_aggregate (result, pool, CLAB_QUANTITY_CPU_TIME, &cpu);
  g_assert_cmpuint (cpu.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (cpu.mean, 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (cpu.min, 2.0, 1e-12);
}

/* The run that stands for a mode is the counted one closest to the median, not the first
 * (which may be the outlier): warm-ups and cancelled runs never stand for it. */
static void
test_representative_run (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 2, "sequential,threads,thread-pool");
  g_autoptr(ClabResult) result = make_result (plan, 2);
  ClabModeResult *sequential, *threads, *pool;
  ClabRun *warmup, *cancelled;
  ClabAggregate elapsed;

  warmup = make_run (CLAB_MODE_SEQUENTIAL, 2, 7.5, 4, 1.0);
  warmup->warmup = TRUE;
  clab_result_add_run (result, warmup);
  /* The first counted run is the outlier; the median of 16, 7, 7.75 and 7.25 is 7.5. */
  add_runs (result, CLAB_MODE_SEQUENTIAL, 2, (double[]) { 16.0, 7.0, 7.75, 7.25 }, 4);
  add_runs (result, CLAB_MODE_THREADS, 2, (double[]) { 2.0, 3.0 }, 2);
  cancelled = make_run (CLAB_MODE_THREAD_POOL, 2, 2.0, 4, 0.5);
  cancelled->cancelled = TRUE;
  clab_result_add_run (result, cancelled);
  clab_stats_update_result (result);
  sequential = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL);
  threads = clab_result_find_mode (result, CLAB_MODE_THREADS);
  pool = clab_result_find_mode (result, CLAB_MODE_THREAD_POOL);

  /* 7.75 and 7.25 are as close to 7.5: the earlier of the two, index 2 of the counted runs. */
  g_assert_cmpuint (clab_stats_representative_run (result, sequential), ==, 2);
  g_assert_cmpfloat_with_epsilon (sequential->stats.median_s, 7.5, 1e-12);
  /* Two runs: the median lies between them, the earlier stands for the mode. */
  g_assert_cmpuint (clab_stats_representative_run (result, threads), ==, 0);
  /* Only a cancelled run: none counts, none stands for the mode. */
  g_assert_cmpuint (clab_stats_representative_run (result, pool), ==, G_MAXUINT);

  /* The median of any quantity comes with its mean, over the same counted runs. */
  clab_stats_aggregate (result, sequential, CLAB_QUANTITY_ELAPSED, &elapsed);
  g_assert_cmpuint (elapsed.n, ==, 4);
  g_assert_cmpfloat_with_epsilon (elapsed.median, 7.5, 1e-12);
}

/* Times compare only between plans of the same work; the workers may differ. */
static void
test_plans_match (void)
{
  g_autoptr(ClabPlan) a = make_plan (CLAB_WORKLOAD_SLEEP, 2, "sequential,threads");
  g_autoptr(ClabPlan) b = make_plan (CLAB_WORKLOAD_SLEEP, 8, "threads,processes");
  g_autoptr(ClabPlan) c = NULL;

  clab_plan_set_size (a, 0.5);
  clab_plan_set_size (b, 0.5);
  clab_plan_set_title (b, "Another title");
  g_assert_true (clab_stats_plans_match (a, b));
  c = clab_plan_copy (a);
  clab_plan_set_size (c, 0.25);
  g_assert_false (clab_stats_plans_match (a, c));
  clab_plan_set_size (c, 0.5);
  clab_plan_set_tasks (c, 5);
  g_assert_false (clab_stats_plans_match (a, c));
  clab_plan_set_tasks (c, 4);
  clab_plan_set_workload (c, CLAB_WORKLOAD_CPU);
  g_assert_false (clab_stats_plans_match (a, c));

  /* A command is its own work: the size does not matter, the command does. */
  clab_plan_set_workload (a, CLAB_WORKLOAD_COMMAND);
  clab_plan_set_workload (c, CLAB_WORKLOAD_COMMAND);
  clab_plan_set_command (a, "true");
  clab_plan_set_command (c, "true");
  clab_plan_set_size (c, 3);
  g_assert_true (clab_stats_plans_match (a, c));
  clab_plan_set_command (c, "false");
  g_assert_false (clab_stats_plans_match (a, c));
}

/* One owner for "mean ± σ" in a column headed with its unit, and for a count of runs. */
static void
test_format_columns (void)
{
  ClabTimeUnit unit;
  g_autofree char *spread = NULL, *single = NULL, *range = NULL;
  g_autofree char *all = NULL, *fewer = NULL;

  clab_format_pick_unit (2.0, 1.5, &unit);
  spread = clab_format_in_unit_spread (&unit, 1.598, 0.024, 3);
  g_assert_cmpstr (spread, ==, "1.598 ± 0.024");
  single = clab_format_in_unit_spread (&unit, 1.598, 0, 1);
  g_assert_cmpstr (single, ==, "1.598");
  range = clab_format_duration_range (1.998, 2.004);
  g_assert_cmpstr (range, ==, "1.998 … 2.004 s");
  all = clab_format_runs (3, 3);
  g_assert_cmpstr (all, ==, "3");
  fewer = clab_format_runs (1, 3);
  g_assert_cmpstr (fewer, ==, "1 of 3");
}

/* The CPUs a mode kept busy, from its CPU time in per cent of one CPU: a count, never a
 * percentage, rounded to none below half a hundredth. */
static void
test_format_cpus_busy (void)
{
  const struct { double pct; const char *text; } cases[] = {
    { 184, "1.84" }, { 100, "1.00" }, { 3.25, "0.03" }, { 0.49, "0.00" }, { 0, "0.00" },
    { -0.2, "0.00" }, { 1625.4, "16.25" }, { NAN, CLAB_FORMAT_NONE }, { 1e300, "1e+298" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ClabStats stats = { .cpu_pct = cases[i].pct };
      g_autofree char *text = clab_format_cpus_busy (&stats);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The two-line forms a narrow table shows say what the one-line forms say, in the same
 * unit and precision, and have no second line where the one-line form has no second part. */
static void
test_format_lines (void)
{
  ClabStats stats = { 0 };
  g_autofree char *mean = NULL, *spread = NULL, *min = NULL, *max = NULL;
  g_autofree char *one = NULL, *one_second = NULL, *speedup = NULL, *err = NULL;
  g_autofree char *same = NULL, *same_second = NULL;

  mean = clab_format_duration_spread_lines (1.598, 0.024, 3, &spread);
  g_assert_cmpstr (mean, ==, "1.598 s");
  g_assert_cmpstr (spread, ==, "± 0.024 s");
  one = clab_format_duration_spread_lines (0.0425, 0.001, 1, &one_second);
  g_assert_cmpstr (one, ==, "42.50 ms");
  g_assert_null (one_second);
  min = clab_format_duration_range_lines (0.0425, 0.0831, &max);
  g_assert_cmpstr (min, ==, "42.50 ms");
  g_assert_cmpstr (max, ==, "… 83.10 ms");
  same = clab_format_duration_range_lines (2.0, 2.0, &same_second);
  g_assert_null (same_second);
  stats.n_runs = 3;
  stats.mean_s = 1;
  stats.speedup = 1.95;
  stats.speedup_err = 0.03;
  stats.efficiency = 0.975;
  g_assert_true (clab_stats_mode_is_possible (&stats));
  speedup = clab_format_speedup_lines (&stats, &err);
  g_assert_cmpstr (speedup, ==, "1.95 ×");
  g_assert_cmpstr (err, ==, "± 0.03 ×");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/mean-stddev-median", test_mean_stddev_median);
  g_test_add_func ("/stats/modified-zscores", test_modified_zscores);
  g_test_add_func ("/stats/speedup", test_speedup);
  g_test_add_func ("/stats/karp-flatt", test_karp_flatt);
  g_test_add_func ("/stats/amdahl-fit", test_amdahl_fit);
  g_test_add_func ("/stats/split-run", test_split_run);
  g_test_add_func ("/stats/update/clean", test_update_clean);
  g_test_add_func ("/stats/update/no-baseline", test_update_no_baseline);
  g_test_add_func ("/stats/update/single-runs", test_update_single_runs);
  g_test_add_func ("/stats/update/warnings", test_update_warnings);
  g_test_add_func ("/stats/update/sweep", test_update_sweep);
  g_test_add_func ("/stats/update/sweep-past-cpus", test_sweep_past_cpus);
  g_test_add_func ("/stats/counted-runs", test_counted_runs);
  g_test_add_func ("/stats/representative-run", test_representative_run);
  g_test_add_func ("/stats/plans-match", test_plans_match);
  g_test_add_func ("/stats/format-columns", test_format_columns);
  g_test_add_func ("/stats/format-lines", test_format_lines);
  g_test_add_func ("/stats/format-cpus-busy", test_format_cpus_busy);
  g_test_add_func ("/stats/verdict/quiet", test_verdict_quiet);
  g_test_add_func ("/stats/verdict/busy", test_verdict_busy);
  g_test_add_func ("/stats/verdict/busy-no-cold-cache", test_verdict_busy_no_cold_cache);
  g_test_add_func ("/stats/verdict/load-weighted", test_verdict_load_weighted);
  g_test_add_func ("/stats/verdict/load-ticks-even-out", test_verdict_load_ticks_even_out);
  g_test_add_func ("/stats/verdict/impossible-speedup", test_verdict_impossible_speedup);
  g_test_add_func ("/stats/verdict/wide-spread", test_verdict_wide_spread);
  g_test_add_func ("/stats/verdict/impossible-sweep", test_verdict_impossible_sweep);

  return g_test_run ();
}
