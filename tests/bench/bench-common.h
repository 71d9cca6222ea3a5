/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-plan.h"
#include "clab-result.h"
#include "clab-workload.h"

G_BEGIN_DECLS

/*
 * What the benchmarks of tests/bench share: plans run through the public runner, the
 * median of alternating repetitions, and one table row per figure with its verdict.
 */

/* A plan of one mode, one counted run, no warm-up. */
ClabPlan   *bench_plan_new       (ClabWorkloadKind   kind,
                                  double             size,
                                  guint              tasks,
                                  guint              workers,
                                  ClabMode           mode);
/* Runs @plan with a cancellable, as the CLI and the GUI do; exits the program on any error
 * or failed task. @wall_s, if not NULL, gets the wall time of the whole call. */
ClabResult *bench_run_plan       (ClabPlan          *plan,
                                  double            *wall_s);
/* The counted runs of @mode in @result, in the order they ran. */
GPtrArray  *bench_counted_runs   (ClabResult        *result,
                                  ClabMode           mode);
/* The elapsed time of the single run of @plan's mode, as the lab reports it. */
double      bench_lab_elapsed    (ClabPlan          *plan,
                                  double            *wall_s);

/* One repetition of a hand-written baseline; returns its wall time in seconds. */
typedef double (*BenchBaseline) (gpointer data);

/* Medians of @reps repetitions of the lab running @plan and of @baseline, alternating which
 * goes first, after one warm-up of each. @wall_s gets the whole clab_runner_run call. */
void        bench_compare        (ClabPlan          *plan,
                                  guint              reps,
                                  BenchBaseline      baseline,
                                  gpointer           data,
                                  double            *lab_s,
                                  double            *wall_s,
                                  double            *base_s);
/* The same with @n_baselines references, all in one rotation: base_s[i] is baselines[i]'s. */
void        bench_compare_many   (ClabPlan          *plan,
                                  guint              reps,
                                  guint              n_baselines,
                                  const BenchBaseline *baselines,
                                  gpointer           data,
                                  double            *lab_s,
                                  double            *wall_s,
                                  double            *base_s);
/* Seconds on CLOCK_MONOTONIC. */
double      bench_now_s          (void);
/* Sorts @values (of double) and returns their median. */
double      bench_median         (GArray            *values);
/* Prints the title of a benchmark and the header of its table. */
void        bench_print_title    (const char        *id,
                                  const char        *what);
/* Prints one row of the table and returns @pass. */
gboolean    bench_print_row      (const char        *figure,
                                  const char        *measured,
                                  const char        *baseline,
                                  const char        *ratio,
                                  const char        *target,
                                  gboolean           pass);
/* A row for "measured ≤ limit × baseline", both in seconds, shown in µs per @per items. */
gboolean    bench_check_ratio    (const char        *figure,
                                  double             measured_s,
                                  double             baseline_s,
                                  guint              per,
                                  double             limit);
/* Prints a row without a target: a reference or an explanation of another row. */
void        bench_print_note     (const char        *figure,
                                  const char        *measured,
                                  const char        *baseline,
                                  const char        *ratio);
/* Prints an informative row: measured and baseline per item, no verdict. */
void        bench_print_info     (const char        *figure,
                                  double             measured_s,
                                  double             baseline_s,
                                  guint              per);
/* Prints the final verdict and returns the exit status of the benchmark. */
int         bench_finish         (const char        *id,
                                  gboolean           passed);
/* The number of repetitions: $CLAB_BENCH_REPS, or @fallback. */
guint       bench_repetitions    (guint              fallback);

G_END_DECLS
