/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "clab-runner.h"

ClabPlan *
bench_plan_new (ClabWorkloadKind kind,
                double           size,
                guint            tasks,
                guint            workers,
                ClabMode         mode)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, kind);
  clab_plan_set_size (plan, size);
  clab_plan_set_tasks (plan, tasks);
  clab_plan_set_workers (plan, workers);
  clab_plan_set_runs (plan, 1);
  clab_plan_set_warmup (plan, 0);
  clab_plan_set_modes (plan, &mode, 1);
  return plan;
}

static void
check_tasks (ClabResult *result)
{
  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      ClabModeResult *mode_result = clab_result_get_mode (result, m);

      for (guint r = 0; r < mode_result->runs->len; r++)
        {
          ClabRun *run = g_ptr_array_index (mode_result->runs, r);
          guint ok = clab_run_count_status (run, CLAB_TASK_OK);

          if (ok == run->tasks->len)
            continue;
          g_printerr ("%s: %u of %u tasks did not succeed\n",
                      clab_mode_to_string (run->mode), run->tasks->len - ok, run->tasks->len);
          exit (2);
        }
    }
}

ClabResult *
bench_run_plan (ClabPlan *plan,
                double   *wall_s)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double start = bench_now_s ();

  result = clab_runner_run (runner, cancellable, &error);
  if (wall_s != NULL)
    *wall_s = bench_now_s () - start;
  if (result == NULL)
    {
      g_printerr ("The run failed: %s\n", error->message);
      exit (2);
    }
  check_tasks (result);
  return g_steal_pointer (&result);
}

GPtrArray *
bench_counted_runs (ClabResult *result,
                    ClabMode    mode)
{
  ClabModeResult *mode_result = clab_result_find_mode (result, mode);
  GPtrArray *runs = g_ptr_array_new ();

  for (guint i = 0; mode_result != NULL && i < mode_result->runs->len; i++)
    {
      ClabRun *run = g_ptr_array_index (mode_result->runs, i);
      if (!run->warmup)
        g_ptr_array_add (runs, run);
    }
  return runs;
}

double
bench_lab_elapsed (ClabPlan *plan,
                   double   *wall_s)
{
  g_autoptr(ClabResult) result = bench_run_plan (plan, wall_s);
  guint n_modes;
  const ClabMode *modes = clab_plan_get_modes (plan, &n_modes);
  g_autoptr(GPtrArray) runs = bench_counted_runs (result, modes[0]);

  return ((ClabRun *) g_ptr_array_index (runs, 0))->elapsed_s;
}

/* Runs entry @i of a rotation: 0 is the lab, the others the baselines. */
static void
run_entry (ClabPlan            *plan,
           guint                i,
           const BenchBaseline *baselines,
           gpointer             data,
           GArray             **series,
           GArray              *wall)
{
  double value, w;

  if (i == 0)
    {
      value = bench_lab_elapsed (plan, &w);
      g_array_append_val (wall, w);
    }
  else
    value = baselines[i - 1] (data);
  g_array_append_val (series[i], value);
}

void
bench_compare_many (ClabPlan            *plan,
                    guint                reps,
                    guint                n_baselines,
                    const BenchBaseline *baselines,
                    gpointer             data,
                    double              *lab_s,
                    double              *wall_s,
                    double              *base_s)
{
  guint n = n_baselines + 1;
  g_autofree GArray **series = g_new0 (GArray *, n);
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n; i++)
    series[i] = g_array_new (FALSE, FALSE, sizeof (double));
  /* Neither side pays alone for page faults, lazy binding and cold caches. */
  bench_lab_elapsed (plan, NULL);
  for (guint i = 0; i < n_baselines; i++)
    baselines[i] (data);
  /* Each repetition starts with the next entry, so that a shared machine's drift hits all
   * of them alike, and each follows every other equally often. */
  for (guint r = 0; r < reps; r++)
    for (guint k = 0; k < n; k++)
      run_entry (plan, (r + k) % n, baselines, data, series, wall);

  *lab_s = bench_median (series[0]);
  *wall_s = bench_median (wall);
  for (guint i = 0; i < n_baselines; i++)
    base_s[i] = bench_median (series[i + 1]);
  for (guint i = 0; i < n; i++)
    g_array_unref (series[i]);
}

