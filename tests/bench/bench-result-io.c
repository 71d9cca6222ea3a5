/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bench-common.h"
#include "clab-result-io.h"

/*
 * B8: a result of 100,000 tasks and 100,000 samples saved, then loaded. Each step runs in a
 * fresh child process, so that its peak resident memory is its own: the load does not carry
 * the memory of the save, nor the save that of an earlier load.
 */

#define N_TASKS      100000
#define N_SAMPLES    100000
#define TARGET_S     1.5
#define TARGET_MIB   200.0

static void
fill_tasks (ClabRun *run,
            GRand   *rand)
{
  for (guint i = 0; i < N_TASKS; i++)
    {
      double start = i * 1e-3 + g_rand_double_range (rand, 0, 1e-4);
      ClabTask task = { i, 4000 + i % 8, start - 1e-5, start,
                        start + g_rand_double_range (rand, 1e-4, 1e-3),
                        g_rand_double_range (rand, 0, 1e-3), CLAB_TASK_OK,
                        ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand), NULL };

      g_array_append_val (run->tasks, task);
    }
}

static void
fill_samples (ClabRun *run,
              GRand   *rand)
{
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      double busy = g_rand_double_range (rand, 0, 100);
      ClabSample sample = { i * 0.01, busy, busy * 0.8, busy * 0.2,
                            g_rand_double_range (rand, 0, 5), busy * 0.9,
                            g_rand_double_range (rand, 4000, 90000) };

      g_array_append_val (run->samples, sample);
      for (guint cpu = 0; cpu < run->n_cpus; cpu++)
        {
          double pct = g_rand_double_range (rand, 0, 100);
          g_array_append_val (run->per_cpu_pct, pct);
        }
    }
}

/* One run of the thread-pool mode, with this machine's CPU count for the per-CPU values. */
static ClabResult *
build_result (void)
{
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_CPU, 1, N_TASKS,
                                             g_get_num_processors (), CLAB_MODE_THREAD_POOL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  ClabSystemInfo info = { 0 };
  ClabResult *result = clab_result_new (plan);
  ClabRun *run = clab_run_new (CLAB_MODE_THREAD_POOL, g_get_num_processors ());

  clab_system_info_init_local (&info);
  clab_result_take_system (result, &info);
  run->workers = g_get_num_processors ();
  fill_tasks (run, rand);
  fill_samples (run, rand);
  run->elapsed_s = N_SAMPLES * 0.01;
  clab_result_add_run (result, run);
  clab_result_ensure_mode (result, CLAB_MODE_THREAD_POOL)->stats.n_runs = 1;
  return result;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* The child's side: one step, then "seconds peak-MiB" on stdout. */
static int
child_main (const char *step,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  double start, seconds;
  gboolean ok;

  if (g_str_equal (step, "save"))
    {
      g_autoptr(ClabResult) result = build_result ();

      start = bench_now_s ();
      ok = clab_result_save_json (result, path, &error);
      seconds = bench_now_s () - start;
    }
  else if (g_str_equal (step, "load"))
    {
      g_autoptr(ClabResult) result = NULL;

      start = bench_now_s ();
      result = clab_result_load (path, &error);
      seconds = bench_now_s () - start;
      ok = result != NULL;
    }
  else
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      start = bench_now_s ();
      ok = json_parser_load_from_file (parser, path, &error);
      seconds = bench_now_s () - start;
    }
  if (!ok)
    {
      g_printerr ("%s: %s\n", step, error->message);
      return 2;
    }
  printf ("%.6f %.3f\n", seconds, peak_rss_mib ());
  return 0;
}

static void
run_child (const char *self,
           const char *step,
           const char *path,
           GArray     *seconds,
           GArray     *mib)
{
  const char *argv[] = { self, "--child", step, path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  double s, m;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error) ||
      sscanf (out, "%lf %lf", &s, &m) != 2)
    {
      g_printerr ("The %s step failed: %s\n", step, error ? error->message : out);
      exit (2);
    }
  g_array_append_val (seconds, s);
  g_array_append_val (mib, m);
}

static gboolean
print_step (const char *figure,
            GArray     *seconds,
            GArray     *mib,
            double      reference_s)
{
  double s = bench_median (seconds), m = bench_median (mib);
  g_autofree char *time_s = g_strdup_printf ("%.3f s", s);
  g_autofree char *ref_s = g_strdup_printf ("%.3f s", reference_s);
  g_autofree char *ratio = g_strdup_printf ("%.3f", s / reference_s);
  g_autofree char *limit_s = g_strdup_printf ("≤ %.1f s", TARGET_S);
  g_autofree char *rss = g_strdup_printf ("%.1f MiB", m);
  g_autofree char *limit_mib = g_strdup_printf ("≤ %.0f MiB", TARGET_MIB);
  g_autofree char *rss_figure = g_strdup_printf ("%s, peak RSS", figure);
  gboolean pass;

  pass = bench_print_row (figure, time_s, ref_s, ratio, limit_s, s <= TARGET_S);
  pass &= bench_print_row (rss_figure, rss, "—", "—", limit_mib, m <= TARGET_MIB);
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
  g_autofree char *json_glib_rss = NULL;
  GArray *series[6];
  guint reps = bench_repetitions (3);
  GStatBuf st;
  gboolean pass;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3]);

  dir = g_dir_make_tmp ("clab-bench-XXXXXX", NULL);
  path = g_build_filename (dir, "result.json", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    series[i] = g_array_new (FALSE, FALSE, sizeof (double));
  /* Save, load, and json-glib's own parse of the same file as a reference for the load. */
  for (guint r = 0; r < reps; r++)
    {
      run_child (self, "save", path, series[0], series[1]);
      run_child (self, "load", path, series[2], series[3]);
      run_child (self, "json-glib", path, series[4], series[5]);
    }
  g_stat (path, &st);

  title = g_strdup_printf ("result of %d tasks and %d samples × %u CPUs, %.1f MiB of JSON; "
                           "reference: json-glib's parse of it (median of %u, fresh processes)",
                           N_TASKS, N_SAMPLES, g_get_num_processors (),
                           st.st_size / 1048576.0, reps);
  bench_print_title ("B8", title);
  pass = print_step ("save (clab_result_save_json)", series[0], series[1],
                     bench_median (series[4]));
  pass &= print_step ("load (clab_result_load)", series[2], series[3],
                      bench_median (series[4]));
  json_glib_rss = g_strdup_printf ("%.1f MiB", bench_median (series[5]));
  bench_print_note ("json-glib parse, peak RSS", json_glib_rss, "—", "—");
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    g_array_unref (series[i]);
  g_unlink (path);
  g_rmdir (dir);
  return bench_finish ("B8", pass);
}
