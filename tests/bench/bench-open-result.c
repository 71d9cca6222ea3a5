/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-common.h"
#include "clab-result-io.h"

/*
 * B10: Open Result of a result file of about 36 MiB (issue 12, item 10), as the window opens
 * it: clab_result_load in a GTask thread while the main loop runs. Measured in a fresh child
 * process each time: the time from the request to the result in the main loop, the peak
 * resident memory of the whole process, and the longest the main loop went without running
 * (a 1 ms timeout that records the gaps between its calls).
 */

#define N_MODES      3
#define N_RUNS       2
#define N_TASKS      18000      /* per run */
#define N_SAMPLES    9500       /* per run */
#define N_CPUS       8          /* of the machine the result came from, not this one */
#define TARGET_S     1.5
#define TARGET_MIB   150.0
#define TARGET_STALL 0.030

static const ClabMode modes[N_MODES] = {
  CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREAD_POOL, CLAB_MODE_PROCESS_POOL,
};

static void
fill_run (ClabRun *run,
          GRand   *rand)
{
  for (guint i = 0; i < N_TASKS; i++)
    {
      double start = i * 1e-3 + g_rand_double_range (rand, 0, 1e-4);
      ClabTask task = { 0 };

      task.index = i;
      task.worker = i % N_CPUS;
      task.submit_s = start - 1e-5;
      task.start_s = start;
      task.end_s = start + g_rand_double_range (rand, 1e-4, 1e-3);
      task.cpu_s = g_rand_double_range (rand, 0, 1e-3);
      task.status = CLAB_TASK_OK;
      task.checksum = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      g_array_append_val (run->tasks, task);
    }
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      double busy = g_rand_double_range (rand, 0, 100);
      ClabSample sample = { 0 };

      sample.t_s = i * 0.01;
      sample.cpu_pct = busy;
      sample.user_pct = busy * 0.8;
      sample.system_pct = busy * 0.2;
      sample.iowait_pct = g_rand_double_range (rand, 0, 5);
      sample.run_pct = busy * 0.9;
      sample.rss_kib = g_rand_double_range (rand, 4000, 90000);
      g_array_append_val (run->samples, sample);
      for (guint cpu = 0; cpu < N_CPUS; cpu++)
        {
          double pct = g_rand_double_range (rand, 0, 100);

          g_array_append_val (run->per_cpu_pct, pct);
        }
    }
  run->elapsed_s = N_SAMPLES * 0.01;
  run->workers = N_CPUS;
}

/* A result of another machine with N_CPUS CPUs, so the file has the same size everywhere. */
static ClabResult *
build_result (void)
{
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_CPU, 1, N_TASKS, N_CPUS,
                                             CLAB_MODE_THREAD_POOL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  ClabSystemInfo info = { .cpus = N_CPUS, .kernel = g_strdup ("Linux 6.1.0"),
                          .cpu_model = g_strdup ("A CPU"), .hostname = g_strdup ("elsewhere") };
  ClabResult *result;

  clab_plan_set_modes (plan, modes, N_MODES);
  result = clab_result_new (plan);
  clab_result_take_system (result, &info);
  for (guint m = 0; m < N_MODES; m++)
    for (guint r = 0; r < N_RUNS; r++)
      {
        ClabRun *run = clab_run_new (modes[m], N_CPUS);

        fill_run (run, rand);
        clab_result_add_run (result, run);
        clab_result_ensure_mode (result, modes[m])->stats.n_runs = N_RUNS;
      }
  return result;
}

typedef struct
{
  GMainLoop  *loop;
  ClabResult *result;
  GError     *error;
  double      last_tick_s;
  double      max_gap_s;
} Open;

/* The main loop's pulse: the longest gap between two calls is the longest stall. */
static gboolean
tick_cb (gpointer data)
{
  Open *open = data;
  double now = bench_now_s ();

  open->max_gap_s = MAX (open->max_gap_s, now - open->last_tick_s);
  open->last_tick_s = now;
  return G_SOURCE_CONTINUE;
}

/* As the window's load_result_thread. */
static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  ClabResult *result = clab_result_load (task_data, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Open *open = user_data;

  open->result = g_task_propagate_pointer (G_TASK (res), &open->error);
  g_main_loop_quit (open->loop);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (((Open *) data)->loop);
  return G_SOURCE_REMOVE;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* On a shared machine the wall time waits for the CPU; the CPU time is what the load costs. */
static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec * 1e-6;
}

