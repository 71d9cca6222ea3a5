/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "clab-run-feed.h"
#include "clab-runner.h"
#include "test-run-helpers.h"
#include "clab-workload.h"

static char *tmpdir;

static ClabPlan *
make_plan (ClabWorkloadKind  kind,
           double            size,
           guint             tasks,
           guint             workers,
           const char       *modes)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, kind);
  clab_plan_set_size (plan, size);
  clab_plan_set_tasks (plan, tasks);
  clab_plan_set_workers (plan, workers);
  clab_plan_set_runs (plan, 1);
  clab_plan_set_warmup (plan, 0);
  clab_plan_set_sample_interval_ms (plan, 20);
  g_assert_true (clab_plan_parse_modes (plan, modes, NULL));
  return plan;
}

#define ALL_MODES "sequential,threads,thread-pool,processes,process-pool"

/* Every workload in every mode: each task exactly once, ok, with the same checksum. */
static void
test_checksums_agree (void)
{
  struct { ClabWorkloadKind kind; double size; } cases[] = {
    { CLAB_WORKLOAD_SLEEP, 0.01 }, { CLAB_WORKLOAD_CPU, 2 }, { CLAB_WORKLOAD_LOCK, 2 },
    { CLAB_WORKLOAD_IO, 1 }, { CLAB_WORKLOAD_MEMORY, 4 }, { CLAB_WORKLOAD_COMMAND, 0 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(ClabPlan) plan = make_plan (cases[c].kind, cases[c].size, 5, 2, ALL_MODES);
      g_autoptr(ClabResult) result = NULL;
      ClabRun *reference;

      if (cases[c].kind == CLAB_WORKLOAD_COMMAND)
        clab_plan_set_command (plan, "true");
      result = test_run_plan (plan);
      reference = test_first_run (result, CLAB_MODE_SEQUENTIAL);
      for (ClabMode m = 0; m < CLAB_N_MODES; m++)
        {
          ClabRun *run = test_first_run (result, m);

          g_assert_cmpuint (run->tasks->len, ==, 5);
          for (guint i = 0; i < run->tasks->len; i++)
            {
              ClabTask *task = &g_array_index (run->tasks, ClabTask, i);
              ClabTask *ref = &g_array_index (reference->tasks, ClabTask, i);

              g_assert_cmpuint (task->index, ==, i);
              g_assert_cmpint (task->status, ==, CLAB_TASK_OK);
              g_assert_cmpuint (task->checksum, ==, ref->checksum);
              g_assert_cmpfloat (task->start_s, <=, task->end_s);
              g_assert_cmpfloat (task->end_s, <=, run->elapsed_s + 1e-6);
              g_assert_cmpfloat (task->submit_s, <=, task->start_s + 1e-6);
            }
          g_assert_cmpfloat (run->ideal_s + run->overhead_s, <=, run->elapsed_s + 1e-6);
        }
    }
}

static guint
max_overlap (ClabRun *run)
{
  guint best = 0;

  /* The most tasks running at any task's start. */
  for (guint i = 0; i < run->tasks->len; i++)
    {
      ClabTask *a = &g_array_index (run->tasks, ClabTask, i);
      guint n = 0;

      for (guint j = 0; j < run->tasks->len; j++)
        {
          ClabTask *b = &g_array_index (run->tasks, ClabTask, j);
          if (b->start_s <= a->start_s && a->start_s < b->end_s)
            n++;
        }
      best = MAX (best, n);
    }
  return best;
}

static guint
count_lanes (ClabRun *run)
{
  g_autoptr(GHashTable) lanes = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < run->tasks->len; i++)
    g_hash_table_add (lanes, &g_array_index (run->tasks, ClabTask, i).worker);
  return g_hash_table_size (lanes);
}

