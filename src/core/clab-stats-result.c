/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-plan.h"
#include "clab-result.h"
#include "clab-stats.h"

/* Statistics, sweep and warnings of a whole result; companion of clab-stats.c. */

/* Below this a run measures the clock and the scheduler more than the work. */
#define SHORT_RUN_S        0.005
/* hyperfine's threshold for the modified z-score: Iglewicz and Hoaglin's 3.5 flags
 * sub-millisecond jitter as soon as a few runs agree to the microsecond. */
#define OUTLIER_Z          14.0
#define SLOW_FIRST_FACTOR  1.5

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

static gboolean
run_is_measured (const ClabRun *run)
{
  /* A cancelled run stopped early: its elapsed time measures nothing. */
  return !run->warmup && !run->cancelled;
}

/* Only a sweep mixes worker counts; the comparison uses the plan's own. */
static gboolean
run_counts (const Context *ctx,
            const ClabRun *run)
{
  if (!run_is_measured (run))
    return FALSE;
  return run->mode == CLAB_MODE_SEQUENTIAL || !ctx->sweep || run->workers == ctx->workers;
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

static GArray *
elapsed_times (GPtrArray *runs)
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
      stats->failures += clab_run_count_status (run, CLAB_TASK_FAILED);
    }
  stats->cpu_pct = n_cpu > 0 ? cpu_sum / n_cpu * 100 : NAN;
}

static void
fill_stats (const Context  *ctx,
            ClabModeResult *mode_result)
{
  g_autoptr(GPtrArray) runs = counted_runs (ctx, mode_result);
  g_autoptr(GArray) values = elapsed_times (runs);
  const double *v = (const double *) (gpointer) values->data;
  ClabStats *stats = &mode_result->stats;

  memset (stats, 0, sizeof *stats);
  stats->n_runs = values->len;
  stats->mean_s = clab_stats_mean (v, values->len);
  stats->stddev_s = clab_stats_stddev (v, values->len);
  stats->median_s = clab_stats_median (v, values->len);
  stats->min_s = values->len > 0 ? INFINITY : NAN;
  stats->max_s = values->len > 0 ? -INFINITY : NAN;
  for (guint i = 0; i < values->len; i++)
    {
      stats->min_s = MIN (stats->min_s, v[i]);
      stats->max_s = MAX (stats->max_s, v[i]);
    }
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
  stats->speedup = clab_stats_speedup (base->mean_s, base->stddev_s,
                                       stats->mean_s, stats->stddev_s, &stats->speedup_err);
  /* One run on either side has no spread to propagate. */
  if (base->n_runs < 2 || stats->n_runs < 2)
    stats->speedup_err = NAN;
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
      if (run_is_measured (run) && !seen)
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
                  double                base_mean)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  ClabSweepPoint point = { mode_result->mode, workers, };

  for (guint i = 0; i < mode_result->runs->len; i++)
    {
      const ClabRun *run = g_ptr_array_index (mode_result->runs, i);

      if (run_is_measured (run) && run->workers == workers)
        g_array_append_val (values, run->elapsed_s);
    }
  point.mean_s = clab_stats_mean ((const double *) (gpointer) values->data, values->len);
  point.stddev_s = clab_stats_stddev ((const double *) (gpointer) values->data, values->len);
  point.speedup = clab_stats_speedup (base_mean, 0, point.mean_s, 0, NULL);
  point.karp_flatt = clab_stats_karp_flatt (point.speedup,
                                            sweep_parallelism (ctx, mode_result, workers));
  return point;
}

static void
add_sweep_points (const Context  *ctx,
                  ClabModeResult *mode_result,
                  double          base_mean,
                  GArray         *sweep)
{
  g_autoptr(GArray) workers = distinct_workers (mode_result);
  g_autoptr(GArray) ps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) speedups = g_array_new (FALSE, FALSE, sizeof (double));
  double serial = NAN;
  gboolean parallel = FALSE;   /* a point past one worker: else any fraction fits */

  for (guint i = 0; i < workers->len; i++)
    {
      ClabSweepPoint point = make_sweep_point (ctx, mode_result, g_array_index (workers, guint, i),
                                               base_mean);
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
  double base_mean = base != NULL && base->n_runs > 0 ? base->mean_s : NAN;

  g_array_set_size (sweep, 0);
  for (guint i = 0; i < clab_result_get_n_modes (ctx->result); i++)
    {
      ClabModeResult *mode_result = clab_result_get_mode (ctx->result, i);

      if (mode_result->mode == CLAB_MODE_SEQUENTIAL)
        continue;
      if (ctx->sweep)
        add_sweep_points (ctx, mode_result, base_mean, sweep);
      else
        clab_result_set_amdahl_serial (ctx->result, mode_result->mode, NAN);
    }
}

