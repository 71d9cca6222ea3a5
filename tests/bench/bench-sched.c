/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "bench-common.h"
#include "clab-plan-python.h"

/* B9: the Timeline's on-CPU data (issue 13): summed over a run's worker threads, the CPUs
 * they were on at each sample. Native threads doing cpu work fill both cores; threads
 * under the lock workload's one lock (the GIL's stand-in) are never on more than one, and
 * neither are CPython's own threads under the real GIL. */

#define WORKERS    2
#define CPU_SIZE   600
#define LOCK_SIZE  300
#define LOCK_TASKS 4
#define PY_SIZE    300
#define PY_TASKS   4

/* The samples that lie wholly inside the run: the first and the last straddle its start
 * and its end, where fewer threads exist. @tree gets the same from the run's process tree
 * (/proc/self/stat, an independent count), @others the CPUs other programs took. */
static void
interior_samples (ClabResult *result,
                  GArray     *values,
                  GArray     *tree,
                  GArray     *others)
{
  g_autoptr(GPtrArray) runs = bench_counted_runs (result, CLAB_MODE_THREADS);
  ClabRun *run = g_ptr_array_index (runs, 0);

  for (guint i = 1; i + 1 < run->samples->len; i++)
    {
      const ClabSample *sample = &g_array_index (run->samples, ClabSample, i);
      double own = sample->run_pct * run->n_cpus / 100;
      double rest = MAX (sample->cpu_pct - sample->run_pct, 0) * run->n_cpus / 100;

      if (isnan (sample->workers_on_cpu))
        continue;
      g_array_append_val (values, sample->workers_on_cpu);
      g_array_append_val (tree, own);
      g_array_append_val (others, rest);
    }
}

static double
array_min (GArray *values)
{
  double m = INFINITY;

  for (guint i = 0; i < values->len; i++)
    m = MIN (m, g_array_index (values, double, i));
  return m;
}

static double
array_max (GArray *values)
{
  double m = -INFINITY;

  for (guint i = 0; i < values->len; i++)
    m = MAX (m, g_array_index (values, double, i));
  return m;
}

static gboolean
print_cpus (const char *figure,
            double      measured,
            const char *target,
            gboolean    pass)
{
  g_autofree char *value = g_strdup_printf ("%.2f CPUs", measured);

  return bench_print_row (figure, value, "", "", target, pass);
}

/* The interpreter the test suite uses (Debian's python3 under meson), else the first on PATH. */
static ClabPlan *
python_plan (void)
{
  const char *python = g_getenv ("CLAB_TEST_PYTHON");
  ClabPlan *plan = bench_plan_new (CLAB_WORKLOAD_CPU, PY_SIZE, PY_TASKS, WORKERS,
                                   CLAB_MODE_THREADS);

  clab_plan_set_runtime (plan, CLAB_RUNTIME_PYTHON);
  clab_plan_set_python (plan, python != NULL && *python != '\0' ? python : "python3");
  return plan;
}

int
main (int   argc,
      char *argv[])
{
  guint reps = bench_repetitions (3);
  g_autoptr(ClabPlan) cpu = bench_plan_new (CLAB_WORKLOAD_CPU, CPU_SIZE, WORKERS, WORKERS,
                                            CLAB_MODE_THREADS);
  g_autoptr(ClabPlan) lock = bench_plan_new (CLAB_WORKLOAD_LOCK, LOCK_SIZE, LOCK_TASKS,
                                             WORKERS, CLAB_MODE_THREADS);
  g_autoptr(GArray) cpu_values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lock_values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_tree = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lock_tree = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(ClabPlan) py = python_plan ();
  g_autoptr(GArray) py_values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) py_tree = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *title = NULL;
  double cpu_min, cpu_median, lock_max, lock_median, py_max;
  gboolean pass = TRUE;

  if (g_get_num_processors () < WORKERS)
    {
      printf ("B9: skipped, the target is for %d CPUs and this machine has %u\n",
              WORKERS, g_get_num_processors ());
      return 77;
    }
  for (guint r = 0; r < reps; r++)
    {
      g_autoptr(ClabResult) a = bench_run_plan (cpu, NULL);
      g_autoptr(ClabResult) b = bench_run_plan (lock, NULL);
      g_autoptr(ClabResult) c = bench_run_plan (py, NULL);

      interior_samples (a, cpu_values, cpu_tree, others);
      interior_samples (b, lock_values, lock_tree, others);
      interior_samples (c, py_values, py_tree, others);
    }
  cpu_min = array_min (cpu_values);
  lock_max = array_max (lock_values);
  cpu_median = bench_median (cpu_values);
  lock_median = bench_median (lock_values);
  py_max = array_max (py_values);

  title = g_strdup_printf ("threads, W = %d: cpu %d tasks × %d units, lock %d tasks × %d units, "
                           "Python cpu %d tasks × %d units; summed on-CPU of the worker threads "
                           "per 100 ms sample, %u rounds", WORKERS, WORKERS, CPU_SIZE, LOCK_TASKS,
                           LOCK_SIZE, PY_TASKS, PY_SIZE, reps);
  bench_print_title ("B9", title);
  pass &= print_cpus ("native cpu threads, median sample", cpu_median, "≥ 1.80",
                      cpu_median >= 1.8);
  print_cpus ("native cpu threads, lowest sample", cpu_min, "info", TRUE);
  pass &= print_cpus ("lock threads, highest sample", lock_max, "≤ 1.10", lock_max <= 1.1);
  print_cpus ("lock threads, median sample", lock_median, "info", TRUE);
  pass &= print_cpus ("python cpu threads, highest sample", py_max, "≤ 1.10", py_max <= 1.1);
  print_cpus ("python cpu threads, median sample", bench_median (py_values), "info", TRUE);
  print_cpus ("cpu run, its process tree, median", bench_median (cpu_tree), "info", TRUE);
  print_cpus ("lock run, its process tree, median", bench_median (lock_tree), "info", TRUE);
  print_cpus ("other programs, median sample", bench_median (others), "info", TRUE);
  return bench_finish ("B9", pass);
}
