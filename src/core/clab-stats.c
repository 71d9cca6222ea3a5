/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-stats.h"

/* Pure helpers over arrays of doubles; clab-stats-result.c applies them to results. */

/* Superlinear speedups are real but small (the tasks share out a cache), and timer ticks
 * and clock boosts move a ratio by a few per cent: beyond 10 % over the usable parallelism,
 * and beyond 2 σ, it is the measurement that is off, not the mode that is fast. */
#define SPEEDUP_TOLERANCE 0.10
#define SIGMAS            2.0

double
clab_stats_mean (const double *values,
                 guint         n)
{
  double sum = 0;

  g_return_val_if_fail (values != NULL || n == 0, NAN);

  if (n == 0)
    return NAN;
  for (guint i = 0; i < n; i++)
    sum += values[i];
  return sum / n;
}

double
clab_stats_stddev (const double *values,
                   guint         n)
{
  double mean;
  double sum = 0;

  g_return_val_if_fail (values != NULL || n == 0, NAN);

  if (n == 0)
    return NAN;
  if (n == 1)
    return 0;
  mean = clab_stats_mean (values, n);
  for (guint i = 0; i < n; i++)
    sum += (values[i] - mean) * (values[i] - mean);
  return sqrt (sum / (n - 1));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
clab_stats_median (const double *values,
                   guint         n)
{
  g_autofree double *sorted = NULL;

  g_return_val_if_fail (values != NULL || n == 0, NAN);

  if (n == 0)
    return NAN;
  sorted = g_memdup2 (values, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  if (n % 2 == 1)
    return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

void
clab_stats_modified_zscores (const double *values,
                             guint         n,
                             double       *scores)
{
  g_autofree double *deviations = NULL;
  double median;
  double mad;

  g_return_if_fail ((values != NULL && scores != NULL) || n == 0);

  if (n == 0)
    return;
  median = clab_stats_median (values, n);
  deviations = g_new (double, n);
  for (guint i = 0; i < n; i++)
    deviations[i] = fabs (values[i] - median);
  mad = clab_stats_median (deviations, n);
  /* More than half the values are equal: nothing stands out from them. */
  for (guint i = 0; i < n; i++)
    scores[i] = mad > 0 ? 0.6745 * (values[i] - median) / mad : 0;
}

double
clab_stats_speedup (double  mean_base,
                    double  stddev_base,
                    double  mean,
                    double  stddev,
                    double *error)
{
  double ratio;

  if (error != NULL)
    *error = NAN;
  if (!(mean_base > 0) || !(mean > 0) || !isfinite (mean_base) || !isfinite (mean))
    return NAN;
  ratio = mean_base / mean;
  if (error != NULL)
    *error = ratio * sqrt (pow (stddev_base / mean_base, 2) + pow (stddev / mean, 2));
  return ratio;
}

void
clab_stats_get_aggregate (const ClabStats *stats,
                          ClabAggregate   *out)
{
  g_return_if_fail (stats != NULL && out != NULL);

  *out = (ClabAggregate) { stats->n_runs, stats->mean_s, stats->stddev_s,
                           stats->min_s, stats->max_s, stats->median_s };
}

double
clab_stats_ratio (const ClabAggregate *a,
                  const ClabAggregate *b,
                  double              *error)
{
  double ratio;

  g_return_val_if_fail (a != NULL && b != NULL, NAN);

  ratio = clab_stats_speedup (a->mean, a->stddev, b->mean, b->stddev, error);
  /* One value on either side has no spread: a σ of 0 would claim a certainty nobody measured. */
  if (error != NULL && (a->n < 2 || b->n < 2))
    *error = NAN;
  return ratio;
}

gboolean
clab_stats_speedup_is_possible (double speedup,
                                double error,
                                double parallelism)
{
  double margin = isfinite (error) ? SIGMAS * error : 0;

  if (!isfinite (speedup) || !(parallelism > 0))
    return TRUE;
  return speedup - margin <= parallelism * (1 + SPEEDUP_TOLERANCE);
}

double
clab_stats_karp_flatt (double speedup,
                       double p)
{
  if (!(p > 1) || !(speedup > 0) || !isfinite (speedup) || !isfinite (p))
    return NAN;
  return (1 / speedup - 1 / p) / (1 - 1 / p);
}

static double
amdahl_sse (const double *workers,
            const double *speedups,
            guint         n,
            double        f)
{
  double sse = 0;

  for (guint i = 0; i < n; i++)
    {
      double predicted = 1 / (f + (1 - f) / workers[i]);

      if (workers[i] >= 1 && isfinite (speedups[i]) && speedups[i] > 0)
        sse += (speedups[i] - predicted) * (speedups[i] - predicted);
    }
  return sse;
}

static double
golden_section (const double *workers,
                const double *speedups,
                guint         n,
                double        lo,
                double        hi)
{
  const double ratio = (sqrt (5) - 1) / 2;
  double a = hi - ratio * (hi - lo);
  double b = lo + ratio * (hi - lo);

  while (hi - lo > 1e-10)
    {
      if (amdahl_sse (workers, speedups, n, a) < amdahl_sse (workers, speedups, n, b))
        hi = b;
      else
        lo = a;
      a = hi - ratio * (hi - lo);
      b = lo + ratio * (hi - lo);
    }
  return (lo + hi) / 2;
}

double
clab_stats_amdahl_fit (const double *workers,
                       const double *speedups,
                       guint         n)
{
  const guint steps = 1000;
  guint best = 0;
  guint n_valid = 0;
  double best_sse = INFINITY;

  g_return_val_if_fail ((workers != NULL && speedups != NULL) || n == 0, NAN);

  for (guint i = 0; i < n; i++)
    if (workers[i] >= 1 && isfinite (speedups[i]) && speedups[i] > 0)
      n_valid++;
  if (n_valid == 0)
    return NAN;

  /* The error need not be unimodal over [0, 1]: a grid finds the right valley first. */
  for (guint k = 0; k <= steps; k++)
    {
      double sse = amdahl_sse (workers, speedups, n, (double) k / steps);

      if (sse < best_sse)
        {
          best_sse = sse;
          best = k;
        }
    }
  return golden_section (workers, speedups, n,
                         best > 0 ? (double) (best - 1) / steps : 0,
                         best < steps ? (double) (best + 1) / steps : 1);
}

/* How many tasks can make progress at once in @mode. */
guint
clab_stats_usable_parallelism (ClabMode         mode,
                               ClabWorkloadKind workload,
                               guint            workers,
                               guint            tasks,
                               guint            n_cpus)
{
  guint p;

  if (mode == CLAB_MODE_SEQUENTIAL)
    return 1;
  /* The per-task modes start one thread or process per task whatever the worker count. */
  p = mode == CLAB_MODE_THREADS || mode == CLAB_MODE_PROCESSES ? tasks : MIN (workers, tasks);
  /* Waiting needs no core: sleeps and external commands overlap beyond the CPUs. */
  if (workload != CLAB_WORKLOAD_SLEEP && workload != CLAB_WORKLOAD_COMMAND && n_cpus > 0)
    p = MIN (p, n_cpus);
  return MAX (p, 1);
}
