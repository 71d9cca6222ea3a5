/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "bench-common.h"
#include "clab-runner.h"

/*
 * B7: what the CPU sampler costs at 100 Hz, during a run that itself uses no CPU. The run
 * goes once through clab_runner_run and once through clab_runner_run_async on a main loop,
 * as the CLI and the window run it (samples then also travel to the main context); each is
 * compared with the same run whose sampler sleeps through it. The floor is a bare thread
 * that wakes as often, alone and with the two reads of /proc that every sample needs.
 */

#define SLEEP_S     5.0
#define FAST_MS     10
#define IDLE_MS     10000     /* longer than the run: the sampler never wakes */
#define TARGET_PCT  1.0

enum { SYNC_FAST, SYNC_IDLE, ASYNC_FAST, ASYNC_IDLE, FLOOR_WAKE, FLOOR_READ, N_CONFIGS };

static double
process_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct
{
  GMainLoop  *loop;
  ClabResult *result;
} AsyncWait;

static void
run_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      data)
{
  AsyncWait *wait = data;
  g_autoptr(GError) error = NULL;

  wait->result = clab_runner_run_finish (CLAB_RUNNER (source), res, &error);
  if (wait->result == NULL)
    g_error ("The run failed: %s", error->message);
  g_main_loop_quit (wait->loop);
}

static ClabResult *
run_async (ClabPlan *plan)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncWait wait = { loop, NULL };

  clab_runner_run_async (runner, cancellable, run_done_cb, &wait);
  g_main_loop_run (loop);
  return wait.result;
}

/* Wakes every FAST_MS on a fixed grid for SLEEP_S, as the sampler does, and does nothing
 * else or only pread()s /proc/stat and /proc/self/stat. */
static void *
floor_main (void *data)
{
  gboolean reads = GPOINTER_TO_INT (data);
  int stat_fd = open ("/proc/stat", O_RDONLY | O_CLOEXEC);
  int self_fd = open ("/proc/self/stat", O_RDONLY | O_CLOEXEC);
  guint n = SLEEP_S * 1000 / FAST_MS;
  struct timespec next;
  char buf[16384];

  clock_gettime (CLOCK_MONOTONIC, &next);
  for (guint i = 0; i < n; i++)
    {
      next.tv_nsec += FAST_MS * 1000000L;
      if (next.tv_nsec >= 1000000000L)
        {
          next.tv_nsec -= 1000000000L;
          next.tv_sec++;
        }
      clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
      if (reads && (pread (stat_fd, buf, sizeof buf, 0) < 0 || pread (self_fd, buf, 1024, 0) < 0))
        g_error ("could not read /proc");
    }
  close (stat_fd);
  close (self_fd);
  return NULL;
}

typedef struct
{
  double cpu_s;        /* the whole process's CPU time over the run */
  double elapsed_s;    /* the run's own elapsed time */
  guint  n_samples;
} Measure;

static Measure
measure_floor (gboolean reads)
{
  double cpu0 = process_cpu_s (), start = bench_now_s ();
  Measure m = { 0, 0, SLEEP_S * 1000 / FAST_MS };
  pthread_t thread;

  pthread_create (&thread, NULL, floor_main, GINT_TO_POINTER (reads));
  pthread_join (thread, NULL);
  m.cpu_s = process_cpu_s () - cpu0;
  m.elapsed_s = bench_now_s () - start;
  return m;
}

static Measure
measure (guint config)
{
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_SLEEP, SLEEP_S, 1, 1,
                                             CLAB_MODE_SEQUENTIAL);
  gboolean fast = config == SYNC_FAST || config == ASYNC_FAST;
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  double cpu0;
  ClabRun *run;
  Measure m;

  if (config >= FLOOR_WAKE)
    return measure_floor (config == FLOOR_READ);
  clab_plan_set_sample_interval_ms (plan, fast ? FAST_MS : IDLE_MS);
  cpu0 = process_cpu_s ();
  result = config < ASYNC_FAST ? bench_run_plan (plan, NULL) : run_async (plan);
  m.cpu_s = process_cpu_s () - cpu0;
  runs = bench_counted_runs (result, CLAB_MODE_SEQUENTIAL);
  run = g_ptr_array_index (runs, 0);
  m.elapsed_s = run->elapsed_s;
  m.n_samples = run->samples->len;
  return m;
}

