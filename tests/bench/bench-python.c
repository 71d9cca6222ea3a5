/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "bench-common.h"
#include "clab-plan-python.h"

/*
 * BP1: the GIL, measured by the Python runtime: pure-Python cpu work, 4 tasks on W = 2.
 * CPython's threads do not speed it up, its process pool does; the native engine's threads
 * do, on the same plan.
 * BP2: the lab's overhead on the article's three examples against the same code run
 * directly by the same interpreter (tests/bench/article-*.py), side by side in one run.
 */

/* Tasks of about 0.8 s: at 250 units (0.2 s) CPython's own Pool start and stop (about 60 ms
 * before the first task, 100 ms to join, the same when the code runs directly) decided the
 * process pool's figure more than the parallel work did. */
#define CPU_UNITS 1000.0

static const char *
python (void)
{
  const char *path = g_getenv ("CLAB_TEST_PYTHON");

  return path != NULL && *path != '\0' ? path : "python3";
}

static double
median_elapsed (ClabResult *result,
                ClabMode    mode)
{
  g_autoptr(GPtrArray) runs = bench_counted_runs (result, mode);
  g_autoptr(GArray) elapsed = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs->len; i++)
    g_array_append_val (elapsed, ((ClabRun *) g_ptr_array_index (runs, i))->elapsed_s);
  return bench_median (elapsed);
}

static gboolean
check_speedup (ClabResult *result,
               const char *runtime,
               ClabMode    mode,
               gboolean    at_most,
               double      limit)
{
  double seq = median_elapsed (result, CLAB_MODE_SEQUENTIAL);
  double elapsed = median_elapsed (result, mode);
  g_autofree char *figure = g_strdup_printf ("%s %s, speedup", runtime, clab_mode_to_string (mode));
  g_autofree char *measured = g_strdup_printf ("%.3f s", elapsed);
  g_autofree char *baseline = g_strdup_printf ("%.3f s", seq);
  g_autofree char *ratio = g_strdup_printf ("%.3f ×", seq / elapsed);
  g_autofree char *target = g_strdup_printf ("%s %.2f", at_most ? "≤" : "≥", limit);

  return bench_print_row (figure, measured, baseline, ratio, target,
                          at_most ? seq / elapsed <= limit : seq / elapsed >= limit);
}

static gboolean
bench_gil (guint reps)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_PROCESS_POOL };
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_CPU, CPU_UNITS, 4, 2,
                                             CLAB_MODE_SEQUENTIAL);
  g_autoptr(ClabPlan) native = NULL;
  g_autoptr(ClabResult) result = NULL, native_result = NULL;
  gboolean pass = TRUE;

  clab_plan_set_modes (plan, modes, G_N_ELEMENTS (modes));
  clab_plan_set_runs (plan, reps);
  native = clab_plan_copy (plan);
  clab_plan_set_runtime (plan, CLAB_RUNTIME_PYTHON);
  clab_plan_set_python (plan, python ());
  result = bench_run_plan (plan, NULL);
  native_result = bench_run_plan (native, NULL);
  bench_print_title ("BP1", "cpu × 4 tasks, W = 2: CPython's GIL against the native engine "
                            "(medians, runs interleaved by the runner)");
  if (clab_result_get_system (result)->python.gil_enabled)
    pass &= check_speedup (result, "python", CLAB_MODE_THREADS, TRUE, 1.15);
  else
    bench_print_note ("python threads", "free-threaded", "", "no GIL to show");
  pass &= check_speedup (result, "python", CLAB_MODE_PROCESS_POOL, FALSE, 1.6);
  pass &= check_speedup (native_result, "native", CLAB_MODE_THREADS, FALSE, 1.8);
  return pass;
}

typedef struct
{
  const char *script;
  char      **args;
} Direct;

/* The article's script run by the interpreter itself; it prints its own elapsed time,
 * from before its first start to after its last join, as the lab's clock does. */
static double
run_direct (gpointer data)
{
  Direct *direct = data;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, g_strdup (python ()));
  g_ptr_array_add (argv, g_build_filename (g_getenv ("CLAB_BENCH_DIR"), direct->script, NULL));
  for (guint i = 0; direct->args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (direct->args[i]));
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                     NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", direct->script, error->message);
  return g_ascii_strtod (out, NULL);
}

static gboolean
bench_article (const char *name,
               const char *script,
               const char *args,
               ClabMode    mode,
               guint       tasks,
               guint       workers,
               guint       reps)
{
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_SLEEP, 2, tasks, workers, mode);
  g_auto(GStrv) split = g_strsplit (args, " ", -1);
  Direct direct = { script, split };
  double lab, wall, base;

  clab_plan_set_runtime (plan, CLAB_RUNTIME_PYTHON);
  clab_plan_set_python (plan, python ());
  bench_compare (plan, reps, run_direct, &direct, &lab, &wall, &base);
  return bench_check_ratio (name, lab, base, 1, 1.02);
}

int
main (int   argc,
      char *argv[])
{
  guint reps = bench_repetitions (3);
  guint pool_workers = MAX (2, g_get_num_processors () - 1);
  g_autofree char *pool_args = g_strdup_printf ("10 2 %u", pool_workers);
  gboolean pass = TRUE;

  pass &= bench_gil (reps);
  bench_print_title ("BP2", "the article's examples through the lab against the same code "
                            "run directly (median elapsed, alternating)");
  pass &= bench_article ("threading: 2 threads × sleep 2 s", "article-threading.py", "2 2",
                         CLAB_MODE_THREADS, 2, 2, reps);
  pass &= bench_article ("Process: 2 processes × sleep 2 s", "article-multiprocessing.py", "2 2",
                         CLAB_MODE_PROCESSES, 2, 2, reps);
  pass &= bench_article ("Pool: 10 tasks × sleep 2 s", "article-pool.py", pool_args,
                         CLAB_MODE_PROCESS_POOL, 10, pool_workers, reps);
  return bench_finish ("BP", pass);
}
