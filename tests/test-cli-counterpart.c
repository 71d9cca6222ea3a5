/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-plan-python.h"
#include "test-run-helpers.h"

/* run --counterpart: a Python plan, then the same plan in C, and the two side by side. */

static char *scratch;

/* Runs the command line with @extra after a tiny Python plan: two tasks sleeping 0.05 s. */
static void
run_cli (const char * const *extra,
         gboolean            python_plan,
         Outcome            *outcome)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = test_cli_launcher ();
  const char *plan[] = { "run", "--workload", "sleep", "--size", "0.05", "--tasks", "2",
                         "--modes", "sequential,threads", "--runs", "1", "--warmup", "0", NULL };

  g_ptr_array_add (args, (char *) test_cli_path ());
  for (guint i = 0; plan[i] != NULL; i++)
    g_ptr_array_add (args, (char *) plan[i]);
  if (python_plan)
    {
      g_ptr_array_add (args, "--runtime=python");
      g_ptr_array_add (args, "--python");
      g_ptr_array_add (args, (char *) test_python ());
    }
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (char *) extra[i]);
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  test_launch (launcher, (const char * const *) args->pdata, outcome);
  g_test_message ("stdout: %s\nstderr: %s", outcome->out, outcome->err);
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

  result = test_load_result (json);
  counterpart = test_load_result (json_c);
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
  g_test_init (&argc, &argv, NULL);
  scratch = test_make_scratch ("clab-cli-counterpart-XXXXXX");

  g_test_add_func ("/cli-counterpart/both-runtimes", test_both_runtimes);
  g_test_add_func ("/cli-counterpart/native-refused", test_native_refused);
  g_test_add_func ("/cli-counterpart/json-stdout-refused", test_json_stdout_refused);
  return test_run_in_scratch (&scratch);
}
