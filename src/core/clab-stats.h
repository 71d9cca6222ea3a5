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
/* Fills every mode's ClabStats, the sweep's speedups and the warnings. */
void     clab_stats_update_result    (ClabResult   *result);

G_END_DECLS