void
bench_compare (ClabPlan      *plan,
               guint          reps,
               BenchBaseline  baseline,
               gpointer       data,
               double        *lab_s,
               double        *wall_s,
               double        *base_s)
{
  bench_compare_many (plan, reps, 1, &baseline, data, lab_s, wall_s, base_s);
}

double
bench_now_s (void)
{
  return clab_monotonic_ns () / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (GArray *values)
{
  guint n = values->len;

  g_return_val_if_fail (n > 0, 0);
  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

/* printf pads by bytes; µ, ≤ and × take two or three, so pad by characters. */
static void
print_cell (const char *text,
            int         width,
            gboolean    left)
{
  int pad = MAX (0, width - (int) g_utf8_strlen (text, -1));

  printf ("%*s%s%*s", left ? 0 : pad, "", text, left ? pad : 0, "");
}

static void
print_line (const char *figure,
            const char *measured,
            const char *baseline,
            const char *ratio,
            const char *target,
            const char *verdict)
{
  printf ("  ");
  print_cell (figure, 36, TRUE);
  print_cell (measured, 14, FALSE);
  print_cell (baseline, 14, FALSE);
  print_cell (ratio, 9, FALSE);
  print_cell (target, 11, FALSE);
  printf ("  %s\n", verdict);
  fflush (stdout);
}

void
bench_print_title (const char *id,
                   const char *what)
{
  /* Bytes, not g_print: it would convert µ and ≤ to the C locale's "?". */
  printf ("\n%s  %s\n", id, what);
  print_line ("figure", "measured", "baseline", "ratio", "target", "result");
}

gboolean
bench_print_row (const char *figure,
                 const char *measured,
                 const char *baseline,
                 const char *ratio,
                 const char *target,
                 gboolean    pass)
{
  print_line (figure, measured, baseline, ratio, target, pass ? "pass" : "FAIL");
  return pass;
}

/* Picks the unit that keeps three or four significant digits in view. */
static char *
format_duration (double seconds)
{
  if (seconds < 1e-3)
    return g_strdup_printf ("%.2f µs", seconds * 1e6);
  if (seconds < 1)
    return g_strdup_printf ("%.3f ms", seconds * 1e3);
  return g_strdup_printf ("%.4f s", seconds);
}

gboolean
bench_check_ratio (const char *figure,
                   double      measured_s,
                   double      baseline_s,
                   guint       per,
                   double      limit)
{
  g_autofree char *measured = format_duration (measured_s / per);
  g_autofree char *baseline = format_duration (baseline_s / per);
  g_autofree char *ratio = g_strdup_printf ("%.3f", measured_s / baseline_s);
  g_autofree char *target = g_strdup_printf ("≤ %.2f", limit);

  return bench_print_row (figure, measured, baseline, ratio, target,
                          measured_s <= limit * baseline_s);
}

void
bench_print_note (const char *figure,
                  const char *measured,
                  const char *baseline,
                  const char *ratio)
{
  print_line (figure, measured, baseline, ratio, "—", "info");
}

void
bench_print_info (const char *figure,
                  double      measured_s,
                  double      baseline_s,
                  guint       per)
{
  g_autofree char *measured = format_duration (measured_s / per);
  g_autofree char *baseline = format_duration (baseline_s / per);
  g_autofree char *ratio = g_strdup_printf ("%.3f", measured_s / baseline_s);

  bench_print_note (figure, measured, baseline, ratio);
}

int
bench_finish (const char *id,
              gboolean    passed)
{
  printf ("%s: %s\n", id, passed ? "every target met" : "TARGET MISSED");
  return passed ? 0 : 1;
}

guint
bench_repetitions (guint fallback)
{
  const char *env = g_getenv ("CLAB_BENCH_REPS");
  guint64 reps;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 1000, &reps, NULL))
    return reps;
  return fallback;
}
