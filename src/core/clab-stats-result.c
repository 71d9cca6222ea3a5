/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-plan.h"
#include "clab-result.h"
#include "clab-stats.h"
#include "clab-stats-private.h"

/* Statistics, sweep and warnings of a whole result; companion of clab-stats.c. */

/* The time a task's work takes by itself. For compute it is the CPU time: wall time
 * also counts waiting for a core or for the lock, which is overhead of the mode. */
static double
own_duration (const ClabTask   *task,
              ClabWorkloadKind  workload)
{
  double wall = MAX (0, task->end_s - task->start_s);

  switch (workload)
    {
    case CLAB_WORKLOAD_CPU:
    case CLAB_WORKLOAD_LOCK:
    case CLAB_WORKLOAD_MEMORY:
      return MIN (task->cpu_s, wall);
    case CLAB_WORKLOAD_SLEEP:
    case CLAB_WORKLOAD_IO:
    case CLAB_WORKLOAD_COMMAND:
    case CLAB_N_WORKLOADS:
    default:
      return wall;
    }
}

void
clab_stats_split_run (ClabRun          *run,
                      ClabWorkloadKind  workload,
                      guint             n_cpus)
{
  double longest = 0;
  double total = 0;
  guint n_tasks;
  guint p;

  g_return_if_fail (run != NULL);

  n_tasks = run->tasks != NULL ? run->tasks->len : 0;
  for (guint i = 0; i < n_tasks; i++)
    {
      const ClabTask *task = &g_array_index (run->tasks, ClabTask, i);
      double duration = own_duration (task, workload);

      if (task->status != CLAB_TASK_OK)
        continue;
      longest = MAX (longest, duration);
      total += duration;
    }
  p = clab_stats_usable_parallelism (run->mode, workload, run->workers, n_tasks, n_cpus);
  /* Never above the elapsed time: what was measured bounds what was possible. */
  run->ideal_s = MIN (MAX (longest, total / p), run->elapsed_s);
  run->overhead_s = MAX (0, run->elapsed_s - run->ideal_s);
}

typedef struct
{
  ClabResult       *result;
  ClabWorkloadKind  workload;
  guint             workers;
  guint             tasks;
  guint             cpus;
  gboolean          sweep;
} Context;

static void
context_init (Context    *ctx,
              ClabResult *result)
{
  ClabPlan *plan = clab_result_get_plan (result);
  const ClabSystemInfo *system = clab_result_get_system (result);
  guint n_sweep = 0;

  ctx->result = result;
  ctx->workload = clab_plan_get_workload (plan);
  ctx->workers = clab_plan_get_workers (plan);
  ctx->tasks = clab_plan_get_tasks (plan);
  ctx->cpus = system != NULL && system->cpus > 0 ? system->cpus : g_get_num_processors ();
  clab_plan_get_sweep_workers (plan, &n_sweep);
  ctx->sweep = n_sweep > 0;
}

gboolean
clab_stats_run_is_measured (const ClabRun *run)
{
  g_return_val_if_fail (run != NULL, FALSE);

  /* A cancelled run stopped early: its elapsed time measures nothing. */
  return !run->warmup && !run->cancelled;
}

/* Only a sweep mixes worker counts; the comparison uses the plan's own. */
static gboolean
run_counts (const Context *ctx,
            const ClabRun *run)
{
  if (!clab_stats_run_is_measured (run))
    return FALSE;
  return !clab_mode_is_pool (run->mode) || !ctx->sweep || run->workers == ctx->workers;
}

static GPtrArray *
counted_runs (const Context        *ctx,
              const ClabModeResult *mode_result)
{
  GPtrArray *runs = g_ptr_array_new ();

  for (guint i = 0; i < mode_result->runs->len; i++)
    {
      ClabRun *run = g_ptr_array_index (mode_result->runs, i);

      if (run_counts (ctx, run))
        g_ptr_array_add (runs, run);
    }
  return runs;
}

gboolean
clab_stats_run_counts (ClabResult    *result,
                       const ClabRun *run)
{
  Context ctx;

  g_return_val_if_fail (CLAB_IS_RESULT (result), FALSE);
  g_return_val_if_fail (run != NULL, FALSE);

  context_init (&ctx, result);
  return run_counts (&ctx, run);
}

GPtrArray *
clab_stats_dup_counted_runs (ClabResult           *result,
                             const ClabModeResult *mode_result)
{
  Context ctx;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (mode_result != NULL, NULL);

  context_init (&ctx, result);
  return counted_runs (&ctx, mode_result);
}

