/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A small hand-made result shared by the result tests: 2 modes, 2 runs each,
 * 3 tasks per run (one failed with a reason), 4 samples of 2 CPUs per run;
 * and assertions that two results hold the same values. */

#include <glib/gstdio.h>
#include <math.h>

#include "clab-result.h"
#include "clab-stats.h"
#include "clab-verdict.h"
#include "test-files.h"

#define FAILED_REASON "exit status 3, \"bad\" input"

static inline void
assert_close (double a,
              double b)
{
  if (isnan (a) || isnan (b))
    {
      g_assert_true (isnan (a) && isnan (b));
      return;
    }
  g_assert_cmpfloat_with_epsilon (a, b, 1e-9);
}

static inline ClabPlan *
make_plan (void)
{
  static const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS };
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, CLAB_WORKLOAD_SLEEP);
  clab_plan_set_size (plan, 0.5);
  clab_plan_set_tasks (plan, 3);
  clab_plan_set_workers (plan, 2);
  clab_plan_set_runs (plan, 2);
  clab_plan_set_modes (plan, modes, G_N_ELEMENTS (modes));
  return plan;
}

static inline ClabRun *
make_run (ClabMode mode,
          guint    seed,
          gboolean with_failure)
{
  ClabRun *run = clab_run_new (mode, 2);

  run->workers = 2;
  run->warmup = seed == 0;
  run->elapsed_s = 1.0 + seed * 0.123456789012;
  run->cpu_user_s = 0.01 * seed;
  run->cpu_system_s = 0.002;
  run->peak_rss_kib = 5000 + seed;
  run->ideal_s = 1.0;
  run->overhead_s = run->elapsed_s - 1.0;
  run->voluntary_switches = 10 + seed;
  run->involuntary_switches = 1;

  for (guint i = 0; i < 3; i++)
    {
      ClabTask task = { 0 };

      task.index = i;
      task.worker = mode == CLAB_MODE_SEQUENTIAL ? 0 : 4242 + i;
      task.submit_s = i == 1 ? NAN : 0.0001 * i;
      task.start_s = 0.001 + i * 0.5;
      task.end_s = task.start_s + 0.5 + 1e-7 * seed;
      task.cpu_s = 0.0003;
      task.status = CLAB_TASK_OK;
      task.checksum = G_GUINT64_CONSTANT (0xfedcba9876543210) + i;
      if (with_failure && i == 2)
        {
          task.status = CLAB_TASK_FAILED;
          task.reason = g_strdup (FAILED_REASON);
        }
      g_array_append_val (run->tasks, task);
    }

  for (guint i = 0; i < 4; i++)
    {
      ClabSample sample = { 0.05 + 0.1 * i, 12.5, 10.0, 2.5, 0.25, 7.75, 4096.0 + i };
      double per_cpu[2] = { 20.0 + i, 5.0 - i };

      if (i == 3)
        sample.user_pct = NAN;
      g_array_append_val (run->samples, sample);
      g_array_append_vals (run->per_cpu_pct, per_cpu, 2);
    }

  return run;
}

static inline void
set_stats (ClabModeResult *mode_result,
           double          mean,
           double          stddev)
{
  ClabStats *stats = &mode_result->stats;

  stats->n_runs = 3;
  stats->mean_s = mean;
  stats->stddev_s = stddev;
  stats->median_s = mean;
  stats->min_s = mean - stddev;
  stats->max_s = mean + stddev;
  stats->cpu_pct = 3.25;
  stats->peak_rss_kib = 5002;
}

