/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-sampler.h"
#include "clab-sampler-private.h"
#include "clab-workload.h"

typedef struct
{
  guint n_calls;
} Counter;

static void
sample_cb (const ClabSample *sample,
           gpointer          user_data)
{
  Counter *counter = user_data;

  counter->n_calls++;
}

static void
test_samples_busy_run (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_SEQUENTIAL, 1);
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_CPU, 400, NULL };
  Counter counter = { 0 };
  gint64 t0 = clab_monotonic_ns ();
  ClabSampler *sampler = clab_sampler_start (20, t0, NULL, sample_cb, &counter);
  double max_run = 0, prev_t = 0;
  guint64 checksum;
  gint64 peak;

  g_assert_true (clab_workload_run (&spec, 0, NULL, &checksum, NULL));
  peak = clab_sampler_stop (sampler, run, NULL, NULL);

  /* 400 units are hundreds of ms: several 20 ms samples, whatever the machine. */
  g_assert_cmpuint (run->samples->len, >=, 3);
  g_assert_cmpuint (counter.n_calls, ==, run->samples->len);
  g_assert_cmpuint (run->n_cpus, >=, 1);
  g_assert_cmpuint (run->per_cpu_pct->len, ==, run->samples->len * run->n_cpus);
  for (guint i = 0; i < run->samples->len; i++)
    {
      ClabSample *s = &g_array_index (run->samples, ClabSample, i);

      g_assert_cmpfloat (s->t_s, >, prev_t);
      prev_t = s->t_s;
      g_assert_cmpfloat (s->cpu_pct, >=, 0);
      g_assert_cmpfloat (s->cpu_pct, <=, 100);
      g_assert_cmpfloat (s->iowait_pct, >=, 0);
      g_assert_cmpfloat (s->user_pct + s->system_pct, <=, s->cpu_pct + 1e-6);
      g_assert_cmpfloat (s->run_pct, <=, 100);
      max_run = MAX (max_run, s->run_pct);
    }
  for (guint i = 0; i < run->per_cpu_pct->len; i++)
    g_assert_cmpfloat (g_array_index (run->per_cpu_pct, double, i), <=, 100);
  /* One thread kept one CPU busy: the run's own share shows it (ticks are 10 ms). */
  g_assert_cmpfloat (max_run, >, 25.0 / run->n_cpus);
  g_assert_cmpint (peak, >, 0);
}

/* The sampler's own thread falls asleep for 300 ms once, as it does on a busy machine or
 * when the process is stopped: the next sample covers those 300 ms, with no burst of
 * readings at one instant and no 0 % that never happened. */
static void
stall_once_cb (const ClabSample *sample,
               gpointer          user_data)
{
  Counter *counter = user_data;

  if (++counter->n_calls == 2)
    g_usleep (300 * 1000);
}

static void
test_late_wakeup (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_SEQUENTIAL, 1);
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_CPU, 700, NULL };
  Counter counter = { 0 };
  ClabSampler *sampler = clab_sampler_start (20, clab_monotonic_ns (), NULL, stall_once_cb, &counter);
  double longest = 0, prev_t = 0;
  guint64 checksum;

  g_assert_true (clab_workload_run (&spec, 0, NULL, &checksum, NULL));
  clab_sampler_stop (sampler, run, NULL, NULL);

  g_assert_cmpuint (run->samples->len, >=, 3);
  for (guint i = 0; i < run->samples->len; i++)
    {
      ClabSample *s = &g_array_index (run->samples, ClabSample, i);

      /* Never two samples at one instant: every one covers at least a tick's worth. */
      g_assert_cmpfloat (s->t_s - prev_t, >, 0.005);
      /* This thread computed all along: the machine was never idle. */
      g_assert_cmpfloat (s->cpu_pct, >, 0);
      longest = MAX (longest, s->t_s - prev_t);
      prev_t = s->t_s;
    }
  /* The stall is one longer sample. */
  g_assert_cmpfloat (longest, >=, 0.28);
}

/* A run of 1.7 intervals: the last 0.7 of an interval is a sample of its own, ending
 * where the run ended. (A late regular sample may leave less than half an interval, which
 * is then not worth a sample: never more.) */
static void
test_tail (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_SEQUENTIAL, 1);
  gint64 t0 = clab_monotonic_ns ();
  ClabSampler *sampler = clab_sampler_start (100, t0, NULL, NULL, NULL);
  const ClabSample *last;
  volatile guint64 spin = 0;
  double stopped_s;

  while (clab_monotonic_ns () - t0 < 170 * G_GINT64_CONSTANT (1000000))
    spin++;
  stopped_s = (clab_monotonic_ns () - t0) / 1e9;
  clab_sampler_stop (sampler, run, NULL, NULL);

  g_assert_cmpuint (run->samples->len, >=, 1);
  last = &g_array_index (run->samples, ClabSample, run->samples->len - 1);
  g_assert_cmpfloat (stopped_s - last->t_s, <, 0.05);
}

