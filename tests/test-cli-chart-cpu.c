/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "clab-result-io.h"

/* The CPU chart's --per-core and --memory, through the real concurrency-lab-cli. */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Outcome;

static char *scratch;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->out, g_free);
  g_clear_pointer (&outcome->err, g_free);
}

/* Runs the CLI with @line split at spaces; "@" in a word stands for the scratch folder. */
static void
run_cli (const char *line,
         Outcome    *outcome)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (line);

  g_string_replace (text, "@", scratch, 0);
  words = g_strsplit (text->str, " ", -1);
  g_ptr_array_add (argv, (gpointer) g_getenv ("CLAB_CLI_PATH"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (argv, words[i]);
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  subprocess = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (subprocess, NULL, NULL, &outcome->out, &outcome->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (subprocess));
  outcome->status = g_subprocess_get_exit_status (subprocess);
  g_test_message ("%s: status %d, stderr %s", line, outcome->status, outcome->err);
}

static void
remove_scratch (void)
{
  g_autoptr(GDir) dir = g_dir_open (scratch, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch, name, NULL);

      g_unlink (path);
    }
  g_rmdir (scratch);
}

static GBytes *
read_bytes (const char *name)
{
  g_autofree char *path = g_build_filename (scratch, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize size = 0;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
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
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) both = NULL, plain = NULL, memory = NULL, per_core = NULL;
  Outcome outcome = { 0 };

  run_cli ("run --workload sleep --size 0.4 --tasks 2 --workers 2 --modes threads "
           "--sample-interval 20 --quiet --json @/r.json --chart-size 640x360 "
           "--chart @/both.png --chart-type cpu --per-core --memory", &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  outcome_clear (&outcome);
  result = clab_result_load (json, &error);
  g_assert_no_error (error);

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
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  scratch = g_dir_make_tmp ("clab-cli-chart-cpu-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli-chart-cpu/help", test_help);
  g_test_add_func ("/cli-chart-cpu/without-cpu-chart", test_without_cpu_chart);
  g_test_add_func ("/cli-chart-cpu/flags-change-chart", test_flags_change_chart);

  status = g_test_run ();
  remove_scratch ();
  g_free (scratch);
  return status;
}
