/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "clab-compare.h"
#include "clab-compare-text.h"
#include "clab-stats.h"
#include "test-files.h"

/* Results put side by side: the change of each mode against the first result, its σ, plans
 * that differ, the machines' names and the verdicts carried along. */

static ClabPlan *
make_plan (ClabWorkloadKind workload,
           double           size,
           guint            tasks,
           guint            workers)
{
  static const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREAD_POOL };
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, workload);
  clab_plan_set_size (plan, size);
  clab_plan_set_tasks (plan, tasks);
  clab_plan_set_workers (plan, workers);
  clab_plan_set_runs (plan, 3);
  clab_plan_set_modes (plan, modes, G_N_ELEMENTS (modes));
  return plan;
}

static void
set_stats (ClabResult *result,
           ClabMode    mode,
           guint       n_runs,
           double      mean,
           double      stddev)
{
  ClabStats *stats = &clab_result_ensure_mode (result, mode)->stats;

  stats->n_runs = n_runs;
  stats->mean_s = mean;
  stats->stddev_s = stddev;
  stats->median_s = mean;
  stats->min_s = mean - stddev;
  stats->max_s = mean + stddev;
}

static ClabResult *
make_result_with_plan (ClabPlan   *plan,
                       const char *hostname,
                       guint       cpus,
                       double      sequential_s,
                       double      pool_s)
{
  ClabResult *result = clab_result_new (plan);
  ClabSystemInfo info = { cpus, g_strdup ("Linux 6.1.0"), g_strdup ("Test CPU @ 1 GHz"),
                          g_strdup (hostname) };

  clab_result_take_system (result, &info);
  set_stats (result, CLAB_MODE_SEQUENTIAL, 3, sequential_s, sequential_s * 0.01);
  set_stats (result, CLAB_MODE_THREAD_POOL, 3, pool_s, pool_s * 0.01);
  return result;
}

static ClabResult *
make_result (const char *hostname,
             guint       cpus,
             double      sequential_s,
             double      pool_s)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 50, 8, cpus);

  return make_result_with_plan (plan, hostname, cpus, sequential_s, pool_s);
}

static guint
find_mode (ClabCompare *compare,
           ClabMode     mode)
{
  for (guint m = 0; m < clab_compare_get_n_modes (compare); m++)
    if (clab_compare_get_mode (compare, m) == mode)
      return m;
  g_assert_not_reached ();
}