guint
clab_stats_representative_run (ClabResult           *result,
                               const ClabModeResult *mode_result)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GArray) values = NULL;
  double median, best = INFINITY;
  guint chosen = G_MAXUINT;

  g_return_val_if_fail (CLAB_IS_RESULT (result), G_MAXUINT);
  g_return_val_if_fail (mode_result != NULL, G_MAXUINT);

  runs = clab_stats_dup_counted_runs (result, mode_result);
  values = _clab_stats_elapsed_times (runs);
  median = clab_stats_median ((const double *) (gpointer) values->data, values->len);
  for (guint i = 0; i < values->len; i++)
    {
      double distance = fabs (g_array_index (values, double, i) - median);

      if (distance < best)
        {
          best = distance;
          chosen = i;
        }
    }
  /* Runs without a time (a file that lacks it) still stand for their mode. */
  return chosen == G_MAXUINT && runs->len > 0 ? 0 : chosen;
}

gboolean
clab_stats_plans_match (ClabPlan *a,
                        ClabPlan *b)
{
  ClabWorkloadKind workload;
  double size_a, size_b;

  g_return_val_if_fail (CLAB_IS_PLAN (a) && CLAB_IS_PLAN (b), FALSE);

  /* The workers may differ, as they do between a laptop and a server: that is a finding. */
  workload = clab_plan_get_workload (a);
  if (workload != clab_plan_get_workload (b) || clab_plan_get_tasks (a) != clab_plan_get_tasks (b))
    return FALSE;
  if (workload == CLAB_WORKLOAD_COMMAND)
    return g_strcmp0 (clab_plan_get_command (a), clab_plan_get_command (b)) == 0;
  size_a = clab_plan_get_size (a);
  size_b = clab_plan_get_size (b);
  return fabs (size_a - size_b) <= 1e-9 * MAX (fabs (size_a), fabs (size_b));
}

static double
task_cpu (const ClabRun *run)
{
  double sum = 0;

  for (guint i = 0; i < run->tasks->len; i++)
    {
      double cpu = g_array_index (run->tasks, ClabTask, i).cpu_s;

      if (isfinite (cpu) && cpu > 0)
        sum += cpu;
    }
  return sum;
}

static double
quantity_of (const ClabRun *run,
             ClabQuantity   quantity)
{
  switch (quantity)
    {
    case CLAB_QUANTITY_ELAPSED:  return run->elapsed_s;
    case CLAB_QUANTITY_CPU_TIME: return run->cpu_user_s + run->cpu_system_s;
    case CLAB_QUANTITY_CPU_USER: return run->cpu_user_s;
    case CLAB_QUANTITY_CPU_SYSTEM: return run->cpu_system_s;
    case CLAB_QUANTITY_TASK_CPU: return task_cpu (run);
    case CLAB_QUANTITY_IDEAL:    return run->ideal_s;
    case CLAB_QUANTITY_OVERHEAD: return run->overhead_s;
    default:
      g_return_val_if_reached (NAN);
    }
}

/* Runs that lack the quantity (a file without CPU times) are left out, not counted as 0. */
static void
aggregate_runs (GPtrArray     *runs,
                ClabQuantity   quantity,
                ClabAggregate *out)
{
  g_autoptr(GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (double), runs->len);
  const double *v;

  for (guint i = 0; i < runs->len; i++)
    {
      double value = quantity_of (g_ptr_array_index (runs, i), quantity);

      if (isfinite (value))
        g_array_append_val (values, value);
    }
  v = (const double *) (gpointer) values->data;
  out->n = values->len;
  out->mean = clab_stats_mean (v, values->len);
  out->stddev = clab_stats_stddev (v, values->len);
  out->median = clab_stats_median (v, values->len);
  out->min = values->len > 0 ? INFINITY : NAN;
  out->max = values->len > 0 ? -INFINITY : NAN;
  for (guint i = 0; i < values->len; i++)
    {
      out->min = MIN (out->min, v[i]);
      out->max = MAX (out->max, v[i]);
    }
}

void
clab_stats_aggregate (ClabResult           *result,
                      const ClabModeResult *mode_result,
                      ClabQuantity          quantity,
                      ClabAggregate        *out)
{
  g_autoptr(GPtrArray) runs = NULL;

  g_return_if_fail (out != NULL);

  runs = clab_stats_dup_counted_runs (result, mode_result);
  if (runs == NULL)
    runs = g_ptr_array_new ();
  aggregate_runs (runs, quantity, out);
}

