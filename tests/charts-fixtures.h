/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Hand-made results for test-charts: a small fixed result, one mode, failures, and none. */

#include <math.h>

#include "clab-result.h"
#include "clab-stats.h"

typedef struct
{
  const char  *name;
  ClabResult *(*func) (void);
} Fixture;

static ClabPlan *
make_plan (const ClabMode *modes,
           guint           n_modes)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, CLAB_WORKLOAD_SLEEP);
  clab_plan_set_size (plan, 0.5);
  clab_plan_set_tasks (plan, 4);
  clab_plan_set_workers (plan, 2);
  clab_plan_set_runs (plan, 2);
  clab_plan_set_modes (plan, modes, n_modes);
  return plan;
}

/* A run of @n_tasks tasks spread over @workers lanes that ends at @elapsed. */
static ClabRun *
make_run (ClabMode       mode,
          double         elapsed,
          guint          n_tasks,
          guint          workers,
          ClabTaskStatus last_status)
{
  ClabRun *run = clab_run_new (mode, 2);
  guint per_lane = (n_tasks + workers - 1) / workers;
  double length = elapsed / per_lane;

  run->elapsed_s = elapsed;
  run->ideal_s = elapsed * 0.8;
  run->overhead_s = elapsed * 0.2;
  run->workers = workers;
  for (guint i = 0; i < n_tasks; i++)
    {
      ClabTask task = { 0 };

      task.index = i;
      task.worker = clab_mode_uses_processes (mode) ? 5000 + i : i % workers;
      task.start_s = (i / workers) * length + 0.01;
      task.end_s = task.start_s + length - 0.02;
      task.status = i + 1 == n_tasks ? last_status : CLAB_TASK_OK;
      g_array_append_val (run->tasks, task);
    }
  for (double t = 0.05; t < elapsed; t += 0.1)
    {
      ClabSample sample = { t, 40 + 30 * sin (t * 7), 35, 5, 10, 30, 1024 };
      double per_cpu[2] = { 90, 10 };

      g_array_append_val (run->samples, sample);
      g_array_append_vals (run->per_cpu_pct, per_cpu, 2);
    }
  return run;
}

static void
set_stats (ClabResult *result,
           ClabMode    mode,
           double      mean,
           guint       n_runs,
           guint       failures)
{
  ClabModeResult *mode_result = clab_result_ensure_mode (result, mode);
  ClabModeResult *sequential = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL);

  mode_result->stats.n_runs = n_runs;
  mode_result->stats.mean_s = n_runs > 0 ? mean : NAN;
  mode_result->stats.min_s = mean * 0.97;
  mode_result->stats.max_s = mean * 1.03;
  mode_result->stats.failures = failures;
  if (sequential != NULL && n_runs > 0)
    mode_result->stats.speedup = sequential->stats.mean_s / mean;
}

static ClabResult *
build (const ClabMode *modes,
       guint           n_modes,
       const double   *means)
{
  g_autoptr(ClabPlan) plan = make_plan (modes, n_modes);
  ClabResult *result = clab_result_new (plan);
  ClabSystemInfo info = { 2, g_strdup ("6.1"), g_strdup ("Test CPU"), g_strdup ("host") };

  clab_result_take_system (result, &info);
  for (guint i = 0; i < n_modes; i++)
    for (guint r = 0; r < 2; r++)
      clab_result_add_run (result, make_run (modes[i], means[i], 4, 2, CLAB_TASK_OK));
  for (guint i = 0; i < n_modes; i++)
    set_stats (result, modes[i], means[i], 2, 0);
  return result;
}

static ClabResult *
fixed_result (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_PROCESSES };
  const double means[] = { 2.0, 1.0, 0.5 };
  ClabResult *result = build (modes, 3, means);
  GArray *sweep = clab_result_get_sweep (result);

  for (guint p = 1; p <= 4; p *= 2)
    {
      ClabSweepPoint point = { CLAB_MODE_THREADS, p, 2.0 / (p * 0.9), 0.01, p * 0.9,
                               clab_stats_karp_flatt (p * 0.9, p) };

      g_array_append_val (sweep, point);
    }
  clab_result_set_amdahl_serial (result, CLAB_MODE_THREADS, 0.04);
  return result;
}

static ClabResult *
one_mode_result (void)
{
  const ClabMode modes[] = { CLAB_MODE_THREAD_POOL };
  const double means[] = { 1.5 };

  return build (modes, 1, means);
}

/* Threads lost a task and processes never finished a run. */
static ClabResult *
failures_result (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_PROCESSES };
  g_autoptr(ClabPlan) plan = make_plan (modes, 3);
  ClabResult *result = clab_result_new (plan);
  ClabRun *cancelled = make_run (CLAB_MODE_PROCESSES, 0.3, 4, 2, CLAB_TASK_CANCELLED);

  clab_result_add_run (result, make_run (CLAB_MODE_SEQUENTIAL, 2.0, 4, 1, CLAB_TASK_OK));
  clab_result_add_run (result, make_run (CLAB_MODE_THREADS, 1.0, 4, 2, CLAB_TASK_FAILED));
  cancelled->cancelled = TRUE;
  clab_result_add_run (result, cancelled);
  clab_result_set_cancelled (result, TRUE);
  set_stats (result, CLAB_MODE_SEQUENTIAL, 2.0, 1, 0);
  set_stats (result, CLAB_MODE_THREADS, 1.0, 1, 1);
  set_stats (result, CLAB_MODE_PROCESSES, 0.3, 0, 0);
  return result;
}

static ClabResult *
empty_result (void)
{
  const ClabMode modes[] = { CLAB_MODE_THREADS, CLAB_MODE_PROCESSES };
  g_autoptr(ClabPlan) plan = make_plan (modes, 2);

  return clab_result_new (plan);
}

static const Fixture fixtures[] = {
  { "fixed", fixed_result },
  { "one-mode", one_mode_result },
  { "failures", failures_result },
  { "empty", empty_result },
};
