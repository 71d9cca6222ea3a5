/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "clab-cpu-span.h"
#include "clab-runner.h"
#include "clab-workload.h"
#include "test-run-helpers.h"

/* Short tasks share one read of their thread's CPU clock (clab-cpu-span.h). Bounds hold
 * on a busy machine: they follow from the clocks, not from how fast anything runs. */

static double
sum (const double *values,
     guint         n)
{
  double total = 0;

  for (guint i = 0; i < n; i++)
    total += values[i];
  return total;
}

static void
test_share_equal (void)
{
  const double wall[] = { 2e-6, 2e-6, 2e-6, 2e-6 };
  double share[4];

  /* On a CPU throughout: each part gets its wall time. */
  clab_cpu_span_share (wall, 4, 8e-6, share);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (share[i], 2e-6, 1e-12);
  /* Half of it off a CPU, nobody knows where: half each. */
  clab_cpu_span_share (wall, 4, 4e-6, share);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (share[i], 1e-6, 1e-12);
}

static void
test_share_water_fill (void)
{
  /* The last part was preempted for most of its 100 µs: the others keep their walls. */
  const double wall[] = { 1e-6, 1e-6, 1e-6, 100e-6 };
  double share[4];

  clab_cpu_span_share (wall, 4, 4e-6, share);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (share[i], 1e-6, 1e-12);
  clab_cpu_span_share (wall, 4, 50e-6, share);
  g_assert_cmpfloat_with_epsilon (share[3], 47e-6, 1e-12);
  g_assert_cmpfloat_with_epsilon (sum (share, 4), 50e-6, 1e-12);
  /* Less than the short parts' walls: the level is below all of them. */
  clab_cpu_span_share (wall, 4, 2e-6, share);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (share[i], 0.5e-6, 1e-12);
}

static void
test_share_edges (void)
{
  const double wall[] = { 1e-6, 3e-6, 0, -1e-6 };
  double share[4];

  /* A hair more CPU than wall time (two clocks): spread by wall, nothing lost. */
  clab_cpu_span_share (wall, 2, 4.4e-6, share);
  g_assert_cmpfloat_with_epsilon (share[0], 1.1e-6, 1e-12);
  g_assert_cmpfloat_with_epsilon (share[1], 3.3e-6, 1e-12);
  /* Parts of no (or a backwards) wall time get nothing; a negative advance shares 0. */
  clab_cpu_span_share (wall, 4, 2e-6, share);
  g_assert_cmpfloat (share[2], ==, 0);
  g_assert_cmpfloat (share[3], ==, 0);
  g_assert_cmpfloat_with_epsilon (sum (share, 4), 2e-6, 1e-12);
  clab_cpu_span_share (wall, 4, -1, share);
  g_assert_cmpfloat (sum (share, 4), ==, 0);
}

/* Spins until the thread's CPU clock has advanced by @cpu_s. */
static void
spin (double cpu_s)
{
  double until = clab_thread_cpu_s () + cpu_s;

  while (clab_thread_cpu_s () < until)
    ;
}

static void
stamp (ClabTask *task,
       gint64    t0_ns,
       gint64    start_ns,
       gint64    end_ns)
{
  task->start_s = (start_ns - t0_ns) / 1e9;
  task->end_s = (end_ns - t0_ns) / 1e9;
}

/* Ten tasks that compute, then one that sleeps: the sleeper's wall time is not CPU time,
 * and none of it is handed to the others. */
static void
test_span_sleeper (void)
{
  ClabTask tasks[11] = { 0 };
  gint64 t0 = clab_monotonic_ns ();
  double cpu0 = clab_thread_cpu_s ();
  double shared = 0;
  ClabCpuSpan span;
  double own;

  clab_cpu_span_start (&span);
  for (guint i = 0; i < 10; i++)
    {
      gint64 start = clab_monotonic_ns ();

      spin (20e-6);
      stamp (&tasks[i], t0, start, clab_monotonic_ns ());
      clab_cpu_span_add (&span, &tasks[i], clab_monotonic_ns ());
    }
  {
    gint64 start = clab_monotonic_ns ();
    gint64 end;

    g_usleep (5000);
    end = clab_monotonic_ns ();
    stamp (&tasks[10], t0, start, end);
    /* 5 ms: the span ends with it, so its own CPU time is known at once. */
    own = clab_cpu_span_add (&span, &tasks[10], end);
  }
  g_assert_false (isnan (own));
  g_assert_cmpuint (span.n, ==, 0);
  for (guint i = 0; i < 11; i++)
    {
      g_assert_cmpfloat (tasks[i].cpu_s, >=, 0);
      g_assert_cmpfloat (tasks[i].cpu_s, <=, tasks[i].end_s - tasks[i].start_s);
      shared += tasks[i].cpu_s;
    }
  g_assert_cmpfloat (own, ==, tasks[10].cpu_s);
  /* The sleeper's CPU time is its share of what the clock saw, not its 5 ms. */
  g_assert_cmpfloat (tasks[10].cpu_s, <, 1e-3);
  g_assert_cmpfloat (shared, <=, clab_thread_cpu_s () - cpu0);
  /* The spinners ran 200 µs of CPU among them: it is theirs, give or take the lab's steps. */
  g_assert_cmpfloat (shared, >=, 150e-6);
}