GArray *
_clab_stats_elapsed_times (GPtrArray *runs)
{
  GArray *values = g_array_sized_new (FALSE, FALSE, sizeof (double), runs->len);

  for (guint i = 0; i < runs->len; i++)
    {
      const ClabRun *run = g_ptr_array_index (runs, i);

      g_array_append_val (values, run->elapsed_s);
    }
  return values;
}

static void
fill_cpu_and_memory (ClabStats *stats,
                     GPtrArray *runs)
{
  double cpu_sum = 0;
  guint n_cpu = 0;

  for (guint i = 0; i < runs->len; i++)
    {
      const ClabRun *run = g_ptr_array_index (runs, i);

      if (run->elapsed_s > 0)
        {
          cpu_sum += (run->cpu_user_s + run->cpu_system_s) / run->elapsed_s;
          n_cpu++;
        }
      stats->peak_rss_kib = MAX (stats->peak_rss_kib, run->peak_rss_kib);
      stats->failures += clab_run_count_failures (run);
    }
  stats->cpu_pct = n_cpu > 0 ? cpu_sum / n_cpu * 100 : NAN;
}

static void
fill_stats (const Context  *ctx,
            ClabModeResult *mode_result)
{
  g_autoptr(GPtrArray) runs = counted_runs (ctx, mode_result);
  ClabStats *stats = &mode_result->stats;
  ClabAggregate elapsed;

  aggregate_runs (runs, CLAB_QUANTITY_ELAPSED, &elapsed);
  memset (stats, 0, sizeof *stats);
  stats->n_runs = elapsed.n;
  stats->mean_s = elapsed.mean;
  stats->stddev_s = elapsed.stddev;
  stats->median_s = elapsed.median;
  stats->min_s = elapsed.min;
  stats->max_s = elapsed.max;
  stats->speedup = NAN;
  stats->speedup_err = NAN;
  stats->efficiency = NAN;
  fill_cpu_and_memory (stats, runs);
}

static void
fill_speedup (const Context   *ctx,
              ClabModeResult  *mode_result,
              const ClabStats *base)
{
  ClabStats *stats = &mode_result->stats;
  ClabAggregate a, b;
  guint p;

  /* A time measured over failed tasks, or against them, compares nothing. */
  if (base == NULL || base->n_runs == 0 || stats->n_runs == 0 ||
      base->failures > 0 || stats->failures > 0)
    return;
  if (mode_result->mode == CLAB_MODE_SEQUENTIAL)
    {
      stats->speedup = 1;
      stats->speedup_err = stats->n_runs >= 2 ? 0 : NAN;
      stats->efficiency = 1;
      return;
    }
  clab_stats_get_aggregate (base, &a);
  clab_stats_get_aggregate (stats, &b);
  stats->speedup = clab_stats_ratio (&a, &b, &stats->speedup_err);
  p = clab_stats_usable_parallelism (mode_result->mode, ctx->workload, ctx->workers, ctx->tasks, ctx->cpus);
  stats->efficiency = stats->speedup / p;
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static GArray *
distinct_workers (const ClabModeResult *mode_result)
{
  GArray *workers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < mode_result->runs->len; i++)
    {
      const ClabRun *run = g_ptr_array_index (mode_result->runs, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < workers->len && !seen; j++)
        seen = g_array_index (workers, guint, j) == run->workers;
      if (clab_stats_run_is_measured (run) && !seen)
        g_array_append_val (workers, run->workers);
    }
  g_array_sort (workers, compare_uints);
  return workers;
}

/* Karp–Flatt and Amdahl take the usable parallelism for p, as efficiency does: past the
 * CPUs it is the hardware, not a serial part of the work, that keeps the speedup flat. */
static double
sweep_parallelism (const Context        *ctx,
                   const ClabModeResult *mode_result,
                   guint                 workers)
{
  return clab_stats_usable_parallelism (mode_result->mode, ctx->workload, workers, ctx->tasks,
                                        ctx->cpus);
}

