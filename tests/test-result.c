/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "clab-plan-python.h"
#include "clab-result-io.h"
#include "clab-verdict.h"
#include "result-fixture.h"

static void
test_model (void)
{
  g_autoptr(ClabPlan) plan = make_plan ();
  g_autoptr(ClabResult) result = clab_result_new (plan);
  g_autoptr(ClabRun) run = make_run (CLAB_MODE_THREADS, 1, TRUE);
  ClabModeResult *threads;
  g_autoptr(ClabPlan) from_property = NULL;

  g_assert_true (clab_result_get_plan (result) != plan);
  g_assert_cmpuint (clab_plan_get_tasks (clab_result_get_plan (result)), ==, 3);
  g_object_get (result, "plan", &from_property, NULL);
  g_assert_true (from_property == clab_result_get_plan (result));

  g_assert_cmpuint (clab_result_get_n_modes (result), ==, 0);
  g_assert_null (clab_result_find_mode (result, CLAB_MODE_THREADS));
  threads = clab_result_ensure_mode (result, CLAB_MODE_THREADS);
  clab_result_ensure_mode (result, CLAB_MODE_SEQUENTIAL);
  g_assert_true (clab_result_ensure_mode (result, CLAB_MODE_THREADS) == threads);
  g_assert_cmpuint (clab_result_get_n_modes (result), ==, 2);
  g_assert_true (clab_result_get_mode (result, 0) == threads);
  g_assert_cmpint (clab_result_get_mode (result, 1)->mode, ==, CLAB_MODE_SEQUENTIAL);
  g_assert_true (isnan (threads->stats.mean_s));
  g_assert_true (isnan (threads->stats.speedup));

  g_assert_cmpuint (clab_run_count_status (run, CLAB_TASK_OK), ==, 2);
  g_assert_cmpuint (clab_run_count_status (run, CLAB_TASK_FAILED), ==, 1);
  clab_result_add_run (result, g_steal_pointer (&run));
  clab_result_add_run (result, make_run (CLAB_MODE_PROCESSES, 1, FALSE));
  g_assert_cmpuint (threads->runs->len, ==, 1);
  g_assert_cmpuint (clab_result_get_n_modes (result), ==, 3);
  g_assert_cmpint (clab_result_get_mode (result, 2)->mode, ==, CLAB_MODE_PROCESSES);

  clab_result_add_warning (result, "once");
  clab_result_add_warning (result, "once");
  clab_result_add_warning (result, "twice");
  g_assert_cmpuint (clab_result_get_warnings (result)->len, ==, 2);

  g_assert_true (isnan (clab_result_get_amdahl_serial (result, CLAB_MODE_THREADS)));
  clab_result_set_amdahl_serial (result, CLAB_MODE_THREADS, 0.25);
  g_assert_cmpfloat (clab_result_get_amdahl_serial (result, CLAB_MODE_THREADS), ==, 0.25);
  g_assert_false (clab_result_get_cancelled (result));
  clab_result_set_cancelled (result, TRUE);
  g_assert_true (clab_result_get_cancelled (result));
  g_assert_cmpuint (clab_result_get_sweep (result)->len, ==, 0);
}

/* The live chart is drawn on a thread of its own from a copy, while the run goes on adding
 * to the result: the copy must say all the result does and share nothing with it. */