static void
test_concurrency_limit (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.03, 9, 3, ALL_MODES);
  g_autoptr(ClabResult) result = test_run_plan (plan);

  g_assert_cmpuint (max_overlap (test_first_run (result, CLAB_MODE_SEQUENTIAL)), ==, 1);
  g_assert_cmpuint (max_overlap (test_first_run (result, CLAB_MODE_THREAD_POOL)), <=, 3);
  g_assert_cmpuint (max_overlap (test_first_run (result, CLAB_MODE_PROCESS_POOL)), <=, 3);
  g_assert_cmpuint (count_lanes (test_first_run (result, CLAB_MODE_THREAD_POOL)), <=, 3);
  g_assert_cmpuint (count_lanes (test_first_run (result, CLAB_MODE_PROCESS_POOL)), <=, 3);
  /* A process per task: every task has a pid of its own. */
  g_assert_cmpuint (count_lanes (test_first_run (result, CLAB_MODE_PROCESSES)), ==, 9);
  /* The per-task modes are not limited by the workers: sleeps all overlap. (Processes
   * start too slowly for 30 ms sleeps to overlap on a busy machine or under a sanitizer:
   * /runner/per-task-modes-alike shows theirs with longer sleeps.) */
  g_assert_cmpuint (max_overlap (test_first_run (result, CLAB_MODE_THREADS)), >, 3);
}

static ClabRun *
fastest_run (ClabResult *result,
             ClabMode    mode)
{
  ClabModeResult *mr = clab_result_find_mode (result, mode);
  ClabRun *best = NULL;

  g_assert_nonnull (mr);
  for (guint i = 0; i < mr->runs->len; i++)
    {
      ClabRun *run = g_ptr_array_index (mr->runs, i);
      if (best == NULL || run->elapsed_s < best->elapsed_s)
        best = run;
    }
  g_assert_nonnull (best);
  return best;
}

static double
last_start_s (ClabRun *run)
{
  double last = 0;

  for (guint i = 0; i < run->tasks->len; i++)
    last = MAX (last, g_array_index (run->tasks, ClabTask, i).start_s);
  return last;
}

/* Six empty tasks in the processes mode: what starting and ending their processes costs. */
static double
empty_processes_s (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0, 6, 2, "processes");
  g_autoptr(ClabResult) result = NULL;

  clab_plan_set_runs (plan, 3);
  result = test_run_plan (plan);
  return fastest_run (result, CLAB_MODE_PROCESSES)->elapsed_s;
}

/* Whether the processes' own start and end, not the modes' terms, explain a gap: a worker
 * takes some 13 ms of CPU to start (a sanitizer build's more, as it looks for leaks when
 * it exits), which other programs on the cores stretch. */
static char *
dup_process_cost_excuse (ClabRun *processes)
{
  double started = last_start_s (processes), empty;

  if (started > 0.05)
    return g_strdup_printf ("starting the processes took %.0f ms here", started * 1000);
  empty = empty_processes_s ();
  if (empty > 0.05)
    return g_strdup_printf ("six empty processes take %.0f ms here", empty * 1000);
  return NULL;
}

/* The article's terms: a thread or a process per task, all at once, whatever W. Six
 * sleeps of 0.5 s on W = 2 take 0.5 s in both modes, not 1.5 s in one of them. */
static void
test_per_task_modes_alike (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.5, 6, 2, "threads,processes");
  g_autoptr(ClabResult) result = NULL;
  g_autofree char *excuse = NULL;
  ClabRun *threads, *processes;

  clab_plan_set_runs (plan, 3);
  result = test_run_plan (plan);
  threads = fastest_run (result, CLAB_MODE_THREADS);
  processes = fastest_run (result, CLAB_MODE_PROCESSES);
  g_test_message ("threads %.3f s, processes %.3f s, the last process started at %.3f s",
                  threads->elapsed_s, processes->elapsed_s, last_start_s (processes));
  g_assert_cmpuint (max_overlap (threads), ==, 6);
  g_assert_cmpuint (max_overlap (processes), ==, 6);
  g_assert_cmpfloat (threads->elapsed_s, <, 1.0);
  if (fabs (processes->elapsed_s - threads->elapsed_s) > 0.1 &&
      (excuse = dup_process_cost_excuse (processes)) != NULL)
    {
      g_test_skip (excuse);
      return;
    }
  g_assert_cmpfloat (processes->elapsed_s, <, 1.0);
  g_assert_cmpfloat_with_epsilon (threads->elapsed_s, processes->elapsed_s, 0.1);
}