/* A followed process gone without this process reaping it (a Python interpreter's worker,
 * joined by the interpreter) takes its CPU time along: a last stretch measured then would
 * show the run's share as a 0 % that never happened, so there is none. */
static void
test_tail_after_gone (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_PROCESSES, 1);
  gint64 t0 = clab_monotonic_ns ();
  ClabSampler *sampler = clab_sampler_start (100, t0, NULL, NULL, NULL);
  volatile guint64 spin = 0;
  double stopped_s;

  /* Above any pid_max: never a process. */
  clab_sampler_add_pid (sampler, G_MAXINT32 - 1);
  while (clab_monotonic_ns () - t0 < 170 * G_GINT64_CONSTANT (1000000))
    spin++;
  stopped_s = (clab_monotonic_ns () - t0) / 1e9;
  clab_sampler_stop (sampler, run, NULL, NULL);

  for (guint i = 0; i < run->samples->len; i++)
    g_assert_cmpfloat (g_array_index (run->samples, ClabSample, i).t_s, <, stopped_s);
}

static void
test_idle_run (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_SEQUENTIAL, 1);
  ClabSampler *sampler = clab_sampler_start (20, clab_monotonic_ns (), NULL, NULL, NULL);
  double total = 0;

  g_usleep (200 * 1000);
  clab_sampler_stop (sampler, run, NULL, NULL);
  g_assert_cmpuint (run->samples->len, >=, 3);
  for (guint i = 0; i < run->samples->len; i++)
    total += g_array_index (run->samples, ClabSample, i).run_pct;
  /* Sleeping costs (almost) nothing: well under one busy CPU on average. */
  g_assert_cmpfloat (total / run->samples->len, <, 20);
}

/* Where the sampler waits next after a wake-up on time, late by most of an interval (as a
 * busy machine makes it: a CI run had a sample 3.8 ms long on a 20 ms grid), or late by
 * several: the next deadline stays on the grid and at least half an interval away. */
static void
test_next_deadline (void)
{
  const gint64 d = 1000000, ms = 1000, interval = 20 * ms;

  g_assert_cmpint (_clab_sampler_next_deadline (d, d + 100, interval), ==, d + 20 * ms);
  g_assert_cmpint (_clab_sampler_next_deadline (d, d + 9 * ms, interval), ==, d + 20 * ms);
  g_assert_cmpint (_clab_sampler_next_deadline (d, d + 16 * ms, interval), ==, d + 40 * ms);
  g_assert_cmpint (_clab_sampler_next_deadline (d, d + 45 * ms, interval), ==, d + 60 * ms);
  g_assert_cmpint (_clab_sampler_next_deadline (d, d + 300 * ms, interval), ==, d + 320 * ms);
  for (gint64 late = 0; late < 1000 * ms; late += 700)
    {
      gint64 next = _clab_sampler_next_deadline (d, d + late, interval);

      g_assert_cmpint ((next - d) % interval, ==, 0);
      g_assert_cmpint (next - (d + late), >=, interval / 2);
      g_assert_cmpint (next - (d + late), <, interval + interval / 2);
    }
}

/* A worker that ended before the executor added it has no pid left (GSubprocess names
 * none: 0): it is not followed, and nothing complains (a CI run under load aborted here). */
static void
test_ended_worker (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_PROCESSES, 1);
  ClabSampler *sampler = clab_sampler_start (20, clab_monotonic_ns (), NULL, NULL, NULL);

  clab_sampler_add_pid (sampler, 0);
  g_usleep (60 * 1000);
  clab_sampler_remove_pid (sampler, 0);
  clab_sampler_stop (sampler, run, NULL, NULL);
  g_assert_cmpuint (run->samples->len, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sampler/busy-run", test_samples_busy_run);
  g_test_add_func ("/sampler/idle-run", test_idle_run);
  g_test_add_func ("/sampler/late-wakeup", test_late_wakeup);
  g_test_add_func ("/sampler/tail", test_tail);
  g_test_add_func ("/sampler/tail-after-gone", test_tail_after_gone);
  g_test_add_func ("/sampler/next-deadline", test_next_deadline);
  g_test_add_func ("/sampler/ended-worker", test_ended_worker);
  return g_test_run ();
}