static void
test_copy (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(ClabResult) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *copy_json = NULL;
  ClabRun *run = g_ptr_array_index (clab_result_find_mode (result, CLAB_MODE_THREADS)->runs, 1);
  ClabSchedLane *lane = clab_sched_lane_new (10, 11, 0.5);
  ClabSchedPoint point = { 0.6, 0.05, 0.01 };

  g_array_append_val (lane->points, point);
  g_ptr_array_add (run->sched_lanes, lane);
  clab_result_add_warning (result, "a warning");
  clab_result_set_amdahl_serial (result, CLAB_MODE_THREADS, 0.25);

  copy = clab_result_copy (result);
  json = clab_result_to_json_string (result, TRUE);
  copy_json = clab_result_to_json_string (copy, TRUE);
  g_assert_cmpstr (copy_json, ==, json);
  g_assert_true (clab_result_get_plan (copy) != clab_result_get_plan (result));
  g_assert_cmpstr (clab_result_get_system (copy)->cpu_model, ==, "Test CPU @ 1 GHz");
  g_assert_true (clab_result_get_system (copy)->cpu_model != clab_result_get_system (result)->cpu_model);

  /* What the run adds later is not in the copy; the copy outlives the result. */
  g_array_set_size (run->samples, 0);
  g_array_set_size (run->tasks, 0);
  g_clear_object (&result);
  run = g_ptr_array_index (clab_result_find_mode (copy, CLAB_MODE_THREADS)->runs, 1);
  g_assert_cmpuint (run->samples->len, ==, 4);
  g_assert_cmpstr (g_array_index (run->tasks, ClabTask, 2).reason, ==, FAILED_REASON);
  lane = g_ptr_array_index (run->sched_lanes, 0);
  g_assert_cmpfloat (g_array_index (lane->points, ClabSchedPoint, 0).on_cpu_s, ==, 0.05);
  g_free (copy_json);
  copy_json = clab_result_to_json_string (copy, TRUE);
  g_assert_cmpstr (copy_json, ==, json);
}

static void
test_system_info (void)
{
  ClabSystemInfo info = { 0 };

  clab_system_info_init_local (&info);
  g_assert_cmpuint (info.cpus, ==, g_get_num_processors ());
  g_assert_nonnull (info.kernel);
  g_assert_cmpstr (info.kernel, !=, "");
  g_assert_nonnull (info.cpu_model);
  g_assert_cmpstr (info.cpu_model, !=, "");
  g_assert_cmpstr (info.hostname, ==, g_get_host_name ());

  clab_system_info_clear (&info);
  g_assert_null (info.kernel);
  g_assert_null (info.cpu_model);
  g_assert_null (info.hostname);
  g_assert_cmpuint (info.cpus, ==, 0);
}