static inline ClabResult *
make_result (void)
{
  g_autoptr(ClabPlan) plan = make_plan ();
  ClabResult *result = clab_result_new (plan);
  ClabSystemInfo info = { 2, g_strdup ("Linux 6.1.0"), g_strdup ("Test CPU @ 1 GHz"), g_strdup ("host") };
  ClabSweepPoint points[] = {
    { CLAB_MODE_THREADS, 1, 1.5, 0.01, 1.0, NAN, 0.02, 2 },
    { CLAB_MODE_THREADS, 2, 0.8, 0.02, 1.875, 0.0666666666666, NAN, 1 },
  };
  ClabModeResult *mode_result;

  clab_result_take_system (result, &info);
  for (guint r = 0; r < 2; r++)
    {
      clab_result_add_run (result, make_run (CLAB_MODE_SEQUENTIAL, r, FALSE));
      clab_result_add_run (result, make_run (CLAB_MODE_THREADS, r, r == 1));
    }

  mode_result = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL);
  set_stats (mode_result, 1.123456789012, 0.0);
  mode_result->stats.speedup = 1.0;
  mode_result->stats.speedup_err = 0.0;
  mode_result->stats.efficiency = 0.5;

  mode_result = clab_result_find_mode (result, CLAB_MODE_THREADS);
  set_stats (mode_result, 0.6, 0.01);
  mode_result->stats.speedup = 1.8724281483533;
  mode_result->stats.speedup_err = 0.0312;
  mode_result->stats.efficiency = 0.93621407;
  mode_result->stats.failures = 1;

  clab_result_add_warning (result, "A warning, with a comma.");
  g_array_append_vals (clab_result_get_sweep (result), points, G_N_ELEMENTS (points));
  clab_result_set_amdahl_serial (result, CLAB_MODE_THREADS, 0.0625);
  clab_result_set_cancelled (result, TRUE);

  return result;
}

/* Two modes of two runs each, every run 1 s long with 1.84 s of CPU time (1.5 s user,
 * 0.34 s system): 1.84 CPUs kept busy, stats.cpu_pct 184, as the engine derives them. */
static inline ClabResult *
make_cpus_busy_result (void)
{
  g_autoptr(ClabPlan) plan = make_plan ();
  ClabResult *result = clab_result_new (plan);
  ClabSystemInfo info = { 2, g_strdup ("Linux 6.1.0"), g_strdup ("Test CPU"), g_strdup ("host") };
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS };

  clab_result_take_system (result, &info);
  for (guint r = 0; r < 2 * G_N_ELEMENTS (modes); r++)
    {
      ClabRun *run = clab_run_new (modes[r % 2], 2);

      run->workers = 2;
      run->elapsed_s = 1.0;
      run->cpu_user_s = 1.5;
      run->cpu_system_s = 0.34;
      clab_result_add_run (result, run);
    }
  clab_stats_update_result (result);
  return result;
}

/* The cell of @mode's row of the summary table in the Markdown @md under @heading,
 * stripped; NULL where the heading is not there. The table's first line names the headings. */
static inline char *
dup_markdown_cell (const char *md,
                   const char *mode,
                   const char *heading)
{
  g_auto(GStrv) lines = g_strsplit (md, "\n", -1);
  g_autofree char *row_start = g_strdup_printf ("| `%s` |", mode);
  g_auto(GStrv) headings = NULL;
  g_auto(GStrv) cells = NULL;
  const char *header = NULL, *row = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (header == NULL && g_str_has_prefix (lines[i], "| "))
        header = lines[i];
      else if (g_str_has_prefix (lines[i], row_start))
        row = lines[i];
    }
  g_assert_nonnull (header);
  g_assert_nonnull (row);
  headings = g_strsplit (header, "|", -1);
  cells = g_strsplit (row, "|", -1);
  for (guint i = 0; headings[i] != NULL && cells[i] != NULL; i++)
    if (g_strcmp0 (g_strstrip (headings[i]), heading) == 0)
      return g_strstrip (g_strdup (cells[i]));
  return NULL;
}

/* Text a hostile result file can carry: a terminal title and clear-screen in the host
 * name, a clipboard write (OSC 52) and a C1 CSI in a failure reason, a line break in a
 * warning, an escape in the plan's title and command. */
#define HOSTILE_HOST    "evil\033]0;TITLE\007\033[2J"
#define HOSTILE_REASON  "\033]52;c;ZXZpbA==\007 and \302\23331m"
#define HOSTILE_WARNING "line one\r\nInjected: \177"

