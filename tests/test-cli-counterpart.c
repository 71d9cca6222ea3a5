/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "clab-plan-python.h"
#include "clab-result-io.h"

/* run --counterpart: a Python plan, then the same plan in C, and the two side by side. */

static char *scratch;

typedef struct
{
  char *out;
  char *err;
  int   status;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->out, g_free);
  g_clear_pointer (&outcome->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static const char *
python (void)
{
  const char *path = g_getenv ("CLAB_TEST_PYTHON");

  return path != NULL && *path != '\0' ? path : "python3";
}

/* Runs the command line with @extra after a tiny Python plan: two tasks sleeping 0.05 s. */
static void
run_cli (const char * const *extra,
         gboolean            python_plan,
         Outcome            *outcome)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  const char *plan[] = { "run", "--workload", "sleep", "--size", "0.05", "--tasks", "2",
                         "--modes", "sequential,threads", "--runs", "1", "--warmup", "0", NULL };

  g_assert_nonnull (g_getenv ("CLAB_CLI_PATH"));
  g_ptr_array_add (args, (char *) g_getenv ("CLAB_CLI_PATH"));
  for (guint i = 0; plan[i] != NULL; i++)
    g_ptr_array_add (args, (char *) plan[i]);
  if (python_plan)
    {
      g_ptr_array_add (args, "--runtime=python");
      g_ptr_array_add (args, "--python");
      g_ptr_array_add (args, (char *) python ());
    }
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (char *) extra[i]);
  g_ptr_array_add (args, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (subprocess, NULL, NULL, &outcome->out, &outcome->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (subprocess));
  outcome->status = g_subprocess_get_exit_status (subprocess);
  g_test_message ("stdout: %s\nstderr: %s", outcome->out, outcome->err);
}

static ClabResult *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  ClabResult *result = clab_result_load (path, &error);

  g_assert_no_error (error);
  return result;
}

static void
test_both_runtimes (void)
{
  g_autofree char *json = g_build_filename (scratch, "gil.json", NULL);
  g_autofree char *json_c = g_build_filename (scratch, "gil-c.json", NULL);
  const char *extra[] = { "--counterpart", "--json", json, NULL };
  g_auto(Outcome) outcome = { 0 };
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(ClabResult) counterpart = NULL;

  run_cli (extra, TRUE, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  /* The compare command's heading and table, with each result named by its runtime. */
  g_assert_nonnull (strstr (outcome.out, "Concurrency Lab: 2 results compared"));
  g_assert_nonnull (strstr (outcome.out, "Native C"));
  g_assert_nonnull (strstr (outcome.out, "Python"));
  g_assert_nonnull (strstr (outcome.out, "Change against 1"));
  g_assert_null (strstr (outcome.out, "The plans differ"));

  result = load (json);
  counterpart = load (json_c);
  g_assert_cmpint (clab_plan_get_runtime (clab_result_get_plan (result)), ==, CLAB_RUNTIME_PYTHON);
  g_assert_cmpint (clab_plan_get_runtime (clab_result_get_plan (counterpart)), ==,
                   CLAB_RUNTIME_NATIVE);
  g_assert_cmpuint (clab_plan_get_tasks (clab_result_get_plan (counterpart)), ==, 2);
  g_assert_cmpstr (clab_plan_get_title (clab_result_get_plan (counterpart)), ==,
                   "2 sleeping tasks in C");
}

static void
test_native_refused (void)
{
  const char *extra[] = { "--counterpart", NULL };
  g_auto(Outcome) outcome = { 0 };

  run_cli (extra, FALSE, &outcome);
  g_assert_cmpint (outcome.status, ==, 2);
  g_assert_nonnull (strstr (outcome.err, "already runs in C"));
  g_assert_cmpstr (outcome.out, ==, "");
}

static void
test_json_stdout_refused (void)
{
  const char *extra[] = { "--counterpart", "--json", "-", NULL };
  g_auto(Outcome) outcome = { 0 };

  run_cli (extra, TRUE, &outcome);
  g_assert_cmpint (outcome.status, ==, 2);
  g_assert_nonnull (strstr (outcome.err, "give --json a file name"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *json = NULL;
  g_autofree char *json_c = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  scratch = g_dir_make_tmp ("clab-cli-counterpart-XXXXXX", NULL);
  g_assert_nonnull (scratch);

  g_test_add_func ("/cli-counterpart/both-runtimes", test_both_runtimes);
  g_test_add_func ("/cli-counterpart/native-refused", test_native_refused);
  g_test_add_func ("/cli-counterpart/json-stdout-refused", test_json_stdout_refused);
  status = g_test_run ();
  /* Only the files this test wrote. */
  json = g_build_filename (scratch, "gil.json", NULL);
  json_c = g_build_filename (scratch, "gil-c.json", NULL);
  g_unlink (json);
  g_unlink (json_c);
  g_rmdir (scratch);
  g_free (scratch);
  return status;
}