/* Thirty workers at once hold about ninety descriptors: more than a soft limit of 64
 * allows, which the run lifts to the hard limit that plan validation counts on. */
static void
test_open_file_limit (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.2, 30, 2, "processes");
  g_autoptr(ClabResult) result = NULL;
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  if (limit.rlim_max < 256)
    {
      g_test_skip ("the hard limit of open files is below 256");
      return;
    }
  limit.rlim_cur = 64;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  result = test_run_plan (plan);
  g_assert_cmpuint (clab_run_count_status (test_first_run (result, CLAB_MODE_PROCESSES),
                                           CLAB_TASK_OK), ==, 30);
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  g_assert_cmpuint (limit.rlim_cur, ==, limit.rlim_max);
}

static void
test_pool_is_fifo (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.005, 8, 1,
                                        "thread-pool,process-pool");
  g_autoptr(ClabResult) result = test_run_plan (plan);

  for (ClabMode m = CLAB_MODE_THREAD_POOL; m <= CLAB_MODE_PROCESS_POOL; m += 2)
    {
      ClabRun *run = test_first_run (result, m);
      for (guint i = 1; i < run->tasks->len; i++)
        g_assert_cmpfloat (g_array_index (run->tasks, ClabTask, i - 1).end_s, <=,
                           g_array_index (run->tasks, ClabTask, i).start_s);
    }
}

static char *
write_script (const char *name,
              const char *body)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\n%s\n", body);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_chmod (path, 0755);
  return g_steal_pointer (&path);
}

static void
assert_all_failed (const char *worker_path,
                   const char *expected)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0, 3, 2, "processes,process-pool");
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);
  g_autoptr(ClabResult) result = NULL;

  clab_runner_set_worker_path (runner, worker_path);
  result = clab_runner_run (runner, NULL, NULL);
  g_assert_nonnull (result);
  for (ClabMode m = CLAB_MODE_PROCESSES; m <= CLAB_MODE_PROCESS_POOL; m++)
    {
      ClabRun *run = test_first_run (result, m);

      g_assert_cmpuint (clab_run_count_status (run, CLAB_TASK_FAILED), ==, 3);
      for (guint i = 0; i < 3; i++)
        {
          const char *reason = g_array_index (run->tasks, ClabTask, i).reason;
          g_assert_nonnull (reason);
          if (strstr (reason, expected) == NULL)
            g_test_message ("reason: %s", reason);
          g_assert_nonnull (strstr (reason, expected));
        }
    }
}

static void
test_crashing_worker (void)
{
  g_autofree char *crash = write_script ("crash.sh", "kill -SEGV $$");
  g_autofree char *fail = write_script ("fail.sh", "exit 3");
  g_autofree char *missing = g_build_filename (tmpdir, "no-such-worker", NULL);

  assert_all_failed (crash, "signal 11");
  assert_all_failed (fail, "status 3");
  assert_all_failed (missing, "No such file");
}

static guint
count_children (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%s/stat", name);
      g_autofree char *stat = NULL;
      const char *p;
      int ppid;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      if ((p = strrchr (stat, ')')) != NULL && sscanf (p + 2, "%*c %d", &ppid) == 1 &&
          ppid == getpid ())
        n++;
    }
  return n;
}

typedef struct
{
  GMainLoop  *loop;
  ClabResult *result;
  guint       first_done;
  guint       last_done;
  guint       last_total;
  guint       n_progress;
} AsyncData;

