/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-plan-counterpart.h"
#include "clab-plan-python.h"
#include "clab-stats.h"

/* The C counterpart of a Python plan: the same work on the native runtime. */

static ClabPlan *
load_preset (const char *name)
{
  g_autoptr(GError) error = NULL;
  ClabPlan *plan = clab_plan_load_preset (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static void
assert_same_modes (ClabPlan *a,
                   ClabPlan *b)
{
  guint n_a, n_b;
  const ClabMode *modes_a = clab_plan_get_modes (a, &n_a);
  const ClabMode *modes_b = clab_plan_get_modes (b, &n_b);

  g_assert_cmpuint (n_a, ==, n_b);
  g_assert_cmpmem (modes_a, n_a * sizeof (ClabMode), modes_b, n_b * sizeof (ClabMode));
}

static void
assert_same_work (ClabPlan *plan,
                  ClabPlan *counterpart)
{
  g_assert_cmpint (clab_plan_get_workload (counterpart), ==, clab_plan_get_workload (plan));
  g_assert_cmpfloat (clab_plan_get_size (counterpart), ==, clab_plan_get_size (plan));
  g_assert_cmpuint (clab_plan_get_tasks (counterpart), ==, clab_plan_get_tasks (plan));
  g_assert_cmpuint (clab_plan_get_workers (counterpart), ==, clab_plan_get_workers (plan));
  g_assert_cmpuint (clab_plan_get_runs (counterpart), ==, clab_plan_get_runs (plan));
  g_assert_cmpuint (clab_plan_get_warmup (counterpart), ==, clab_plan_get_warmup (plan));
  g_assert_cmpuint (clab_plan_get_sample_interval_ms (counterpart), ==,
                    clab_plan_get_sample_interval_ms (plan));
  g_assert_cmpfloat (clab_plan_get_timeout_s (counterpart), ==, clab_plan_get_timeout_s (plan));
  assert_same_modes (plan, counterpart);
  g_assert_true (clab_stats_plans_match (plan, counterpart));
}

static void
assert_native (ClabPlan *counterpart)
{
  g_autofree char *json = clab_plan_to_json_string (counterpart, FALSE);

  g_assert_cmpint (clab_plan_get_runtime (counterpart), ==, CLAB_RUNTIME_NATIVE);
  g_assert_cmpstr (clab_plan_get_python (counterpart), ==, CLAB_PLAN_DEFAULT_PYTHON);
  g_assert_null (clab_plan_get_start_method (counterpart));
  g_assert_null (clab_plan_get_function_file (counterpart));
  /* A native plan file holds none of the Python fields. */
  g_assert_null (strstr (json, "\"runtime\""));
  g_assert_null (strstr (json, "\"python\""));
  g_assert_null (strstr (json, "\"start_method\""));
}

static void
test_preset (void)
{
  g_autoptr(ClabPlan) plan = load_preset ("python-gil");
  g_autoptr(ClabPlan) counterpart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (clab_plan_get_title (plan));

  counterpart = clab_plan_dup_counterpart (plan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (counterpart);
  assert_same_work (plan, counterpart);
  assert_native (counterpart);
  /* Titled by what it runs, as an edited preset: the preset's words are the Python lesson. */
  g_assert_null (clab_plan_get_name (counterpart));
  g_assert_cmpstr (clab_plan_get_title (counterpart), ==, "4 CPU-bound tasks in C");
  g_assert_null (clab_plan_get_description (counterpart));
  g_assert_true (clab_plan_validate (counterpart, &error));
  g_assert_no_error (error);
  /* The Python plan stays as it was. */
  g_assert_cmpint (clab_plan_get_runtime (plan), ==, CLAB_RUNTIME_PYTHON);
  g_assert_cmpstr (clab_plan_get_name (plan), ==, "python-gil");
  g_assert_cmpstr (clab_plan_get_title (plan), ==, title);
}

static void
test_every_python_preset (void)
{
  g_auto(GStrv) names = clab_plan_list_presets ();
  guint n_python = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(ClabPlan) plan = load_preset (names[i]);
      g_autoptr(ClabPlan) counterpart = NULL;
      g_autoptr(GError) error = NULL;

      if (clab_plan_get_runtime (plan) != CLAB_RUNTIME_PYTHON)
        continue;
      n_python++;
      counterpart = clab_plan_dup_counterpart (plan, &error);
      g_assert_no_error (error);
      assert_same_work (plan, counterpart);
      assert_native (counterpart);
    }
  g_assert_cmpuint (n_python, >=, 6);
}

static void
test_fields_copied (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autoptr(ClabPlan) counterpart = NULL;
  g_autoptr(GError) error = NULL;
  const guint sweep[] = { 1, 2, 4 };
  const guint *copied;
  guint n_copied;

  clab_plan_set_runtime (plan, CLAB_RUNTIME_PYTHON);
  clab_plan_set_python (plan, "/opt/python3.13t");
  clab_plan_set_start_method (plan, "spawn");
  clab_plan_set_workload (plan, CLAB_WORKLOAD_IO);
  clab_plan_set_size (plan, 2);
  clab_plan_set_tasks (plan, 6);
  clab_plan_set_workers (plan, 3);
  clab_plan_set_runs (plan, 2);
  clab_plan_set_warmup (plan, 0);
  clab_plan_set_timeout_s (plan, 7.5);
  clab_plan_set_sample_interval_ms (plan, 50);
  clab_plan_set_io_folder (plan, "/var/tmp");
  clab_plan_set_sweep_workers (plan, sweep, G_N_ELEMENTS (sweep));
  g_assert_true (clab_plan_parse_modes (plan, "thread-pool,sequential", NULL));

  counterpart = clab_plan_dup_counterpart (plan, &error);
  g_assert_no_error (error);
  assert_same_work (plan, counterpart);
  assert_native (counterpart);
  g_assert_cmpstr (clab_plan_get_io_folder (counterpart), ==, "/var/tmp");
  copied = clab_plan_get_sweep_workers (counterpart, &n_copied);
  g_assert_cmpmem (copied, n_copied * sizeof (guint), sweep, sizeof sweep);
  g_assert_cmpstr (clab_plan_get_title (counterpart), ==, "6 file I/O tasks in C");
}

static void
test_function_refused (void)
{
  g_autoptr(ClabPlan) plan = load_preset ("python-threading");
  g_autoptr(ClabPlan) counterpart = NULL;
  g_autoptr(GError) error = NULL;

  clab_plan_set_function_file (plan, "/home/someone/task.py");
  counterpart = clab_plan_dup_counterpart (plan, &error);
  g_assert_null (counterpart);
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_assert_cmpstr (error->message, ==,
                   "This plan runs your own Python function, which has no C counterpart.");
}

/* A native plan is refused rather than handed back: there is nothing to compare it with. */
static void
test_native_refused (void)
{
  g_autoptr(ClabPlan) plan = load_preset ("cpu-bound");
  g_autoptr(ClabPlan) counterpart = NULL;
  g_autoptr(GError) error = NULL;

  counterpart = clab_plan_dup_counterpart (plan, &error);
  g_assert_null (counterpart);
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_assert_nonnull (strstr (error->message, "already runs in C"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-counterpart/preset", test_preset);
  g_test_add_func ("/plan-counterpart/every-python-preset", test_every_python_preset);
  g_test_add_func ("/plan-counterpart/fields-copied", test_fields_copied);
  g_test_add_func ("/plan-counterpart/function-refused", test_function_refused);
  g_test_add_func ("/plan-counterpart/native-refused", test_native_refused);
  return g_test_run ();
}