static gboolean
print_share (const char *figure,
             double      cpu_s,
             double      elapsed_s,
             gboolean    gated)
{
  double pct = 100 * cpu_s / elapsed_s;
  g_autofree char *measured = g_strdup_printf ("%.2f ms CPU", cpu_s * 1e3);
  g_autofree char *baseline = g_strdup_printf ("%.3f s", elapsed_s);
  g_autofree char *ratio = g_strdup_printf ("%.3f %%", pct);
  g_autofree char *target = g_strdup_printf ("≤ %.1f %%", TARGET_PCT);

  if (!gated)
    {
      bench_print_note (figure, measured, baseline, ratio);
      return TRUE;
    }
  return bench_print_row (figure, measured, baseline, ratio, target, pct <= TARGET_PCT);
}

static void
print_per_sample (const char *figure,
                  double      cpu_s,
                  guint       n_samples)
{
  g_autofree char *per_sample = g_strdup_printf ("%.1f µs", cpu_s / MAX (n_samples, 1) * 1e6);
  g_autofree char *count = g_strdup_printf ("%u samples", n_samples);

  bench_print_note (figure, per_sample, count, "—");
}

int
main (int   argc,
      char *argv[])
{
  guint reps = bench_repetitions (3);
  GArray *cpu[N_CONFIGS];
  g_autoptr(GArray) elapsed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *title = NULL;
  double median[N_CONFIGS], run_s;
  guint n_samples = 0;
  gboolean pass;

  for (guint c = 0; c < N_CONFIGS; c++)
    cpu[c] = g_array_new (FALSE, FALSE, sizeof (double));
  /* Each repetition starts with the next configuration, so that drift hits all alike. */
  for (guint r = 0; r < reps; r++)
    for (guint k = 0; k < N_CONFIGS; k++)
      {
        guint c = (r + k) % N_CONFIGS;
        Measure m = measure (c);

        g_array_append_val (cpu[c], m.cpu_s);
        if (c == SYNC_FAST)
          {
            g_array_append_val (elapsed, m.elapsed_s);
            n_samples = m.n_samples;
          }
      }
  for (guint c = 0; c < N_CONFIGS; c++)
    {
      median[c] = bench_median (cpu[c]);
      g_array_unref (cpu[c]);
    }
  run_s = bench_median (elapsed);

  title = g_strdup_printf ("sleep %.0f s run, samples every %d ms; baseline: the run's elapsed "
                           "time (median of %u; the same run with a %d ms interval is "
                           "subtracted)", SLEEP_S, FAST_MS, reps, IDLE_MS);
  bench_print_title ("B7", title);
  pass = print_share ("sampler, clab_runner_run", median[SYNC_FAST] - median[SYNC_IDLE],
                      run_s, TRUE);
  pass &= print_share ("sampler, run_async + main loop",
                       median[ASYNC_FAST] - median[ASYNC_IDLE], run_s, TRUE);
  print_share ("whole process, run at 100 Hz", median[SYNC_FAST], run_s, FALSE);
  print_share ("whole process, async at 100 Hz", median[ASYNC_FAST], run_s, FALSE);
  print_share ("whole process, sampler idle", median[SYNC_IDLE], run_s, FALSE);
  print_share ("floor: bare thread waking 100 Hz", median[FLOOR_WAKE], run_s, FALSE);
  print_share ("floor: + pread of the 2 /proc files", median[FLOOR_READ], run_s, FALSE);
  print_per_sample ("CPU per sample, clab_runner_run",
                    median[SYNC_FAST] - median[SYNC_IDLE], n_samples);
  print_per_sample ("CPU per sample, run_async",
                    median[ASYNC_FAST] - median[ASYNC_IDLE], n_samples);
  return bench_finish ("B7", pass);
}