static void
done_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  AsyncData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->result = clab_runner_run_finish (CLAB_RUNNER (source), res, &error);
  g_assert_no_error (error);
  g_main_loop_quit (data->loop);
}

static void
progress_cb (ClabRunner *runner,
             guint       done,
             guint       total,
             AsyncData  *data)
{
  g_assert_cmpuint (done, >=, data->last_done);
  g_assert_cmpuint (done, <=, total);
  if (data->n_progress == 0)
    data->first_done = done;
  data->last_done = done;
  data->last_total = total;
  data->n_progress++;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
run_async (ClabPlan     *plan,
           GCancellable *cancellable,
           AsyncData    *data)
{
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);

  data->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (runner, "progress", G_CALLBACK (progress_cb), data);
  clab_runner_run_async (runner, cancellable, done_cb, data);
  g_main_loop_run (data->loop);
  g_main_loop_unref (data->loop);
}

static void
test_progress (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 1, 6, 2, "sequential,process-pool");
  AsyncData data = { 0 };

  clab_plan_set_runs (plan, 2);
  run_async (plan, NULL, &data);
  g_assert_nonnull (data.result);
  g_assert_cmpuint (data.n_progress, >, 0);
  g_assert_cmpuint (data.last_total, ==, 6 * 2 * 2);
  g_assert_cmpuint (data.last_done, ==, data.last_total);
  g_assert_false (clab_result_get_cancelled (data.result));
  g_clear_object (&data.result);
}

/* A run says it has begun before its first task ends: "0 of 2", not "Starting…" for as long
 * as a task takes. */
static void
test_progress_from_start (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 1, 2, 1, "sequential");
  AsyncData data = { 0 };

  run_async (plan, NULL, &data);
  g_assert_cmpuint (data.n_progress, >=, 2);
  g_assert_cmpuint (data.first_done, ==, 0);
  g_assert_cmpuint (data.last_done, ==, 2);
  g_clear_object (&data.result);
}

static guint
count_tmp_files (void)
{
  g_autoptr(GDir) d = g_dir_open (tmpdir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, "concurrency-lab-io-");
  return n;
}

static void
assert_cancel_cleans_up (ClabWorkloadKind  kind,
                         double            size,
                         const char       *mode)
{
  g_autoptr(ClabPlan) plan = make_plan (kind, size, 4, 2, mode);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncData data = { 0 };
  gint64 t0 = g_get_monotonic_time ();
  ClabMode m;

  g_assert_true (clab_mode_from_string (mode, &m));
  g_timeout_add (300, cancel_cb, cancellable);
  run_async (plan, cancellable, &data);
  /* Generous bound: the tasks would take minutes. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
  g_assert_nonnull (data.result);
  g_assert_true (clab_result_get_cancelled (data.result));
  g_assert_cmpuint (clab_run_count_status (test_first_run (data.result, m), CLAB_TASK_OK), <, 4);
  g_assert_cmpuint (count_children (), ==, 0);
  g_assert_cmpuint (count_tmp_files (), ==, 0);
  g_clear_object (&data.result);
}

static void
test_cancel (void)
{
  const char *modes[] = { "sequential", "threads", "thread-pool", "processes", "process-pool" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      assert_cancel_cleans_up (CLAB_WORKLOAD_SLEEP, 120, modes[i]);
      assert_cancel_cleans_up (CLAB_WORKLOAD_CPU, 200000, modes[i]);
      assert_cancel_cleans_up (CLAB_WORKLOAD_IO, 4000, modes[i]);
    }
}

static gboolean
burn_cb (gpointer user_data)
{
  gint64 end = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < end)
    ;
  return G_SOURCE_REMOVE;
}

/* A window that draws while the run goes on is not part of the run's CPU time. */
static void
test_caller_cpu_excluded (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.6, 1, 1, "sequential");
  AsyncData data = { 0 };
  ClabRun *run;
  double sum_run_pct = 0;

  g_timeout_add (100, burn_cb, NULL);
  run_async (plan, NULL, &data);
  run = test_first_run (data.result, CLAB_MODE_SEQUENTIAL);
  /* The main thread burned 0.3 s; the run itself only slept. */
  g_assert_cmpfloat (run->cpu_user_s + run->cpu_system_s, <, 0.1);
  for (guint i = 0; i < run->samples->len; i++)
    sum_run_pct += g_array_index (run->samples, ClabSample, i).run_pct;
  /* Counted, the burn would average 25 % of 2 CPUs; single samples jitter by a 10 ms tick. */
  g_assert_cmpuint (run->samples->len, >, 0);
  g_assert_cmpfloat (sum_run_pct / run->samples->len, <, 10);
  g_clear_object (&data.result);
}

