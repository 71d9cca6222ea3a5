/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <time.h>

#include "bench-common.h"

/*
 * B1: the thread-pool mode on 20,000 empty tasks against a minimal hand-written pool. The
 * same pool also runs with records of every task (two CLOCK_MONOTONIC reads and two, or
 * one, reads of the thread's CPU clock per task), and GLib's GThreadPool runs bare, one
 * item per task: they show what the lab avoids (it takes tasks from its own FIFO on W
 * GThreadPool threads and reads a thread's CPU clock once per span of short tasks,
 * clab-cpu-span.h).
 */

#define N_TASKS 20000
#define TARGET  1.3

/* W threads, one mutex and one condition over an array queue. */
typedef struct
{
  pthread_mutex_t         mutex;
  pthread_cond_t          cond;
  guint                  *queue;
  guint                   head;
  guint                   tail;
  guint                   waiting;
  gboolean                closed;
  const ClabWorkloadSpec *spec;
  guint                   cpu_reads;   /* 0: no record at all; 1 or 2 reads per task */
  ClabTask               *tasks;
  gint64                  t0_ns;
} MiniPool;

static gboolean
mini_pool_pop (MiniPool *pool,
               guint    *index)
{
  gboolean got;

  pthread_mutex_lock (&pool->mutex);
  while (pool->head == pool->tail && !pool->closed)
    {
      pool->waiting++;
      pthread_cond_wait (&pool->cond, &pool->mutex);
      pool->waiting--;
    }
  got = pool->head != pool->tail;
  if (got)
    *index = pool->queue[pool->head++];
  pthread_mutex_unlock (&pool->mutex);
  return got;
}

/* With one read, a task's CPU time starts at the end of the thread's previous task. */
static void
run_recorded (MiniPool *pool,
              guint     index,
              double   *cpu_mark)
{
  ClabTask *task = &pool->tasks[index];
  double cpu0 = pool->cpu_reads == 2 || isnan (*cpu_mark) ? clab_thread_cpu_s () : *cpu_mark;
  gint64 start = clab_monotonic_ns ();

  clab_workload_run (pool->spec, index, NULL, &task->checksum, NULL);
  task->end_s = (clab_monotonic_ns () - pool->t0_ns) / 1e9;
  task->start_s = (start - pool->t0_ns) / 1e9;
  *cpu_mark = clab_thread_cpu_s ();
  task->cpu_s = *cpu_mark - cpu0;
  task->status = CLAB_TASK_OK;
}

static void *
mini_pool_worker (void *data)
{
  MiniPool *pool = data;
  double cpu_mark = NAN;
  guint index;

  while (mini_pool_pop (pool, &index))
    {
      if (pool->cpu_reads == 0)
        clab_workload_run (pool->spec, index, NULL, &pool->tasks[index].checksum, NULL);
      else
        run_recorded (pool, index, &cpu_mark);
    }
  return NULL;
}

static void
mini_pool_push (MiniPool *pool,
                guint     index)
{
  pthread_mutex_lock (&pool->mutex);
  pool->queue[pool->tail++] = index;
  if (pool->waiting > 0)
    pthread_cond_signal (&pool->cond);
  pthread_mutex_unlock (&pool->mutex);
}

static void
mini_pool_close (MiniPool *pool)
{
  pthread_mutex_lock (&pool->mutex);
  pool->closed = TRUE;
  pthread_cond_broadcast (&pool->cond);
  pthread_mutex_unlock (&pool->mutex);
}

typedef struct
{
  const ClabWorkloadSpec *spec;
  guint                   workers;
} Setup;

/* Starts the pool, feeds it every task, waits for the end: what the executor does. */
static double
run_mini_pool (Setup *setup,
               guint  cpu_reads)
{
  g_autofree pthread_t *threads = g_new (pthread_t, setup->workers);
  g_autofree guint *queue = g_new (guint, N_TASKS);
  g_autofree ClabTask *tasks = g_new0 (ClabTask, N_TASKS);
  MiniPool pool = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, queue, 0, 0, 0,
                    FALSE, setup->spec, cpu_reads, tasks, clab_monotonic_ns () };
  double start = bench_now_s ();

  for (guint i = 0; i < setup->workers; i++)
    pthread_create (&threads[i], NULL, mini_pool_worker, &pool);
  for (guint i = 0; i < N_TASKS; i++)
    mini_pool_push (&pool, i);
  mini_pool_close (&pool);
  for (guint i = 0; i < setup->workers; i++)
    pthread_join (threads[i], NULL);
  return bench_now_s () - start;
}