/* A task of 2 ms after a span's end is alone in its span: its reading is its own. */
static void
test_span_long_task (void)
{
  ClabTask task = { 0 };
  gint64 t0 = clab_monotonic_ns ();
  ClabCpuSpan span;
  gint64 start, end;
  double cpu0, cpu1, own;

  clab_cpu_span_start (&span);
  cpu0 = clab_thread_cpu_s ();
  start = clab_monotonic_ns ();
  spin (2e-3);
  end = clab_monotonic_ns ();
  cpu1 = clab_thread_cpu_s ();
  stamp (&task, t0, start, end);
  own = clab_cpu_span_add (&span, &task, end);
  g_assert_cmpfloat (own, <=, (end - start) / 1e9 + 1e-9);
  g_assert_cmpfloat (own, <=, cpu1 - cpu0 + 50e-6);
  g_assert_cmpfloat (own, >=, 2e-3 - 50e-6);
  g_assert_cmpuint (span.ran, ==, 1);
  /* Nothing left to read at the end. */
  g_assert_true (isnan (clab_cpu_span_end (&span)));
}

static ClabPlan *
make_plan (double       size,
           guint        tasks,
           const char  *modes)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, CLAB_WORKLOAD_CPU);
  clab_plan_set_size (plan, size);
  clab_plan_set_tasks (plan, tasks);
  clab_plan_set_workers (plan, 2);
  clab_plan_set_runs (plan, 1);
  clab_plan_set_warmup (plan, 0);
  g_assert_true (clab_plan_parse_modes (plan, modes, NULL));
  return plan;
}

/* Every task's CPU time lies within its own wall time, and together within the run's. */
static void
assert_task_cpu (const ClabRun *run)
{
  double total = 0;

  for (guint i = 0; i < run->tasks->len; i++)
    {
      const ClabTask *task = &g_array_index (run->tasks, ClabTask, i);

      g_assert_cmpint (task->status, ==, CLAB_TASK_OK);
      g_assert_cmpfloat (task->cpu_s, >=, 0);
      g_assert_cmpfloat (task->cpu_s, <=, task->end_s - task->start_s + 1e-9);
      total += task->cpu_s;
    }
  g_assert_cmpfloat (total, <=, run->cpu_user_s + run->cpu_system_s + 0.011);
}

/* The pools' lanes and the sequential loop run 5,000 empty tasks: none gets more CPU time
 * than wall time (before, each was charged the read of its thread's clock, several times
 * its whole run). */
static void
test_runs_of_short_tasks (void)
{
  g_autoptr(ClabPlan) plan = make_plan (0, 5000, "sequential,thread-pool,threads");
  g_autoptr(ClabResult) result = test_run_plan (plan);

  assert_task_cpu (test_first_run (result, CLAB_MODE_SEQUENTIAL));
  assert_task_cpu (test_first_run (result, CLAB_MODE_THREAD_POOL));
  assert_task_cpu (test_first_run (result, CLAB_MODE_THREADS));
}

/* Tasks of 3 ms each are measured one by one. */
static void
test_runs_of_long_tasks (void)
{
  g_autoptr(ClabPlan) plan = make_plan (3, 6, "sequential,thread-pool");
  g_autoptr(ClabResult) result = test_run_plan (plan);
  ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREAD_POOL };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      ClabRun *run = test_first_run (result, modes[m]);

      assert_task_cpu (run);
      for (guint i = 0; i < run->tasks->len; i++)
        {
          const ClabTask *task = &g_array_index (run->tasks, ClabTask, i);

          g_assert_cmpfloat (task->cpu_s, >, 0);
          /* Its part of the span was its own: the CPU time is its wall time's share. */
          g_assert_cmpfloat (task->cpu_s, >=, (task->end_s - task->start_s) * 0.01);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cpu-span/share-equal", test_share_equal);
  g_test_add_func ("/cpu-span/share-water-fill", test_share_water_fill);
  g_test_add_func ("/cpu-span/share-edges", test_share_edges);
  g_test_add_func ("/cpu-span/sleeper", test_span_sleeper);
  g_test_add_func ("/cpu-span/long-task", test_span_long_task);
  g_test_add_func ("/cpu-span/runs-of-short-tasks", test_runs_of_short_tasks);
  g_test_add_func ("/cpu-span/runs-of-long-tasks", test_runs_of_long_tasks);
  return g_test_run ();
}