static void
check_save_fails_keeps_old (ClabResult *result,
                            const char *dir,
                            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint n_entries = count_entries (dir);

  g_assert_false (clab_result_save_json (result, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (clab_result_save_csv (result, path, &error));
  g_clear_error (&error);
  g_assert_false (clab_result_save_markdown (result, path, &error));
  g_clear_error (&error);

  /* No temporary file left behind, and the old file untouched. */
  g_assert_cmpuint (count_entries (dir), ==, n_entries);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old");
    }
}

static void
test_atomic_save (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *nowhere = g_build_filename (dir, "no-such-dir", "result.json", NULL);
  g_autofree char *subdir = g_build_filename (dir, "a-directory", NULL);
  g_autofree char *ro_dir = g_build_filename (dir, "read-only", NULL);
  g_autofree char *ro_file = g_build_filename (ro_dir, "result.json", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.md", NULL);
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_false (clab_result_save_json (result, nowhere, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, nowhere));
  g_clear_error (&error);

  /* A directory in the way: the rename fails after the temporary file was written. */
  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
  check_save_fails_keeps_old (result, dir, subdir);

  /* An existing file keeps its permissions when replaced. */
  g_assert_true (g_file_set_contents (kept, "old", -1, NULL));
  g_assert_cmpint (g_chmod (kept, 0640), ==, 0);
  g_assert_true (clab_result_save_markdown (result, kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (kept, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# Concurrency Lab"));

  if (geteuid () == 0)
    g_test_message ("Running as root, which ignores permissions: skipping the read-only directory");
  else
    {
      g_assert_cmpint (g_mkdir (ro_dir, 0755), ==, 0);
      g_assert_true (g_file_set_contents (ro_file, "old", -1, NULL));
      g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);
      check_save_fails_keeps_old (result, ro_dir, ro_file);
      g_assert_cmpint (g_chmod (ro_dir, 0755), ==, 0);
    }

  remove_tree (dir);
}

static void
test_csv (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "tasks.csv", NULL);
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  guint failed_rows = 0;
  ClabModeResult *threads = clab_result_find_mode (result, CLAB_MODE_THREADS);
  ClabTask *task = &g_array_index (((ClabRun *) g_ptr_array_index (threads->runs, 0))->tasks,
                                   ClabTask, 0);

  /* One task knows how its thread spent it; the others, as in older files, do not. */
  task->sched_known = TRUE;
  task->on_cpu_s = 0.125;
  task->runnable_s = 0.0625;
  task->blocked_s = 0.3125;
  csv = clab_result_to_csv (result);
  lines = g_strsplit (csv, "\r\n", -1);

  /* 2 modes × 2 runs × 3 tasks, a header, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 12 + 1);
  g_assert_cmpstr (lines[0], ==, "mode,run,warmup,workers,task,worker,submit_s,start_s,end_s,"
                                 "duration_s,cpu_s,status,checksum,reason,"
                                 "verdict_conclusive,verdict_reason,"
                                 "on_cpu_s,runnable_s,blocked_s,runtime");
  g_assert_cmpstr (lines[13], ==, "");
  g_assert_true (g_str_has_prefix (lines[1], "sequential,0,true,2,0,0,0.000000,0.001000,0.501000,0.500000,"));
  g_assert_true (g_str_has_suffix (lines[1], ",ok,fedcba9876543210,,true,,,,,Native C"));
  /* The task with scheduler seconds: sequential's 6 rows come first. */
  g_assert_true (g_str_has_prefix (lines[7], "threads,0,true,2,0,4242,"));
  g_assert_true (g_str_has_suffix (lines[7], ",true,,0.125000,0.062500,0.312500,Native C"));
  /* Task 1 has no submit time: an empty field. */
  g_assert_true (g_str_has_prefix (lines[2], "sequential,0,true,2,1,0,,"));

  for (guint i = 1; i < 13; i++)
    {
      if (strstr (lines[i], ",failed,") == NULL)
        continue;
      failed_rows++;
      g_assert_true (g_str_has_prefix (lines[i], "threads,1,false,2,2,4244,"));
      g_assert_true (g_str_has_suffix (lines[i], ",fedcba9876543212,\"exit status 3, \"\"bad\"\" input\",true,"
                                                 ",,,,Native C"));
    }
  g_assert_cmpuint (failed_rows, ==, 1);

  g_assert_true (clab_result_save_csv (result, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, csv);
  remove_tree (dir);
}

static void
test_markdown (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *md = clab_result_to_markdown (result);
  g_autofree char *verdict = clab_result_dup_verdict (result);

  g_assert_true (g_str_has_prefix (md, "# "));
  g_assert_nonnull (strstr (md, "# Concurrency Lab: Sleep of 0.5 s, 3 tasks\n"));
  /* Sequential and threads have no workers: only pools are sized by them. */
  g_assert_null (strstr (md, "workers\n"));
  g_assert_nonnull (strstr (md, "Test CPU @ 1 GHz"));
  g_assert_nonnull (strstr (md, "| `sequential` | 3 | 1.123 ± 0.000 | 1.123 |"));
  g_assert_nonnull (strstr (md, "| `threads` | 3 | 0.600 ± 0.010 | 0.600 | 0.590 | 0.610 | 1.87 ± 0.03 × | 94 % "
                                "| 0.03 |"));
  /* One run has no spread to show. */
  g_assert_nonnull (strstr (md, "| `threads` | 2 | 0.800 | 1.88 × | 6.7 % |"));
  g_assert_nonnull (strstr (md, "| `threads` | 1 | 1.500 ± 0.010 | 1.00 ± 0.02 × | — |"));
  g_assert_nonnull (strstr (md, verdict));
  g_assert_nonnull (strstr (md, "- A warning, with a comma.\n"));
  g_assert_nonnull (strstr (md, "| `threads` | 2 |"));
}

/* The tables count the CPUs a mode kept busy, "1.84" under "CPUs busy": a percentage there,
 * "184 %", read as a share of the machine beside the CPU chart's shares of it. */
static void
test_cpus_busy (void)
{
  g_autoptr(ClabResult) result = make_cpus_busy_result ();
  g_autofree char *md = clab_result_to_markdown (result);
  g_autofree char *text = clab_result_to_summary_text (result);
  g_autoptr(GPtrArray) table = clab_result_dup_summary_table (result);
  g_autofree char *cell = NULL;

  g_assert_cmpfloat_with_epsilon (clab_result_get_mode (result, 0)->stats.cpu_pct, 184, 1e-9);
  cell = dup_markdown_cell (md, "sequential", "CPUs busy");
  g_assert_cmpstr (cell, ==, "1.84");
  g_assert_null (strstr (md, "184"));

  /* The report's table is this one; the copied text says the same. */
  g_assert_cmpstr (((char **) table->pdata[0])[8], ==, "CPUs busy");
  g_assert_cmpstr (((char **) table->pdata[1])[8], ==, "1.84");
  g_assert_nonnull (strstr (text, "CPUs busy"));
  g_assert_nonnull (strstr (text, "  1.84  "));
  g_assert_null (strstr (text, "184"));
}

/* A disturbed result says so in every export, instead of a winner. */
static void
test_exports_inconclusive (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *md = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      ClabModeResult *mode_result = clab_result_get_mode (result, m);

      for (guint r = 0; r < mode_result->runs->len; r++)
        {
          ClabRun *run = g_ptr_array_index (mode_result->runs, r);

          for (guint i = 0; i < run->samples->len; i++)
            g_array_index (run->samples, ClabSample, i).cpu_pct = 57.75;
        }
    }
  md = clab_result_to_markdown (result);
  csv = clab_result_to_csv (result);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_nonnull (strstr (md, "**Inconclusive: other programs used 50 % of the CPUs during the run.**"));
  g_assert_true (g_str_has_suffix (lines[1], ",false,other programs used 50 % of the CPUs during the run"
                                             ",,,,Native C"));
}

static ClabResult *
result_with_means (const ClabMode *modes,
                   const double   *means,
                   const double   *stddevs,
                   guint           n)
{
  g_autoptr(ClabPlan) plan = make_plan ();
  ClabResult *result = clab_result_new (plan);

  for (guint i = 0; i < n; i++)
    {
      ClabModeResult *mode_result = clab_result_ensure_mode (result, modes[i]);

      if (!isnan (means[i]))
        set_stats (mode_result, means[i], stddevs[i]);
    }
  return result;
}

static void
check_verdict (const ClabMode *modes,
               const double   *means,
               const double   *stddevs,
               guint           n,
               const char     *expected)
{
  g_autoptr(ClabResult) result = result_with_means (modes, means, stddevs, n);
  g_autofree char *verdict = clab_result_dup_verdict (result);

  g_assert_cmpstr (verdict, ==, expected);
}

static void
test_verdict (void)
{
  const ClabMode seq_threads[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_PROCESSES };
  const ClabMode threads_processes[] = { CLAB_MODE_PROCESSES, CLAB_MODE_THREADS };
  g_autoptr(ClabResult) empty = result_with_means (seq_threads, (double[]) { NAN, NAN }, NULL, 2);
  g_autofree char *nothing = clab_result_dup_verdict (empty);

  check_verdict (seq_threads, (double[]) { 2.0, 1.0, 1.5 }, (double[]) { 0.02, 0.01, 0.0 }, 3,
                 "threads is 2.00 ± 0.03 × faster than sequential");
  check_verdict (seq_threads, (double[]) { 1.0, 1.2, 1.5 }, (double[]) { 0.01, 0.012, 0.0 }, 3,
                 "sequential is fastest; threads is 1.20 ± 0.02 × slower");
  check_verdict (threads_processes, (double[]) { 1.39, 1.0 }, (double[]) { 0.0, 0.005 }, 2,
                 "threads is 1.39 ± 0.01 × faster than processes");
  check_verdict (threads_processes + 1, (double[]) { 2.001 }, (double[]) { 0.001 }, 1,
                 "threads: 2.001 ± 0.001 s");
  /* A sequential mode that did not run is no baseline. */
  check_verdict (seq_threads, (double[]) { NAN, 1.0, 1.5 }, (double[]) { 0.0, 0.0, 0.0 }, 3,
                 "threads is 1.50 ± 0.00 × faster than processes");

  g_assert_cmpstr (nothing, ==, "Inconclusive: no run completed, so there is nothing to compare.");
}

/* @modes with one run each at @means, and no spread. */
static ClabResult *
result_with_single_runs (const ClabMode *modes,
                         const double   *means,
                         guint           n)
{
  ClabResult *result = result_with_means (modes, means, (double[]) { 0, 0, 0 }, n);

  for (guint i = 0; i < n; i++)
    clab_result_find_mode (result, modes[i])->stats.n_runs = 1;
  return result;
}

/* One run per mode has no spread: the ratio goes without a ± that nobody measured, and
 * the verdict says what it rests on. */
static void
test_verdict_single_runs (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS };
  g_autoptr(ClabResult) result = result_with_single_runs (modes, (double[]) { 4.0, 2.0 }, 2);
  g_autoptr(ClabResult) lead = result_with_single_runs (modes, (double[]) { 1.3, 1.0 }, 2);
  g_autofree char *verdict = clab_result_dup_verdict (result);
  g_autofree char *lead_verdict = clab_result_dup_verdict (lead);

  g_assert_cmpstr (verdict, ==, "threads is 2.00 × faster than sequential "
                                "(single runs: spread not measured)");
  g_assert_cmpstr (lead_verdict, ==, "threads is 1.30 × faster than sequential "
                                     "(single runs: spread not measured)");
  g_assert_true (clab_result_get_fastest (lead) == clab_result_find_mode (lead, CLAB_MODE_THREADS));
  g_assert_true (clab_verdict_is_conclusive (lead));
}

/* A lead that runs of the same work show from one run to the next names no winner from
 * single runs, in the sentence or anywhere else; it is no disturbance either. */
static void
test_verdict_single_runs_close (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_PROCESS_POOL, CLAB_MODE_THREADS };
  g_autoptr(ClabResult) result = result_with_single_runs (modes, (double[]) { 1.02, 1.0, 1.5 }, 3);
  g_autoptr(ClabResult) sequential = result_with_single_runs (modes, (double[]) { 1.0, 1.09, 1.5 }, 3);
  g_autofree char *verdict = clab_result_dup_verdict (result);
  g_autofree char *labelled = clab_result_dup_verdict_labelled (result);
  g_autofree char *sequential_verdict = clab_result_dup_verdict (sequential);
  g_autofree char *expected = g_strdup_printf ("No clear winner: %s and %s differ by 2.0 %%, "
                                               "which single runs cannot tell from noise",
                                               clab_mode_label (CLAB_MODE_PROCESS_POOL),
                                               clab_mode_label (CLAB_MODE_SEQUENTIAL));

  g_assert_cmpstr (verdict, ==, "No clear winner: process-pool and sequential differ by 2.0 %, "
                                "which single runs cannot tell from noise");
  g_assert_cmpstr (labelled, ==, expected);
  g_assert_null (clab_result_get_fastest (result));
  g_assert_true (clab_verdict_is_conclusive (result));
  g_assert_cmpstr (sequential_verdict, ==, "No clear winner: sequential and process-pool differ "
                                           "by 9.0 %, which single runs cannot tell from noise");
  g_assert_null (clab_result_get_fastest (sequential));
}

/* Repeated runs within 2 % of each other are a tie: the verdict names no winner either,
 * as no row is marked fastest. */
static void
test_verdict_repeated_runs_tie (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS };
  g_autoptr(ClabResult) result = result_with_means (modes, (double[]) { 1.01, 1.0 },
                                                     (double[]) { 0.001, 0.001 }, 2);
  g_autofree char *verdict = clab_result_dup_verdict (result);

  g_assert_cmpstr (verdict, ==, "No clear winner: threads and sequential differ by only 1.0 %");
  g_assert_null (clab_result_get_fastest (result));
}