static double
mini_pool_cb (gpointer data)
{
  return run_mini_pool (data, 0);
}

static double
mini_pool_two_reads_cb (gpointer data)
{
  return run_mini_pool (data, 2);
}

static double
mini_pool_one_read_cb (gpointer data)
{
  return run_mini_pool (data, 1);
}

typedef struct
{
  const ClabWorkloadSpec *spec;
  guint64                *checksums;
} BarePool;

static void
bare_pool_func (gpointer data,
                gpointer user_data)
{
  BarePool *bare = user_data;
  guint index = GPOINTER_TO_UINT (data) - 1;

  clab_workload_run (bare->spec, index, NULL, &bare->checksums[index], NULL);
}

/* GLib's GThreadPool, which the executor uses, with nothing of the lab around the task. */
static double
gthreadpool_cb (gpointer data)
{
  Setup *setup = data;
  g_autofree guint64 *checksums = g_new0 (guint64, N_TASKS);
  BarePool bare = { setup->spec, checksums };
  double start = bench_now_s ();
  GThreadPool *pool = g_thread_pool_new (bare_pool_func, &bare, setup->workers, TRUE, NULL);

  for (guint i = 0; i < N_TASKS; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  return bench_now_s () - start;
}

/* What one read of a clock costs here: the floor of what recording a task can cost. */
static double
time_clock_read (clockid_t clock)
{
  const guint n = 200000;
  struct timespec ts;
  double start = bench_now_s ();

  for (guint i = 0; i < n; i++)
    clock_gettime (clock, &ts);
  return (bench_now_s () - start) / n;
}

int
main (int   argc,
      char *argv[])
{
  guint workers = MAX (1, g_get_num_processors ());
  guint reps = bench_repetitions (11);
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_CPU, 0, N_TASKS, workers,
                                             CLAB_MODE_THREAD_POOL);
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_CPU, 0, NULL };
  Setup setup = { &spec, workers };
  const BenchBaseline baselines[] = { mini_pool_cb, gthreadpool_cb, mini_pool_two_reads_cb,
                                      mini_pool_one_read_cb };
  double lab_s, wall_s, base_s[G_N_ELEMENTS (baselines)];
  g_autofree char *title = NULL;
  gboolean pass;

  bench_compare_many (plan, reps, G_N_ELEMENTS (baselines), baselines, &setup,
                      &lab_s, &wall_s, base_s);
  title = g_strdup_printf ("thread-pool, %d empty tasks, W = %u; baseline: mutex + condition "
                           "pthread pool (median of %u, rotating)", N_TASKS, workers, reps);
  bench_print_title ("B1", title);
  pass = bench_check_ratio ("run elapsed, per task", lab_s, base_s[0], N_TASKS, TARGET);
  bench_print_info ("whole clab_runner_run, per task", wall_s, base_s[0], N_TASKS);
  bench_print_info ("bare GThreadPool", base_s[1], base_s[0], N_TASKS);
  bench_print_info ("pool + lab's records, 2 CPU reads", base_s[2], base_s[0], N_TASKS);
  bench_print_info ("pool + lab's records, 1 CPU read", base_s[3], base_s[0], N_TASKS);
  bench_print_info ("run elapsed vs pool + 2 CPU reads", lab_s, base_s[2], N_TASKS);
  bench_print_info ("one CLOCK_MONOTONIC read", time_clock_read (CLOCK_MONOTONIC),
                    base_s[0] / N_TASKS, 1);
  bench_print_info ("one CLOCK_THREAD_CPUTIME_ID read",
                    time_clock_read (CLOCK_THREAD_CPUTIME_ID), base_s[0] / N_TASKS, 1);
  return bench_finish ("B1", pass);
}