static void
test_ratios (void)
{
  g_autoptr(ClabResult) laptop = make_result ("laptop", 4, 8.0, 2.2);
  g_autoptr(ClabResult) server = make_result ("server", 64, 4.0, 2.2);
  g_autoptr(ClabCompare) compare = clab_compare_new ();
  const ClabCompareCell *cell;
  ClabAggregate a, b;
  double expected, expected_err;
  g_autofree char *text = NULL;

  clab_compare_add (compare, laptop, "laptop.json", NULL);
  clab_compare_add (compare, server, "server.json", NULL);
  g_assert_cmpuint (clab_compare_get_n_results (compare), ==, 2);
  g_assert_cmpuint (clab_compare_get_n_modes (compare), ==, 2);
  g_assert_cmpint (clab_compare_get_mode (compare, 0), ==, CLAB_MODE_SEQUENTIAL);
  g_assert_true (clab_compare_all_plans_match (compare));

  /* The reference is its own reference. */
  cell = clab_compare_get_cell (compare, 0, 0);
  g_assert_cmpint (cell->change.kind, ==, CLAB_COMPARE_CHANGE_REFERENCE);
  text = clab_compare_dup_change_text (&cell->change);
  g_assert_cmpstr (text, ==, "reference");
  g_clear_pointer (&text, g_free);

  /* Sequential took half the time on the server: the ratio and σ are the stats' own. */
  cell = clab_compare_get_cell (compare, 1, find_mode (compare, CLAB_MODE_SEQUENTIAL));
  clab_stats_get_aggregate (&clab_result_find_mode (server, CLAB_MODE_SEQUENTIAL)->stats, &a);
  clab_stats_get_aggregate (&clab_result_find_mode (laptop, CLAB_MODE_SEQUENTIAL)->stats, &b);
  expected = clab_stats_ratio (&a, &b, &expected_err);
  g_assert_cmpint (cell->change.kind, ==, CLAB_COMPARE_CHANGE_MEASURED);
  g_assert_cmpfloat_with_epsilon (cell->change.ratio, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (cell->change.ratio, expected, 1e-12);
  g_assert_cmpfloat_with_epsilon (cell->change.error, expected_err, 1e-12);
  g_assert_cmpint (cell->change.direction, ==, -1);
  text = clab_compare_dup_change_text (&cell->change);
  g_assert_cmpstr (text, ==, "−50.0 ± 0.7 % (faster)");
  g_clear_pointer (&text, g_free);

  /* The same time within noise is no change. */
  cell = clab_compare_get_cell (compare, 1, find_mode (compare, CLAB_MODE_THREAD_POOL));
  g_assert_cmpfloat_with_epsilon (cell->change.ratio, 1.0, 1e-12);
  g_assert_cmpint (cell->change.direction, ==, 0);
  text = clab_compare_dup_change_text (&cell->change);
  g_assert_nonnull (strstr (text, "no clear change"));
}

static void
test_single_runs (void)
{
  g_autoptr(ClabResult) before = make_result ("box", 4, 2.0, 1.0);
  g_autoptr(ClabResult) after = make_result ("box", 4, 2.5, 1.0);
  g_autoptr(ClabCompare) compare = clab_compare_new ();
  const ClabCompareCell *cell;
  g_autofree char *text = NULL;

  /* One run a side has no spread: the change has no ± rather than a made-up certainty. */
  set_stats (after, CLAB_MODE_SEQUENTIAL, 1, 2.5, 0);
  clab_compare_add (compare, before, NULL, NULL);
  clab_compare_add (compare, after, NULL, NULL);
  cell = clab_compare_get_cell (compare, 1, find_mode (compare, CLAB_MODE_SEQUENTIAL));
  g_assert_cmpfloat_with_epsilon (cell->change.ratio, 1.25, 1e-12);
  g_assert_true (isnan (cell->change.error));
  g_assert_cmpint (cell->change.direction, ==, 1);
  text = clab_compare_dup_change_text (&cell->change);
  g_assert_cmpstr (text, ==, "+25.0 % (slower)");
}

/* Single runs of the same work vary by several per cent: a change of 5 % from one run a
 * side is no finding, one of 25 % is. */
static void
test_single_runs_close (void)
{
  g_autoptr(ClabResult) before = make_result ("box", 4, 2.0, 1.0);
  g_autoptr(ClabResult) after = make_result ("box", 4, 2.1, 0.75);
  g_autoptr(ClabCompare) compare = clab_compare_new ();
  const ClabCompareCell *cell;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  set_stats (after, CLAB_MODE_SEQUENTIAL, 1, 2.1, 0);
  set_stats (after, CLAB_MODE_THREAD_POOL, 1, 0.75, 0);
  clab_compare_add (compare, before, NULL, NULL);
  clab_compare_add (compare, after, NULL, NULL);
  cell = clab_compare_get_cell (compare, 1, find_mode (compare, CLAB_MODE_SEQUENTIAL));
  g_assert_cmpint (cell->change.direction, ==, 0);
  text = clab_compare_dup_change_text (&cell->change);
  label = clab_compare_dup_change_short (&cell->change);
  g_assert_cmpstr (text, ==, "+5.0 % (no clear change)");
  g_assert_cmpstr (label, ==, "≈ +5.0 %");
  cell = clab_compare_get_cell (compare, 1, find_mode (compare, CLAB_MODE_THREAD_POOL));
  g_assert_cmpint (cell->change.direction, ==, -1);
}

static char *
dup_short (double ratio,
           double error,
           int    direction)
{
  ClabCompareChange change = { CLAB_COMPARE_CHANGE_MEASURED, ratio, error, direction };

  return clab_compare_dup_change_short (&change);
}

/* The label over a bar: a minus sign, a decimal only below 10 %, "≈" for noise, and what
 * rounds to nothing is no change at all ("+0.0 %", never "−0.0 %"). */
static void
test_change_short (void)
{
  g_autofree char *half = dup_short (0.5, 0.01, -1);
  g_autofree char *slower = dup_short (1.25, NAN, +1);
  g_autofree char *small = dup_short (0.96, 0.001, -1);
  g_autofree char *noise = dup_short (1.004, 0.01, 0);
  g_autofree char *tiny = dup_short (0.9999, 0.01, 0);
  g_autofree char *ten = dup_short (0.9004, 0.001, -1);
  g_autofree char *huge = dup_short (6.9454, 0.1, +1);
  g_autofree char *tiny_text = NULL;
  ClabCompareChange tiny_change = { CLAB_COMPARE_CHANGE_MEASURED, 0.9999, 0.004, 0 };
  ClabCompareChange reference = { CLAB_COMPARE_CHANGE_REFERENCE, NAN, NAN, 0 };
  ClabCompareChange missing = { CLAB_COMPARE_CHANGE_MISSING, NAN, NAN, 0 };
  g_autofree char *reference_text = clab_compare_dup_change_short (&reference);

  g_assert_cmpstr (half, ==, "−50 %");
  g_assert_cmpstr (slower, ==, "+25 %");
  g_assert_cmpstr (small, ==, "−4.0 %");
  g_assert_cmpstr (noise, ==, "≈ +0.4 %");
  g_assert_cmpstr (tiny, ==, "≈ +0.0 %");
  g_assert_cmpstr (ten, ==, "−10 %");
  g_assert_cmpstr (huge, ==, "+595 %");
  g_assert_cmpstr (reference_text, ==, "reference");
  g_assert_null (clab_compare_dup_change_short (&missing));
  /* The table's long form keeps the same rule. */
  tiny_text = clab_compare_dup_change_text (&tiny_change);
  g_assert_cmpstr (tiny_text, ==, "+0.0 ± 0.4 % (no clear change)");
}

static void
test_plans_differ (void)
{
  g_autoptr(ClabPlan) sleep_plan = make_plan (CLAB_WORKLOAD_SLEEP, 2, 2, 2);
  g_autoptr(ClabPlan) more_workers = make_plan (CLAB_WORKLOAD_CPU, 50, 8, 64);
  g_autoptr(ClabPlan) bigger = make_plan (CLAB_WORKLOAD_CPU, 100, 8, 4);
  g_autoptr(ClabResult) cpu = make_result ("laptop", 4, 8.0, 2.2);
  g_autoptr(ClabResult) sleeps = make_result_with_plan (sleep_plan, "laptop", 4, 4.0, 2.0);
  g_autoptr(ClabResult) server = make_result_with_plan (more_workers, "server", 64, 4.0, 0.2);
  g_autoptr(ClabResult) big = make_result_with_plan (bigger, "laptop", 4, 16.0, 4.4);
  g_autoptr(ClabCompare) compare = clab_compare_new ();
  g_autofree char *text = NULL;
  g_autofree char *md = NULL;

  clab_compare_add (compare, cpu, NULL, NULL);
  clab_compare_add (compare, sleeps, NULL, NULL);
  clab_compare_add (compare, server, NULL, NULL);
  clab_compare_add (compare, big, NULL, NULL);

  /* Another workload or size is other work: no bare percentage. */
  for (guint i = 1; i <= 3; i += 2)
    {
      const ClabCompareCell *cell = clab_compare_get_cell (compare, i, 0);

      g_assert_false (clab_compare_plans_match (compare, i));
      g_assert_cmpint (cell->change.kind, ==, CLAB_COMPARE_CHANGE_PLANS_DIFFER);
      g_assert_true (isnan (cell->change.ratio));
      text = clab_compare_dup_change_text (&cell->change);
      g_assert_cmpstr (text, ==, "plans differ");
      g_clear_pointer (&text, g_free);
    }
  /* More workers on a bigger machine is the same work: that is what is being compared. */
  g_assert_true (clab_compare_plans_match (compare, 2));
  g_assert_cmpint (clab_compare_get_cell (compare, 2, 0)->change.kind, ==,
                   CLAB_COMPARE_CHANGE_MEASURED);
  g_assert_false (clab_compare_all_plans_match (compare));
  g_assert_cmpstr (clab_compare_get_plan_text (compare, 1), ==,
                   "Sleep, 2 s × 2 tasks, pools of 2 workers");

  md = clab_compare_to_markdown (compare);
  g_assert_nonnull (strstr (md, "The plans differ"));
  g_assert_nonnull (strstr (md, "Sleep, 2 s × 2 tasks, pools of 2 workers (differs)"));
  g_assert_nonnull (strstr (md, "| plans differ |"));
}

static void
test_missing_and_failed (void)
{
  g_autoptr(ClabResult) reference = make_result ("a", 2, 2.0, 1.0);
  g_autoptr(ClabResult) other = make_result ("b", 2, 2.0, 1.0);
  g_autoptr(ClabCompare) compare = clab_compare_new ();

  set_stats (other, CLAB_MODE_PROCESSES, 3, 1.5, 0.01);
  clab_result_find_mode (other, CLAB_MODE_THREAD_POOL)->stats.failures = 2;
  clab_compare_add (compare, reference, NULL, NULL);
  clab_compare_add (compare, other, NULL, NULL);

  /* A mode only the other result ran is listed, with no change to show. */
  g_assert_cmpuint (clab_compare_get_n_modes (compare), ==, 3);
  g_assert_false (clab_compare_get_cell (compare, 0, find_mode (compare, CLAB_MODE_PROCESSES))->has_mean);
  g_assert_cmpint (clab_compare_get_cell (compare, 1, find_mode (compare, CLAB_MODE_PROCESSES))->change.kind,
                   ==, CLAB_COMPARE_CHANGE_MISSING);
  g_assert_cmpint (clab_compare_get_cell (compare, 1, find_mode (compare, CLAB_MODE_THREAD_POOL))->change.kind,
                   ==, CLAB_COMPARE_CHANGE_FAILED);
}

static void
test_machines_named (void)
{
  g_autoptr(ClabResult) before = make_result ("box", 8, 2.0, 1.0);
  g_autoptr(ClabResult) after = make_result ("box", 8, 2.0, 1.0);
  g_autoptr(ClabResult) twin = make_result ("box", 8, 2.0, 1.0);
  g_autoptr(ClabResult) evil = make_result ("evil\033]0;pwned\007|host", 1, 2.0, 1.0);
  g_autoptr(GDateTime) monday = g_date_time_new_local (2026, 11, 30, 9, 5, 0);
  g_autoptr(GDateTime) tuesday = g_date_time_new_local (2026, 12, 1, 17, 45, 0);
  g_autoptr(ClabCompare) compare = clab_compare_new ();
  g_autofree char *md = NULL;

  clab_compare_add (compare, before, "before.json", monday);
  clab_compare_add (compare, after, "after.json", tuesday);
  clab_compare_add (compare, twin, "twin.json", tuesday);
  clab_compare_add (compare, evil, NULL, NULL);

  g_assert_cmpstr (clab_compare_get_machine (compare, 0), ==, "box — 8 CPUs, Test CPU @ 1 GHz");
  g_assert_cmpstr (clab_compare_get_when (compare, 0), ==, "2026-11-30 09:05");
  g_assert_cmpstr (clab_compare_get_source (compare, 1), ==, "after.json");
  /* One machine measured three times: each name says which time, or which file. */
  g_assert_cmpstr (clab_compare_get_label (compare, 0), ==, "box · 2026-11-30 09:05");
  g_assert_cmpstr (clab_compare_get_label (compare, 1), ==, "box · after.json");
  g_assert_cmpstr (clab_compare_get_label (compare, 2), ==, "box · twin.json");
  /* A host name from a file never reaches a terminal or a table as control characters. */
  g_assert_null (strchr (clab_compare_get_label (compare, 3), '\033'));
  g_assert_nonnull (strstr (clab_compare_get_label (compare, 3), "\\x1b"));
  g_assert_cmpstr (clab_compare_get_machine (compare, 3), ==,
                   "evil\\x1b]0;pwned\\x07|host — 1 CPU, Test CPU @ 1 GHz");

  md = clab_compare_to_markdown (compare);
  g_assert_nonnull (strstr (md, "# Concurrency Lab: 4 results compared"));
  g_assert_nonnull (strstr (md, "pwned\\x07\\|host"));
  g_assert_null (strstr (md, "\033"));
}

static void
test_verdict_carried (void)
{
  g_autoptr(ClabResult) quiet = make_result ("quiet", 4, 2.0, 1.0);
  g_autoptr(ClabResult) busy = make_result ("busy", 4, 2.0, 1.0);
  g_autoptr(ClabCompare) compare = clab_compare_new ();
  g_autofree char *md = NULL;

  clab_result_set_recorded_verdict (busy, FALSE, "other programs used 48 % of the CPUs during the run");
  clab_compare_add (compare, quiet, NULL, NULL);
  clab_compare_add (compare, busy, NULL, NULL);

  g_assert_true (clab_compare_is_conclusive (compare, 0));
  g_assert_false (clab_compare_is_conclusive (compare, 1));
  g_assert_nonnull (strstr (clab_compare_get_verdict (compare, 1), "Inconclusive"));
  g_assert_nonnull (strstr (clab_compare_get_verdict (compare, 1), "48 %"));
  md = clab_compare_to_markdown (compare);
  g_assert_nonnull (strstr (md, "other programs used 48 % of the CPUs"));
}

static void
test_markdown_file (void)
{
  g_autoptr(ClabResult) a = make_result ("a", 2, 2.0, 1.0);
  g_autoptr(ClabResult) b = make_result ("b", 2, 1.0, 0.5);
  g_autoptr(ClabCompare) compare = clab_compare_new ();
  g_autofree char *folder = g_dir_make_tmp ("test-compare-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "compare.md", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  clab_compare_add (compare, a, NULL, NULL);
  clab_compare_add (compare, b, NULL, NULL);
  g_assert_true (clab_compare_save_markdown (compare, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  expected = clab_compare_to_markdown (compare);
  g_assert_cmpstr (written, ==, expected);
  g_assert_nonnull (strstr (written, "| `sequential` | b | 3 | 1.000 ± 0.010 | 1.000 | −50.0 ± 0.7 % (faster) |"));
  g_assert_cmpuint (count_entries (folder), ==, 1);
  remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/ratios", test_ratios);
  g_test_add_func ("/compare/single-runs", test_single_runs);
  g_test_add_func ("/compare/single-runs-close", test_single_runs_close);
  g_test_add_func ("/compare/change-short", test_change_short);
  g_test_add_func ("/compare/plans-differ", test_plans_differ);
  g_test_add_func ("/compare/missing-and-failed", test_missing_and_failed);
  g_test_add_func ("/compare/machines-named", test_machines_named);
  g_test_add_func ("/compare/verdict-carried", test_verdict_carried);
  g_test_add_func ("/compare/markdown-file", test_markdown_file);

  return g_test_run ();
}