/* Runs that agree with each other keep the tie at 2 %: a 3 % lead over three quiet runs each
 * names its winner, without the single runs' words. */
static void
test_verdict_repeated_runs_close (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS };
  g_autoptr(ClabResult) result = result_with_means (modes, (double[]) { 1.03, 1.0 },
                                                     (double[]) { 0.001, 0.001 }, 2);
  g_autofree char *verdict = clab_result_dup_verdict (result);

  g_assert_cmpstr (verdict, ==, "threads is 1.03 ± 0.00 × faster than sequential");
  g_assert_true (clab_result_get_fastest (result) ==
                 clab_result_find_mode (result, CLAB_MODE_THREADS));
}

/* Windows and charts name the modes as their labels do. */
static void
test_verdict_labelled (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREAD_POOL };
  g_autoptr(ClabResult) result = result_with_means (modes, (double[]) { 2.0, 1.0 },
                                                     (double[]) { 0.02, 0.01 }, 2);
  g_autofree char *verdict = clab_result_dup_verdict_labelled (result);
  g_autofree char *expected = g_strdup_printf ("%s is 2.00 ± 0.03 × faster than %s",
                                               clab_mode_label (CLAB_MODE_THREAD_POOL),
                                               clab_mode_label (CLAB_MODE_SEQUENTIAL));

  g_assert_cmpstr (verdict, ==, expected);
  g_assert_cmpstr (clab_mode_label (CLAB_MODE_THREAD_POOL), !=, "thread-pool");
}