#define SPIN_COMMAND "sh -c 'i=0; while [ $i -lt 60000 ]; do i=$((i+1)); done'"

static double
children_cpu_s (void)
{
  struct rusage usage;

  g_assert_no_errno (getrusage (RUSAGE_CHILDREN, &usage));
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* A command's processes are the run's, in every mode: its CPU time, the samples while it
 * runs, and its task's CPU time. Both used to leave it out where the lab's own threads start it (0 % CPU, and
 * "other programs used" its share), and the samples left it out in the process modes. */
static void
test_command_cpu_counted (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_COMMAND, 0, 2, 2, ALL_MODES);
  g_auto(GStrv) argv = NULL;
  g_autoptr(ClabResult) result = NULL;
  double before = children_cpu_s (), one;

  g_assert_true (g_shell_parse_argv (SPIN_COMMAND, NULL, &argv, NULL));
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               NULL, NULL));
  one = children_cpu_s () - before;
  clab_plan_set_command (plan, SPIN_COMMAND);
  result = test_run_plan (plan);
  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    {
      ClabRun *run = test_first_run (result, mode);
      double cpu = run->cpu_user_s + run->cpu_system_s;

      g_test_message ("%s: one command %.3f s, the run's CPU %.3f s, sampled %.3f s",
                      clab_mode_to_string (mode), one, cpu, test_sampled_cpu_s (run));
      /* A shell loop's CPU time varies by a third with what else runs; without the
       * command, the run's CPU was 0.003 s, and its samples held a fifth of it. */
      g_assert_cmpfloat (cpu, >=, 0.5 * 2 * one);
      g_assert_cmpfloat (test_sampled_cpu_s (run), >=, 0.6 * cpu);
      /* Each task's own CPU time holds its command's too: it was 0 where the lab's threads
       * start the command, and the command's where a worker does. */
      for (guint i = 0; i < run->tasks->len; i++)
        g_assert_cmpfloat (g_array_index (run->tasks, ClabTask, i).cpu_s, >=, 0.5 * one);
    }
}

static void
test_invalid_plan (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 1, 2, 2, "threads");
  g_autoptr(ClabRunner) runner = NULL;
  g_autoptr(GError) error = NULL;

  clab_plan_set_workers (plan, 5000);
  runner = clab_runner_new (plan);
  g_assert_null (clab_runner_run (runner, NULL, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
}

static void
test_warmup_and_interleave (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 1, 2, 2, "sequential,threads");
  g_autoptr(ClabResult) result = NULL;
  ClabModeResult *seq, *thr;

  clab_plan_set_runs (plan, 3);
  clab_plan_set_warmup (plan, 1);
  result = test_run_plan (plan);
  seq = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL);
  thr = clab_result_find_mode (result, CLAB_MODE_THREADS);
  g_assert_cmpuint (seq->runs->len, ==, 4);
  g_assert_true (((ClabRun *) g_ptr_array_index (seq->runs, 0))->warmup);
  g_assert_false (((ClabRun *) g_ptr_array_index (seq->runs, 1))->warmup);
  g_assert_cmpuint (seq->stats.n_runs, ==, 3);
  g_assert_cmpuint (thr->stats.n_runs, ==, 3);
}

