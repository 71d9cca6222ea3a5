/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pthread.h>
#include <stdio.h>

#include "bench-common.h"

/* B6: cpu work, 8 tasks × 200 units on 2 workers: both pools against sequential. */

#define N_TASKS 8
#define SIZE    200
#define WORKERS 2
#define TARGET  1.85

/* The reference: two bare pthreads sharing the same FIFO of the same tasks, which shows
 * what speedup this machine offers at the moment, whatever the lab does. */
typedef struct
{
  const ClabWorkloadSpec *spec;
  guint                   next;
  guint64                 checksums[N_TASKS];
} Reference;

static void *
reference_main (void *data)
{
  Reference *ref = data;
  guint i;

  while ((i = g_atomic_int_add (&ref->next, 1)) < N_TASKS)
    clab_workload_run (ref->spec, i, NULL, &ref->checksums[i], NULL);
  return NULL;
}

static double
run_reference (const ClabWorkloadSpec *spec)
{
  Reference ref = { spec, 0, { 0 } };
  pthread_t threads[WORKERS];
  double start = bench_now_s ();

  for (guint i = 0; i < WORKERS; i++)
    pthread_create (&threads[i], NULL, reference_main, &ref);
  for (guint i = 0; i < WORKERS; i++)
    pthread_join (threads[i], NULL);
  return bench_now_s () - start;
}

static void
append_elapsed (GArray     *series,
                ClabResult *result,
                ClabMode    mode)
{
  g_autoptr(GPtrArray) runs = bench_counted_runs (result, mode);

  g_array_append_val (series, ((ClabRun *) g_ptr_array_index (runs, 0))->elapsed_s);
}

/* @target 0 prints the row as a reference, without a verdict. */
static gboolean
print_speedup (const char *figure,
               double      sequential_s,
               double      parallel_s,
               double      target)
{
  g_autofree char *measured = g_strdup_printf ("%.4f s", parallel_s);
  g_autofree char *baseline = g_strdup_printf ("%.4f s", sequential_s);
  g_autofree char *ratio = g_strdup_printf ("%.3f", sequential_s / parallel_s);
  g_autofree char *limit = g_strdup_printf ("≥ %.2f", target);

  if (target == 0)
    {
      bench_print_note (figure, measured, baseline, ratio);
      return TRUE;
    }
  return bench_print_row (figure, measured, baseline, ratio, limit,
                          sequential_s / parallel_s >= target);
}

int
main (int   argc,
      char *argv[])
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREAD_POOL,
                             CLAB_MODE_PROCESS_POOL };
  guint reps = bench_repetitions (5);
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_CPU, SIZE, N_TASKS, WORKERS,
                                             CLAB_MODE_SEQUENTIAL);
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_CPU, SIZE, NULL };
  GArray *series[G_N_ELEMENTS (modes) + 1];
  g_autofree char *title = NULL;
  gboolean pass = TRUE;

  if (g_get_num_processors () < WORKERS)
    {
      printf ("B6: skipped, the target is for %d CPUs and this machine has %u\n",
              WORKERS, g_get_num_processors ());
      return 77;
    }
  clab_plan_set_modes (plan, modes, G_N_ELEMENTS (modes));
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    series[i] = g_array_new (FALSE, FALSE, sizeof (double));
  /* Round 0 warms up; the runner interleaves its modes, the reference follows each round. */
  for (guint r = 0; r <= reps; r++)
    {
      g_autoptr(ClabResult) result = bench_run_plan (plan, NULL);
      double ref_s = run_reference (&spec);

      if (r == 0)
        continue;
      for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
        append_elapsed (series[m], result, modes[m]);
      g_array_append_val (series[G_N_ELEMENTS (modes)], ref_s);
    }

  title = g_strdup_printf ("cpu, %d tasks × %d units, W = %d; baseline: sequential "
                           "(median of %u rounds, interleaved)", N_TASKS, SIZE, WORKERS, reps);
  bench_print_title ("B6", title);
  pass &= print_speedup ("thread-pool speedup", bench_median (series[0]),
                         bench_median (series[1]), TARGET);
  pass &= print_speedup ("process-pool speedup", bench_median (series[0]),
                         bench_median (series[2]), TARGET);
  print_speedup ("reference: 2 bare pthreads", bench_median (series[0]),
                 bench_median (series[3]), 0);
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    g_array_unref (series[i]);
  return bench_finish ("B6", pass);
}