/* A mode whose tasks failed at once is not the fastest, however short its runs. */
static void
test_verdict_ignores_failures (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_PROCESSES };
  g_autoptr(ClabResult) result = result_with_means (modes, (double[]) { 2.0, 1.0, 0.001 },
                                                     (double[]) { 0, 0, 0 }, 3);
  g_autofree char *verdict = NULL;
  g_autofree char *none = NULL;

  clab_result_find_mode (result, CLAB_MODE_PROCESSES)->stats.failures = 2;
  verdict = clab_result_dup_verdict (result);
  g_assert_cmpstr (verdict, ==, "threads is 2.00 ± 0.00 × faster than sequential");
  g_assert_true (clab_result_get_fastest (result) ==
                 clab_result_find_mode (result, CLAB_MODE_THREADS));

  clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL)->stats.failures = 1;
  clab_result_find_mode (result, CLAB_MODE_THREADS)->stats.failures = 1;
  none = clab_result_dup_verdict (result);
  g_assert_cmpstr (none, ==, "Inconclusive: every mode had failed tasks, so there is nothing to compare.");
}

static void
test_fastest (void)
{
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_THREAD_POOL };
  g_autoptr(ClabResult) result = result_with_means (modes, (double[]) { 2.0, 1.0, 1.2 },
                                                     (double[]) { 0, 0, 0 }, 3);
  g_autoptr(ClabResult) none = result_with_means (modes, (double[]) { NAN, NAN, NAN }, NULL, 3);
  ClabModeResult *pool = clab_result_find_mode (result, CLAB_MODE_THREAD_POOL);

  g_assert_cmpint (clab_result_get_fastest (result)->mode, ==, CLAB_MODE_THREADS);

  /* A lower mean without counted runs, or an undefined one, does not win. */
  pool->stats.mean_s = 0.5;
  pool->stats.n_runs = 0;
  g_assert_cmpint (clab_result_get_fastest (result)->mode, ==, CLAB_MODE_THREADS);
  clab_result_find_mode (result, CLAB_MODE_THREADS)->stats.mean_s = NAN;
  g_assert_cmpint (clab_result_get_fastest (result)->mode, ==, CLAB_MODE_SEQUENTIAL);

  g_assert_null (clab_result_get_fastest (none));
}

