/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result.h"

G_BEGIN_DECLS

/* Pure helpers over arrays of doubles; NAN where a value is undefined. */
double   clab_stats_mean             (const double *values,
                                      guint         n);
/* Sample standard deviation (n − 1); 0 for a single value. */
double   clab_stats_stddev           (const double *values,
                                      guint         n);
double   clab_stats_median           (const double *values,
                                      guint         n);
/* Modified z-scores (Iglewicz and Hoaglin) of @values into @scores. */
void     clab_stats_modified_zscores (const double *values,
                                      guint         n,
                                      double       *scores);
/* Speedup μ1/μ2 and its σ as hyperfine propagates it. */
double   clab_stats_speedup          (double        mean_base,
                                      double        stddev_base,
                                      double        mean,
                                      double        stddev,
                                      double       *error);
/* How many tasks can make progress at once in @mode: the workers (one thread per task in
 * threads mode), at most the tasks, and at most the CPUs unless the work is waiting. */
guint    clab_stats_usable_parallelism (ClabMode         mode,
                                        ClabWorkloadKind workload,
                                        guint            workers,
                                        guint            tasks,
                                        guint            n_cpus);
/* Karp–Flatt serial fraction e = (1/S − 1/p)/(1 − 1/p); NAN for p ≤ 1. */
double   clab_stats_karp_flatt       (double        speedup,
                                      double        p);
/* Least-squares serial fraction of Amdahl's law over (p, S) points, in [0, 1]. */
double   clab_stats_amdahl_fit       (const double *workers,
                                      const double *speedups,
                                      guint         n);
/* The ideal elapsed time and the overhead of a finished run; sleep and command
 * tasks overlap without cores, so only the other workloads are capped by @n_cpus. */
void     clab_stats_split_run        (ClabRun         *run,
                                      ClabWorkloadKind workload,
                                      guint            n_cpus);
/* A quantity measured once per run, for clab_stats_aggregate(). */
typedef enum
{
  CLAB_QUANTITY_ELAPSED,
  CLAB_QUANTITY_CPU_TIME,     /* user + system of the run's whole process tree */
  CLAB_QUANTITY_CPU_USER,
  CLAB_QUANTITY_CPU_SYSTEM,
  CLAB_QUANTITY_TASK_CPU,     /* the tasks' own CPU time, summed */
  CLAB_QUANTITY_IDEAL,
  CLAB_QUANTITY_OVERHEAD,
} ClabQuantity;

/* Count, mean, σ, min, max and median of one quantity; NAN where undefined. */
typedef struct
{
  guint  n;
  double mean;
  double stddev;
  double min;
  double max;
  double median;
} ClabAggregate;

/* Whether @run measured its mode at all: not a warm-up, not cancelled. */
gboolean   clab_stats_run_is_measured  (const ClabRun        *run);
/* Whether @run counts towards its mode's statistics: measured (not a warm-up, not
 * cancelled) and, in a worker sweep, at the plan's own worker count. */
gboolean   clab_stats_run_counts       (ClabResult           *result,
                                        const ClabRun        *run);
/* The counted runs of @mode_result, in the order they ran. */
GPtrArray *clab_stats_dup_counted_runs (ClabResult           *result,
                                        const ClabModeResult *mode_result);
/* The run that stands for @mode_result, as hyperfine's median does: the counted run whose
 * elapsed time is closest to the median of them all (the earlier of two as close). Its index
 * among the counted runs, or G_MAXUINT when none counts. */
guint      clab_stats_representative_run (ClabResult         *result,
                                          const ClabModeResult *mode_result);
/* Whether the times of results of @a and @b compare, because they measured the same work:
 * the same workload, size per task (a command has none), number of tasks and command. */
gboolean   clab_stats_plans_match      (ClabPlan             *a,
                                        ClabPlan             *b);
/* @quantity over the counted runs of @mode_result. */
void       clab_stats_aggregate        (ClabResult           *result,
                                        const ClabModeResult *mode_result,
                                        ClabQuantity          quantity,
                                        ClabAggregate        *out);
/* The elapsed-time statistics of @stats as an aggregate. */
void       clab_stats_get_aggregate    (const ClabStats      *stats,
                                        ClabAggregate        *out);
/* μa/μb and its σ as hyperfine propagates it; σ is NAN unless both sides have 2 values. */
double     clab_stats_ratio            (const ClabAggregate  *a,
                                        const ClabAggregate  *b,
                                        double               *error);
/* How many tasks of @result's plan can progress at once in @mode with @workers. */
guint      clab_stats_result_parallelism (ClabResult         *result,
                                          ClabMode            mode,
                                          guint               workers);
/* Whether a speedup can come from @parallelism tasks at a time: not above it by more
 * than a tolerance and 2 σ (@error may be NAN). */
gboolean   clab_stats_speedup_is_possible (double             speedup,
                                           double             error,
                                           double             parallelism);
/* The same for a mode's speedup, whose parallelism is speedup ÷ efficiency. */
gboolean   clab_stats_mode_is_possible (const ClabStats      *stats);
/* The same for a point of a worker sweep. */
gboolean   clab_stats_point_is_possible (ClabResult          *result,
                                         const ClabSweepPoint *point);
/* The warnings to show for @result, of char *: those its numbers give, in the reader's
 * language, then any of the file's own that they do not give. */
GPtrArray *clab_stats_dup_warnings   (ClabResult   *result);
/* Fills every mode's ClabStats, the sweep's speedups and the warnings. */
void     clab_stats_update_result    (ClabResult   *result);

G_END_DECLS