static void
add_warning_once (ClabResult *result,
                  const char *warning)
{
  const GPtrArray *warnings = clab_result_get_warnings (result);

  /* Statistics may be updated again, e.g. after loading: say each thing once. */
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    if (g_str_equal (g_ptr_array_index (warnings, i), warning))
      return;
  clab_result_add_warning (result, warning);
}

static guint
count_outliers (const double *values,
                guint         n)
{
  g_autofree double *scores = g_new0 (double, MAX (n, 1));
  guint outliers = 0;

  clab_stats_modified_zscores (values, n, scores);
  for (guint i = 0; i < n; i++)
    if (fabs (scores[i]) > OUTLIER_Z)
      outliers++;
  return outliers;
}

static void
warn_about_runs (const Context        *ctx,
                 const ClabModeResult *mode_result,
                 const double         *v,
                 guint                 n)
{
  const char *name = clab_mode_to_string (mode_result->mode);
  g_autofree char *text = NULL;
  guint outliers;

  if (mode_result->stats.mean_s < SHORT_RUN_S)
    {
      text = g_strdup_printf (_("The %s runs took less than 5 ms: the measurement is dominated by noise; raise the size or the task count."),
                              name);
      add_warning_once (ctx->result, text);
      g_clear_pointer (&text, g_free);
    }
  if ((outliers = count_outliers (v, n)) > 0)
    {
      text = g_strdup_printf (ngettext ("%u of the %s runs is a statistical outlier: another program may have disturbed the measurement; close other programs and run again.",
                                        "%u of the %s runs are statistical outliers: another program may have disturbed the measurement; close other programs and run again.",
                                        outliers),
                              outliers, name);
      add_warning_once (ctx->result, text);
    }
}

static void
warn_about_first_run (const Context        *ctx,
                      const ClabModeResult *mode_result,
                      const double         *v,
                      guint                 n)
{
  g_autofree char *text = NULL;
  double rest;

  if (n < 3)
    return;
  rest = clab_stats_median (v + 1, n - 1);
  if (!(v[0] > SLOW_FIRST_FACTOR * rest))
    return;
  text = g_strdup_printf (_("The first %s run took %.1f times as long as the others: caches were probably cold; add warm-up runs with --warmup."),
                          clab_mode_to_string (mode_result->mode), v[0] / rest);
  add_warning_once (ctx->result, text);
}

static void
warn_about_failures (const Context        *ctx,
                     const ClabModeResult *mode_result)
{
  guint failures = mode_result->stats.failures;
  g_autofree char *text = NULL;

  if (failures == 0)
    return;
  text = g_strdup_printf (ngettext ("%u task failed in the %s mode; the task list shows why.",
                                    "%u tasks failed in the %s mode; the task list shows why.",
                                    failures),
                          failures, clab_mode_to_string (mode_result->mode));
  add_warning_once (ctx->result, text);
}

static void
warn_about_mode (const Context        *ctx,
                 const ClabModeResult *mode_result)
{
  g_autoptr(GPtrArray) runs = counted_runs (ctx, mode_result);
  g_autoptr(GArray) values = elapsed_times (runs);
  const double *v = (const double *) (gpointer) values->data;

  warn_about_failures (ctx, mode_result);
  if (values->len == 0)
    return;
  warn_about_runs (ctx, mode_result, v, values->len);
  warn_about_first_run (ctx, mode_result, v, values->len);
}

static void
warn_about_workers (const Context *ctx)
{
  ClabPlan *plan = clab_result_get_plan (ctx->result);
  g_autofree char *text = NULL;
  guint n_modes;
  const ClabMode *modes = clab_plan_get_modes (plan, &n_modes);
  gboolean parallel = FALSE;

  for (guint i = 0; i < n_modes; i++)
    parallel |= modes[i] != CLAB_MODE_SEQUENTIAL;
  if (!parallel || ctx->workers <= ctx->cpus)
    return;
  text = g_strdup_printf (_("The plan uses %u workers on %u CPUs: at most %u tasks can compute at the same time."),
                          ctx->workers, ctx->cpus, ctx->cpus);
  add_warning_once (ctx->result, text);
}

void
clab_stats_update_result (ClabResult *result)
{
  ClabModeResult *sequential;
  const ClabStats *base = NULL;
  Context ctx;

  g_return_if_fail (CLAB_IS_RESULT (result));

  context_init (&ctx, result);
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    fill_stats (&ctx, clab_result_get_mode (result, i));

  if ((sequential = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL)))
    base = &sequential->stats;
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    fill_speedup (&ctx, clab_result_get_mode (result, i), base);
  update_sweep (&ctx, base);

  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    warn_about_mode (&ctx, clab_result_get_mode (result, i));
  warn_about_workers (&ctx);
}