/* Gives @result the interpreter of a run on the Python runtime. */
static void
make_python (ClabResult *result,
             const char *start_method)
{
  ClabSystemInfo info = { 2, g_strdup ("Linux 6.1.0"), g_strdup ("Test CPU @ 1 GHz"), g_strdup ("host") };

  info.python.version = g_strdup ("3.11.2");
  info.python.implementation = g_strdup ("CPython");
  info.python.executable = g_strdup ("/usr/bin/python3");
  info.python.gil_enabled = TRUE;
  info.python.start_method = g_strdup (start_method);
  clab_result_take_system (result, &info);
  clab_plan_set_runtime (clab_result_get_plan (result), CLAB_RUNTIME_PYTHON);
}

/* Every export names the runtime with the one label: the interpreter and start method of a
 * Python run, "Native C" for the C engine. */
static void
test_exports_runtime (void)
{
  g_autoptr(ClabResult) native = make_result ();
  g_autoptr(ClabResult) python = make_result ();
  g_autofree char *native_md = clab_result_to_markdown (native);
  g_autofree char *native_text = clab_result_to_summary_text (native);
  g_autofree char *native_summary = clab_result_to_summary_csv (native);
  g_autofree char *md = NULL, *text = NULL, *summary = NULL, *csv = NULL, *brief = NULL;
  g_auto(GStrv) lines = NULL;
  const char *label = "CPython 3.11.2, GIL enabled, start method spawn (/usr/bin/python3)";

  g_assert_nonnull (strstr (native_md, "\n\nRuntime: Native C\n\n"));
  g_assert_nonnull (strstr (native_text, "Runtime: Native C\n"));
  g_assert_true (g_str_has_prefix (native_summary, "mode,runs,mean_s,stddev_s,median_s,min_s,max_s,"
                                                   "user_s,system_s,speedup,speedup_stddev,fastest,"
                                                   "verdict_conclusive,verdict_reason,runtime\r\n"));
  lines = g_strsplit (native_summary, "\r\n", -1);
  g_assert_true (g_str_has_suffix (lines[1], ",Native C"));
  g_assert_true (g_str_has_suffix (lines[2], ",Native C"));

  make_python (python, "spawn");
  md = clab_result_to_markdown (python);
  text = clab_result_to_summary_text (python);
  summary = clab_result_to_summary_csv (python);
  csv = clab_result_to_csv (python);
  brief = clab_result_dup_runtime_label (python, TRUE);
  g_test_message ("%s\n%s", md, summary);
  g_assert_nonnull (strstr (md, "Runtime: CPython 3.11.2, GIL enabled, start method spawn (/usr/bin/python3)\n"));
  g_assert_null (strstr (md, "Native C"));
  g_assert_nonnull (strstr (text, label));
  g_clear_pointer (&lines, g_strfreev);
  lines = g_strsplit (summary, "\r\n", -1);
  /* The label holds a comma: one quoted field. */
  g_assert_true (g_str_has_suffix (lines[1], ",\"CPython 3.11.2, GIL enabled, start method spawn (/usr/bin/python3)\""));
  g_assert_nonnull (strstr (csv, ",,,,\"CPython 3.11.2, GIL enabled, start method spawn (/usr/bin/python3)\"\r\n"));
  g_assert_cmpstr (brief, ==, "CPython 3.11.2 (GIL), spawn");
}

