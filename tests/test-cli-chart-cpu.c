/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-run-helpers.h"

/* The CPU chart's --per-core and --memory, through the real concurrency-lab-cli. */

static char *scratch;

/* Runs the CLI with @line split at spaces; "@" at the start of a word is the scratch folder. */
static void
run_cli (const char *line,
         Outcome    *outcome)
{
  g_autoptr(GPtrArray) args = test_split_args (line, scratch);

  test_run_cli ((const char * const *) args->pdata, outcome);
  g_test_message ("%s: status %d, stderr %s", line, outcome->status, outcome->err);
}

static GBytes *
read_bytes (const char *name)
{
  g_autofree char *path = g_build_filename (scratch, name, NULL);
  gsize size = 0;
  char *contents = test_read_file (path, &size);

  return g_bytes_new_take (contents, size);
}

static void
test_help (void)
{
  Outcome outcome = { 0 };

  run_cli ("run --help", &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_nonnull (strstr (outcome.out, "--per-core"));
  g_assert_nonnull (strstr (outcome.out, "--memory"));
  outcome_clear (&outcome);
}

/* Either flag without a CPU chart is a mistake: one sentence, status 2, nothing runs. */
static void
test_without_cpu_chart (void)
{
  const char *lines[] = {
    "run --preset sleep-2x2 --per-core",
    "run --preset sleep-2x2 --chart @/e.png --memory",
    "render @/none.json --chart @/t.png --chart-type timeline --per-core --memory",
  };
  g_autofree char *e_png = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      Outcome outcome = { 0 };

      run_cli (lines[i], &outcome);
      g_assert_cmpint (outcome.status, ==, 2);
      g_assert_cmpstr (outcome.out, ==, "");
      g_assert_true (g_str_has_prefix (outcome.err, "concurrency-lab-cli: error: "));
      g_assert_nonnull (strstr (outcome.err, "--chart-type cpu"));
      g_assert_null (strchr (strchr (outcome.err, '\n') + 1, '\n'));
      outcome_clear (&outcome);
    }
  e_png = g_build_filename (scratch, "e.png", NULL);
  g_assert_false (g_file_test (e_png, G_FILE_TEST_EXISTS));
}

/* A short run records RSS samples: the chart with --memory differs from the one without, and
 * --per-core is a drawing of its own too. */
static void
test_flags_change_chart (void)
{
  g_autofree char *json = g_build_filename (scratch, "r.json", NULL);
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GBytes) both = NULL, plain = NULL, memory = NULL, per_core = NULL;
  Outcome outcome = { 0 };

  run_cli ("run --workload sleep --size 0.4 --tasks 2 --workers 2 --modes threads "
           "--sample-interval 20 --quiet --json @/r.json --chart-size 640x360 "
           "--chart @/both.png --chart-type cpu --per-core --memory", &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  outcome_clear (&outcome);
  result = test_load_result (json);

  run_cli ("render @/r.json --chart-size 640x360 --chart @/plain.png --chart-type cpu",
           &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  outcome_clear (&outcome);
  run_cli ("render @/r.json --chart-size 640x360 --chart @/memory.png --chart-type cpu --memory",
           &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  outcome_clear (&outcome);
  run_cli ("render @/r.json --chart-size 640x360 --chart @/per-core.png --chart-type cpu "
           "--per-core", &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  outcome_clear (&outcome);

  both = read_bytes ("both.png");
  plain = read_bytes ("plain.png");
  memory = read_bytes ("memory.png");
  per_core = read_bytes ("per-core.png");
  g_assert_false (g_bytes_equal (plain, memory));
  g_assert_false (g_bytes_equal (plain, per_core));
  g_assert_false (g_bytes_equal (memory, both));
  g_assert_false (g_bytes_equal (per_core, both));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  scratch = test_make_scratch ("clab-cli-chart-cpu-XXXXXX");

  g_test_add_func ("/cli-chart-cpu/help", test_help);
  g_test_add_func ("/cli-chart-cpu/without-cpu-chart", test_without_cpu_chart);
  g_test_add_func ("/cli-chart-cpu/flags-change-chart", test_flags_change_chart);

  return test_run_in_scratch (&scratch);
}
