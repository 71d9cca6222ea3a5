/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pthread.h>

#include "bench-common.h"

/* B2: the threads mode, one thread per empty task, against bare pthread_create + join. */

#define N_TASKS 2000
#define TARGET  1.3

typedef struct
{
  const ClabWorkloadSpec *spec;
  guint                   index;
  guint64                 checksum;
} Job;

static void *
job_main (void *data)
{
  Job *job = data;

  clab_workload_run (job->spec, job->index, NULL, &job->checksum, NULL);
  return NULL;
}

/* Every thread started before the first join, as the executor does. */
static double
run_baseline (const ClabWorkloadSpec *spec)
{
  g_autofree pthread_t *threads = g_new (pthread_t, N_TASKS);
  g_autofree Job *jobs = g_new0 (Job, N_TASKS);
  double start = bench_now_s ();

  for (guint i = 0; i < N_TASKS; i++)
    {
      jobs[i] = (Job) { spec, i, 0 };
      if (pthread_create (&threads[i], NULL, job_main, &jobs[i]) != 0)
        g_error ("pthread_create failed");
    }
  for (guint i = 0; i < N_TASKS; i++)
    pthread_join (threads[i], NULL);
  return bench_now_s () - start;
}

static double
baseline_cb (gpointer data)
{
  return run_baseline (data);
}

int
main (int   argc,
      char *argv[])
{
  guint reps = bench_repetitions (11);
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_CPU, 0, N_TASKS, 1,
                                             CLAB_MODE_THREADS);
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_CPU, 0, NULL };
  g_autofree char *title = NULL;
  double lab_s, wall_s, base_s;
  gboolean pass;

  bench_compare (plan, reps, baseline_cb, &spec, &lab_s, &wall_s, &base_s);
  title = g_strdup_printf ("threads, %d empty tasks; baseline: bare pthread_create + "
                           "pthread_join (median of %u, alternating)", N_TASKS, reps);
  bench_print_title ("B2", title);
  pass = bench_check_ratio ("run elapsed, per task", lab_s, base_s, N_TASKS, TARGET);
  bench_print_info ("whole clab_runner_run, per task", wall_s, base_s, N_TASKS);
  return bench_finish ("B2", pass);
}