/* The child's side: one step, then "seconds peak-MiB stall-seconds cpu-seconds" on stdout. */
static int
child_main (const char *step,
            const char *path)
{
  g_autoptr(GTask) task = NULL;
  Open open = { 0 };
  double start, seconds, cpu_start;
  guint tick;

  if (g_str_equal (step, "save"))
    {
      g_autoptr(ClabResult) result = build_result ();
      g_autoptr(GError) error = NULL;

      if (!clab_result_save_json (result, path, &error))
        {
          g_printerr ("save: %s\n", error->message);
          return 2;
        }
      printf ("0 0 0 0\n");
      return 0;
    }

  open.loop = g_main_loop_new (NULL, FALSE);
  tick = g_timeout_add (1, tick_cb, &open);
  cpu_start = cpu_s ();
  start = open.last_tick_s = bench_now_s ();
  /* "idle": the same pulse for a second with nothing loading, the scheduler's share. */
  if (g_str_equal (step, "idle"))
    g_timeout_add (1500, quit_cb, &open);
  else
    {
      task = g_task_new (NULL, NULL, loaded_cb, &open);
      g_task_set_task_data (task, g_strdup (path), g_free);
      g_task_run_in_thread (task, load_thread);
    }
  g_main_loop_run (open.loop);
  seconds = bench_now_s () - start;
  tick_cb (&open);
  g_source_remove (tick);
  if (open.result == NULL && task != NULL)
    {
      g_printerr ("open: %s\n", open.error->message);
      return 2;
    }
  printf ("%.6f %.3f %.6f %.6f\n", seconds, peak_rss_mib (), open.max_gap_s, cpu_s () - cpu_start);
  /* Freed after the measure: the window keeps the result. */
  g_clear_object (&open.result);
  g_main_loop_unref (open.loop);
  return 0;
}

static void
run_child (const char *self,
           const char *step,
           const char *path,
           GArray     *seconds,
           GArray     *mib,
           GArray     *stall,
           GArray     *cpu)
{
  const char *argv[] = { self, "--child", step, path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  double s, m, g, c;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error) ||
      sscanf (out, "%lf %lf %lf %lf", &s, &m, &g, &c) != 4)
    {
      g_printerr ("The %s step failed: %s\n", step, error ? error->message : out);
      exit (2);
    }
  g_array_append_val (seconds, s);
  g_array_append_val (mib, m);
  g_array_append_val (stall, g);
  g_array_append_val (cpu, c);
}

static gboolean
print_rows (GArray *seconds,
            GArray *mib,
            GArray *stall,
            GArray *cpu,
            GArray *idle_stall)
{
  g_autofree char *idle_ms = g_strdup_printf ("%.1f ms", bench_median (idle_stall) * 1e3);
  double s = bench_median (seconds), m = bench_median (mib), g = bench_median (stall);
  g_autofree char *cpu_text = g_strdup_printf ("%.3f s", bench_median (cpu));
  g_autofree char *time_s = g_strdup_printf ("%.3f s", s);
  g_autofree char *rss = g_strdup_printf ("%.1f MiB", m);
  g_autofree char *stall_ms = g_strdup_printf ("%.1f ms", g * 1e3);
  g_autofree char *limit_s = g_strdup_printf ("≤ %.1f s", TARGET_S);
  g_autofree char *limit_mib = g_strdup_printf ("≤ %.0f MiB", TARGET_MIB);
  g_autofree char *limit_stall = g_strdup_printf ("≤ %.0f ms", TARGET_STALL * 1e3);
  gboolean pass;

  pass = bench_print_row ("open, request to result in the main loop", time_s, "—", "—",
                          limit_s, s <= TARGET_S);
  pass &= bench_print_row ("open, peak RSS of the process", rss, "—", "—",
                           limit_mib, m <= TARGET_MIB);
  pass &= bench_print_row ("open, longest main-loop stall", stall_ms, idle_ms, "—",
                           limit_stall, g <= TARGET_STALL);
  bench_print_note ("open, CPU time of the process", cpu_text, "—", "—");
  return pass;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) mib = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle_stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unused = g_array_new (FALSE, FALSE, sizeof (double));
  guint reps = bench_repetitions (5);
  GStatBuf st;
  gboolean pass;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3]);

  dir = g_dir_make_tmp ("clab-bench-XXXXXX", NULL);
  path = g_build_filename (dir, "result.json", NULL);
  run_child (self, "save", path, unused, unused, unused, unused);
  for (guint r = 0; r < reps; r++)
    {
      run_child (self, "open", path, seconds, mib, stall, cpu);
      run_child (self, "idle", path, unused, unused, idle_stall, unused);
    }
  g_stat (path, &st);

  title = g_strdup_printf ("Open Result of %.1f MiB (%d modes × %d runs of %d tasks and "
                           "%d samples × %d CPUs), clab_result_load in a GTask thread as the "
                           "window does (median of %u, fresh processes)",
                           st.st_size / 1048576.0, N_MODES, N_RUNS, N_TASKS, N_SAMPLES, N_CPUS,
                           reps);
  bench_print_title ("B10", title);
  pass = print_rows (seconds, mib, stall, cpu, idle_stall);
  g_unlink (path);
  g_rmdir (dir);
  return bench_finish ("B10", pass);
}