/* A Python plan whose interpreter never reported still says Python, and which one it asked
 * for; a path from a file cannot reach a terminal as control characters. */
static void
test_runtime_label_fallbacks (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *asked = NULL, *hostile = NULL;
  ClabSystemInfo info = { 2, NULL, NULL, NULL };

  clab_plan_set_runtime (clab_result_get_plan (result), CLAB_RUNTIME_PYTHON);
  clab_plan_set_python (clab_result_get_plan (result), "python3.13t");
  asked = clab_result_dup_runtime_label (result, FALSE);
  g_assert_cmpstr (asked, ==, "Python (python3.13t)");

  info.python.version = g_strdup ("3.13.1");
  info.python.executable = g_strdup ("/opt/py\033]0;x\007/python3");
  info.python.start_method = g_strdup ("forkserver");
  clab_result_take_system (result, &info);
  hostile = clab_result_dup_runtime_label (result, FALSE);
  g_assert_false (has_controls (hostile));
  g_assert_true (g_str_has_prefix (hostile, "Python 3.13.1, free-threaded (no GIL), start method forkserver"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/result/model", test_model);
  g_test_add_func ("/result/system-info", test_system_info);
  g_test_add_func ("/result/copy", test_copy);
  g_test_add_func ("/result/verdict", test_verdict);
  g_test_add_func ("/result/verdict-labelled", test_verdict_labelled);
  g_test_add_func ("/result/verdict-single-runs", test_verdict_single_runs);
  g_test_add_func ("/result/verdict-single-runs-close", test_verdict_single_runs_close);
  g_test_add_func ("/result/verdict-repeated-runs-close", test_verdict_repeated_runs_close);
  g_test_add_func ("/result/verdict-repeated-runs-tie", test_verdict_repeated_runs_tie);
  g_test_add_func ("/result/verdict-ignores-failures", test_verdict_ignores_failures);
  g_test_add_func ("/result/fastest", test_fastest);
  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/markdown", test_markdown);
  g_test_add_func ("/export/cpus-busy", test_cpus_busy);
  g_test_add_func ("/export/inconclusive", test_exports_inconclusive);
  g_test_add_func ("/export/runtime", test_exports_runtime);
  g_test_add_func ("/export/runtime-fallbacks", test_runtime_label_fallbacks);
  g_test_add_func ("/export/atomic-save", test_atomic_save);

  return g_test_run ();
}