static inline ClabResult *
make_hostile_result (void)
{
  ClabResult *result = make_result ();
  ClabSystemInfo info = { 2, g_strdup ("Linux\033[31m"), g_strdup ("CPU\033[1m"), g_strdup (HOSTILE_HOST) };
  ClabModeResult *threads = clab_result_find_mode (result, CLAB_MODE_THREADS);
  ClabRun *run = g_ptr_array_index (threads->runs, 1);
  ClabTask *task = &g_array_index (run->tasks, ClabTask, 2);

  clab_result_take_system (result, &info);
  g_free (task->reason);
  task->reason = g_strdup (HOSTILE_REASON);
  clab_result_add_warning (result, HOSTILE_WARNING);
  clab_plan_set_title (clab_result_get_plan (result), "Title\033]0;x\007");
  return result;
}

/* Whether @text holds a control character other than a line ending (and a tab), or a C1
 * control in UTF-8. */
static inline gboolean
has_controls (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if ((*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') || *p == 0x7f)
        return TRUE;
      if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        return TRUE;
    }
  return FALSE;
}

static inline char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("clab-result-io-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
assert_stats_equal (const ClabStats *a,
                    const ClabStats *b)
{
  g_assert_cmpuint (a->n_runs, ==, b->n_runs);
  assert_close (a->mean_s, b->mean_s);
  assert_close (a->stddev_s, b->stddev_s);
  assert_close (a->median_s, b->median_s);
  assert_close (a->min_s, b->min_s);
  assert_close (a->max_s, b->max_s);
  assert_close (a->speedup, b->speedup);
  assert_close (a->speedup_err, b->speedup_err);
  assert_close (a->efficiency, b->efficiency);
  assert_close (a->cpu_pct, b->cpu_pct);
  g_assert_cmpint (a->peak_rss_kib, ==, b->peak_rss_kib);
  g_assert_cmpuint (a->failures, ==, b->failures);
}

static inline void
assert_tasks_equal (const ClabTask *a,
                    const ClabTask *b)
{
  g_assert_cmpuint (a->index, ==, b->index);
  g_assert_cmpint (a->worker, ==, b->worker);
  assert_close (a->submit_s, b->submit_s);
  assert_close (a->start_s, b->start_s);
  assert_close (a->end_s, b->end_s);
  assert_close (a->cpu_s, b->cpu_s);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmphex (a->checksum, ==, b->checksum);
  g_assert_cmpstr (a->reason, ==, b->reason);
}

static inline void
assert_samples_equal (const ClabSample *a,
                      const ClabSample *b)
{
  assert_close (a->t_s, b->t_s);
  assert_close (a->cpu_pct, b->cpu_pct);
  assert_close (a->user_pct, b->user_pct);
  assert_close (a->system_pct, b->system_pct);
  assert_close (a->iowait_pct, b->iowait_pct);
  assert_close (a->run_pct, b->run_pct);
  assert_close (a->rss_kib, b->rss_kib);
}

static inline void
assert_runs_equal (const ClabRun *a,
                   const ClabRun *b)
{
  g_assert_cmpint (a->mode, ==, b->mode);
  g_assert_cmpuint (a->workers, ==, b->workers);
  g_assert_cmpint (a->cancelled, ==, b->cancelled);
  g_assert_cmpint (a->warmup, ==, b->warmup);
  assert_close (a->elapsed_s, b->elapsed_s);
  assert_close (a->cpu_user_s, b->cpu_user_s);
  assert_close (a->cpu_system_s, b->cpu_system_s);
  g_assert_cmpint (a->peak_rss_kib, ==, b->peak_rss_kib);
  assert_close (a->ideal_s, b->ideal_s);
  assert_close (a->overhead_s, b->overhead_s);
  g_assert_cmpint (a->voluntary_switches, ==, b->voluntary_switches);
  g_assert_cmpint (a->involuntary_switches, ==, b->involuntary_switches);
  g_assert_cmpuint (a->n_cpus, ==, b->n_cpus);

  g_assert_cmpuint (a->tasks->len, ==, b->tasks->len);
  for (guint i = 0; i < a->tasks->len; i++)
    assert_tasks_equal (&g_array_index (a->tasks, ClabTask, i),
                        &g_array_index (b->tasks, ClabTask, i));

  g_assert_cmpuint (a->samples->len, ==, b->samples->len);
  for (guint i = 0; i < a->samples->len; i++)
    assert_samples_equal (&g_array_index (a->samples, ClabSample, i),
                          &g_array_index (b->samples, ClabSample, i));

  g_assert_cmpuint (a->per_cpu_pct->len, ==, b->per_cpu_pct->len);
  for (guint i = 0; i < a->per_cpu_pct->len; i++)
    assert_close (g_array_index (a->per_cpu_pct, double, i),
                  g_array_index (b->per_cpu_pct, double, i));
}

static inline void
assert_system_equal (const ClabSystemInfo *a,
                     const ClabSystemInfo *b)
{
  g_assert_cmpuint (a->cpus, ==, b->cpus);
  g_assert_cmpstr (a->kernel, ==, b->kernel);
  g_assert_cmpstr (a->cpu_model, ==, b->cpu_model);
  g_assert_cmpstr (a->hostname, ==, b->hostname);
}

static inline void
assert_sweeps_equal (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const ClabSweepPoint *pa = &g_array_index (a, ClabSweepPoint, i);
      const ClabSweepPoint *pb = &g_array_index (b, ClabSweepPoint, i);

      g_assert_cmpint (pa->mode, ==, pb->mode);
      g_assert_cmpuint (pa->workers, ==, pb->workers);
      assert_close (pa->mean_s, pb->mean_s);
      assert_close (pa->stddev_s, pb->stddev_s);
      assert_close (pa->speedup, pb->speedup);
      assert_close (pa->karp_flatt, pb->karp_flatt);
      assert_close (pa->speedup_err, pb->speedup_err);
      g_assert_cmpuint (pa->n_runs, ==, pb->n_runs);
    }
}

static inline void
assert_results_equal (ClabResult *a,
                      ClabResult *b)
{
  const GPtrArray *wa = clab_result_get_warnings (a);
  const GPtrArray *wb = clab_result_get_warnings (b);

  assert_system_equal (clab_result_get_system (a), clab_result_get_system (b));
  g_assert_cmpint (clab_plan_get_workload (clab_result_get_plan (a)), ==,
                   clab_plan_get_workload (clab_result_get_plan (b)));
  g_assert_cmpuint (clab_plan_get_tasks (clab_result_get_plan (a)), ==,
                    clab_plan_get_tasks (clab_result_get_plan (b)));
  assert_close (clab_plan_get_size (clab_result_get_plan (a)),
                clab_plan_get_size (clab_result_get_plan (b)));

  g_assert_cmpuint (clab_result_get_n_modes (a), ==, clab_result_get_n_modes (b));
  for (guint m = 0; m < clab_result_get_n_modes (a); m++)
    {
      ClabModeResult *ma = clab_result_get_mode (a, m);
      ClabModeResult *mb = clab_result_get_mode (b, m);

      g_assert_cmpint (ma->mode, ==, mb->mode);
      assert_stats_equal (&ma->stats, &mb->stats);
      g_assert_cmpuint (ma->runs->len, ==, mb->runs->len);
      for (guint r = 0; r < ma->runs->len; r++)
        assert_runs_equal (g_ptr_array_index (ma->runs, r), g_ptr_array_index (mb->runs, r));
    }

  g_assert_cmpuint (wa->len, ==, wb->len);
  for (guint i = 0; i < wa->len; i++)
    g_assert_cmpstr (g_ptr_array_index (wa, i), ==, g_ptr_array_index (wb, i));

  g_assert_cmpint (clab_result_get_cancelled (a), ==, clab_result_get_cancelled (b));
  {
    g_autofree char *reason_a = clab_verdict_dup_reason (a);
    g_autofree char *reason_b = clab_verdict_dup_reason (b);

    g_assert_cmpstr (reason_a, ==, reason_b);
  }
  assert_sweeps_equal (clab_result_get_sweep (a), clab_result_get_sweep (b));
  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    assert_close (clab_result_get_amdahl_serial (a, mode), clab_result_get_amdahl_serial (b, mode));
}