#define FEED_PRODUCERS 4
#define FEED_SAMPLES   5000

typedef struct
{
  ClabRunFeed *feed;
  ClabMode     mode;
} FeedProducer;

static gpointer
feed_producer_main (gpointer data)
{
  FeedProducer *producer = data;

  for (guint i = 0; i < FEED_SAMPLES; i++)
    {
      ClabSample sample = { .t_s = i };
      clab_run_feed_push_sample (producer->feed, producer->mode, &sample);
      clab_run_feed_tasks_done (producer->feed, 1);
    }
  return NULL;
}

static guint
feed_consume (ClabRunFeed *feed,
              double       next[])
{
  g_autoptr(GArray) batch = clab_run_feed_take_samples (feed);

  for (guint i = 0; batch != NULL && i < batch->len; i++)
    {
      ClabRunFeedSample *e = &g_array_index (batch, ClabRunFeedSample, i);
      /* Each producer's samples arrive once, in the order it pushed them. */
      g_assert_cmpfloat (e->sample.t_s, ==, next[e->mode]);
      next[e->mode]++;
    }
  return batch != NULL ? batch->len : 0;
}

/* Producers on several threads, a consumer taking while they push: nothing is lost,
 * duplicated or reordered. */
static void
test_feed (void)
{
  g_autoptr(ClabRunFeed) feed = clab_run_feed_new ();
  FeedProducer producers[FEED_PRODUCERS];
  GThread *threads[FEED_PRODUCERS];
  double next[FEED_PRODUCERS] = { 0 };
  guint taken = 0;

  g_assert_null (clab_run_feed_take_samples (feed));
  for (guint p = 0; p < FEED_PRODUCERS; p++)
    {
      producers[p] = (FeedProducer) { feed, (ClabMode) p };
      threads[p] = g_thread_new ("feed-producer", feed_producer_main, &producers[p]);
    }
  while (clab_run_feed_get_done (feed) < FEED_PRODUCERS * FEED_SAMPLES)
    taken += feed_consume (feed, next);
  for (guint p = 0; p < FEED_PRODUCERS; p++)
    g_thread_join (threads[p]);
  taken += feed_consume (feed, next);

  g_assert_cmpuint (taken, ==, FEED_PRODUCERS * FEED_SAMPLES);
  for (guint p = 0; p < FEED_PRODUCERS; p++)
    g_assert_cmpfloat (next[p], ==, FEED_SAMPLES);
  g_assert_cmpuint (clab_run_feed_get_done (feed), ==, FEED_PRODUCERS * FEED_SAMPLES);
}

int
main (int   argc,
      char *argv[])
{
  tmpdir = test_make_scratch ("clab-test-runner-XXXXXX");
  g_setenv ("TMPDIR", tmpdir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/runner/checksums-agree", test_checksums_agree);
  g_test_add_func ("/runner/concurrency-limit", test_concurrency_limit);
  g_test_add_func ("/runner/per-task-modes-alike", test_per_task_modes_alike);
  g_test_add_func ("/runner/open-file-limit", test_open_file_limit);
  g_test_add_func ("/runner/pool-is-fifo", test_pool_is_fifo);
  g_test_add_func ("/runner/crashing-worker", test_crashing_worker);
  g_test_add_func ("/runner/progress", test_progress);
  g_test_add_func ("/runner/progress-from-start", test_progress_from_start);
  g_test_add_func ("/runner/feed", test_feed);
  g_test_add_func ("/runner/cancel", test_cancel);
  g_test_add_func ("/runner/invalid-plan", test_invalid_plan);
  g_test_add_func ("/runner/caller-cpu-excluded", test_caller_cpu_excluded);
  g_test_add_func ("/runner/command-cpu-counted", test_command_cpu_counted);
  g_test_add_func ("/runner/warmup", test_warmup_and_interleave);
  return test_run_in_scratch (&tmpdir);
}