static ClabSweepPoint
make_sweep_point (const Context        *ctx,
                  const ClabModeResult *mode_result,
                  guint                 workers,
                  const ClabAggregate  *base)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new ();
  ClabSweepPoint point = { mode_result->mode, workers, };
  ClabAggregate elapsed;

  for (guint i = 0; i < mode_result->runs->len; i++)
    {
      ClabRun *run = g_ptr_array_index (mode_result->runs, i);

      if (clab_stats_run_is_measured (run) && run->workers == workers)
        g_ptr_array_add (runs, run);
    }
  aggregate_runs (runs, CLAB_QUANTITY_ELAPSED, &elapsed);
  point.n_runs = elapsed.n;
  point.mean_s = elapsed.mean;
  point.stddev_s = elapsed.stddev;
  point.speedup = clab_stats_ratio (base, &elapsed, &point.speedup_err);
  point.karp_flatt = clab_stats_karp_flatt (point.speedup,
                                            sweep_parallelism (ctx, mode_result, workers));
  return point;
}

static void
add_sweep_points (const Context       *ctx,
                  ClabModeResult      *mode_result,
                  const ClabAggregate *base,
                  GArray              *sweep)
{
  g_autoptr(GArray) workers = distinct_workers (mode_result);
  g_autoptr(GArray) ps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) speedups = g_array_new (FALSE, FALSE, sizeof (double));
  double serial = NAN;
  gboolean parallel = FALSE;   /* a point past one worker: else any fraction fits */

  for (guint i = 0; i < workers->len; i++)
    {
      ClabSweepPoint point = make_sweep_point (ctx, mode_result, g_array_index (workers, guint, i),
                                               base);
      double p = sweep_parallelism (ctx, mode_result, point.workers);

      g_array_append_val (sweep, point);
      if (isfinite (point.speedup))
        {
          g_array_append_val (ps, p);
          g_array_append_val (speedups, point.speedup);
          parallel |= p > 1;
        }
    }
  if (ps->len >= 2 && parallel)
    serial = clab_stats_amdahl_fit ((const double *) (gpointer) ps->data,
                                    (const double *) (gpointer) speedups->data, ps->len);
  clab_result_set_amdahl_serial (ctx->result, mode_result->mode, serial);
}

static void
update_sweep (const Context   *ctx,
              const ClabStats *base)
{
  GArray *sweep = clab_result_get_sweep (ctx->result);
  ClabAggregate base_elapsed = { 0, NAN, NAN, NAN, NAN, NAN };

  if (base != NULL && base->n_runs > 0)
    clab_stats_get_aggregate (base, &base_elapsed);

  g_array_set_size (sweep, 0);
  for (guint i = 0; i < clab_result_get_n_modes (ctx->result); i++)
    {
      ClabModeResult *mode_result = clab_result_get_mode (ctx->result, i);

      if (mode_result->mode == CLAB_MODE_SEQUENTIAL)
        continue;
      /* Only the pools have a worker count to scale with. */
      if (ctx->sweep && clab_mode_is_pool (mode_result->mode))
        add_sweep_points (ctx, mode_result, &base_elapsed, sweep);
      else
        clab_result_set_amdahl_serial (ctx->result, mode_result->mode, NAN);
    }
}

guint
clab_stats_result_parallelism (ClabResult *result,
                               ClabMode    mode,
                               guint       workers)
{
  Context ctx;

  g_return_val_if_fail (CLAB_IS_RESULT (result), 1);

  context_init (&ctx, result);
  return clab_stats_usable_parallelism (mode, ctx.workload, workers, ctx.tasks, ctx.cpus);
}

gboolean
clab_stats_mode_is_possible (const ClabStats *stats)
{
  g_return_val_if_fail (stats != NULL, TRUE);

  if (!isfinite (stats->speedup) || !(stats->efficiency > 0))
    return TRUE;
  return clab_stats_speedup_is_possible (stats->speedup, stats->speedup_err,
                                         stats->speedup / stats->efficiency);
}

gboolean
clab_stats_point_is_possible (ClabResult           *result,
                              const ClabSweepPoint *point)
{
  g_return_val_if_fail (point != NULL, TRUE);

  return clab_stats_speedup_is_possible (point->speedup, point->speedup_err,
                                         clab_stats_result_parallelism (result, point->mode,
                                                                        point->workers));
}

void
clab_stats_update_result (ClabResult *result)
{
  ClabModeResult *sequential;
  const ClabStats *base = NULL;
  Context ctx;

  g_return_if_fail (CLAB_IS_RESULT (result));

  context_init (&ctx, result);
  clab_result_clear_recorded_verdict (result);
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    fill_stats (&ctx, clab_result_get_mode (result, i));

  if ((sequential = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL)))
    base = &sequential->stats;
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    fill_speedup (&ctx, clab_result_get_mode (result, i), base);
  update_sweep (&ctx, base);

  _clab_stats_add_warnings (result);
}
