/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "clab-application.h"
#include "clab-compare-view.h"
#include "clab-compare-window.h"
#include "clab-comparison.h"
#include "clab-plan-python.h"
#include "clab-result-io.h"
#include "gui-fixture.h"
#include "../test-run-helpers.h"

/* Compare with C: a Python result beside the same plan run natively, run when the history has
 * none; insensitive, saying why, for a native result and for the person's own function. */

#define ACTION "win.compare-with-c"

static ClabResult *python_result;

/* The plan every test here compares: two sleeps of 50 ms, sequential and on threads. */
static ClabPlan *
make_tiny_plan (void)
{
  return make_plan (CLAB_WORKLOAD_SLEEP, 0.05, 2, "sequential,threads");
}

static ClabPlan *
make_python_plan (void)
{
  ClabPlan *plan = make_tiny_plan ();

  clab_plan_set_runtime (plan, CLAB_RUNTIME_PYTHON);
  clab_plan_set_python (plan, test_python ());
  return plan;
}

/* The plan's C counterpart, run. */
static ClabResult *
run_native (void)
{
  g_autoptr(ClabPlan) plan = make_tiny_plan ();

  return test_run_plan (plan);
}

static GtkWidget *
counterpart_button (Fixture *fixture)
{
  GtkWidget *button = find_actionable (GTK_WIDGET (fixture->window), ACTION);

  g_assert_nonnull (button);
  return button;
}

static ClabCompare *
shown_compare (void)
{
  GtkWindow *window = find_toplevel (CLAB_TYPE_COMPARE_WINDOW);

  if (window == NULL)
    return NULL;
  return clab_compare_view_get_compare (
    CLAB_COMPARE_VIEW (clab_compare_window_get_view (CLAB_COMPARE_WINDOW (window))));
}

static gboolean
compare_shown (Fixture *fixture)
{
  ClabCompare *compare = shown_compare ();

  return compare != NULL && clab_compare_get_n_results (compare) == 2;
}

static ClabRuntime
runtime_of (ClabCompare *compare,
            guint        i)
{
  return clab_plan_get_runtime (clab_result_get_plan (clab_compare_get_result (compare, i)));
}

/* One result per runtime, the Python one the reference, each named by its runtime. */
static void
assert_python_beside_c (void)
{
  ClabCompare *compare = shown_compare ();

  g_assert_nonnull (compare);
  g_assert_true (clab_compare_get_result (compare, 0) == python_result);
  g_assert_cmpint (runtime_of (compare, 0), ==, CLAB_RUNTIME_PYTHON);
  g_assert_cmpint (runtime_of (compare, 1), ==, CLAB_RUNTIME_NATIVE);
  g_assert_true (clab_compare_all_plans_match (compare));
  g_assert_nonnull (strstr (clab_compare_get_label (compare, 0), "CPython"));
  g_assert_nonnull (strstr (clab_compare_get_label (compare, 1), "Native C"));
}

static void
show (Fixture    *fixture,
      ClabResult *result)
{
  g_autoptr(ClabComparison) comparison = clab_comparison_new_finished (result);

  clab_application_add_result (fixture->app, comparison);
  clab_window_show_result (fixture->window, result);
}

static void
destroy_compare_window (void)
{
  GtkWindow *window = find_toplevel (CLAB_TYPE_COMPARE_WINDOW);

  if (window != NULL)
    gtk_window_destroy (window);
}

/* No C result yet: it runs as any run, then the comparison opens. */
static void
test_runs_counterpart (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *button;

  show (fixture, python_result);
  button = counterpart_button (fixture);
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), ACTION, NULL);
  g_assert_true (clab_window_get_running (fixture->window));
  /* Not twice at once. */
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "A comparison is running");
  g_assert_true (wait_for (fixture, run_finished, 60000));
  g_assert_true (wait_for (fixture, compare_shown, 10000));
  assert_python_beside_c ();
  /* The C result is listed, and shown in the window. */
  g_assert_cmpuint (g_list_model_get_n_items (clab_application_get_results (fixture->app)), ==, 2);
  g_assert_cmpint (clab_plan_get_runtime (clab_result_get_plan (clab_window_get_result (fixture->window))),
                   ==, CLAB_RUNTIME_NATIVE);
  destroy_compare_window ();
}

/* A C result of the same plan in the history: compared at once, nothing runs. */
static void
test_from_history (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ClabResult) native = run_native ();
  g_autoptr(ClabComparison) comparison = clab_comparison_new_finished (native);

  clab_application_add_result (fixture->app, comparison);
  show (fixture, python_result);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), ACTION, NULL);
  g_assert_false (clab_window_get_running (fixture->window));
  g_assert_true (wait_for (fixture, compare_shown, 10000));
  assert_python_beside_c ();
  g_assert_true (clab_compare_get_result (shown_compare (), 1) == native);
  destroy_compare_window ();
}

static void
test_native_insensitive (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ClabResult) native = run_native ();
  GtkWidget *button;

  show (fixture, native);
  button = counterpart_button (fixture);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "already runs in C"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), ACTION, NULL);
  g_assert_false (clab_window_get_running (fixture->window));
  g_assert_null (find_toplevel (CLAB_TYPE_COMPARE_WINDOW));
}

static void
test_function_insensitive (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ClabPlan) plan = make_python_plan ();
  g_autoptr(ClabResult) result = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, "task.py", NULL);
  GtkWidget *button;

  g_assert_true (g_file_set_contents (path, "def task(index, size):\n    return 0\n", -1, NULL));
  clab_plan_set_function_file (plan, path);
  result = clab_result_new (plan);
  show (fixture, result);
  button = counterpart_button (fixture);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "This plan runs your own Python function, which has no C counterpart.");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ClabPlan) plan = NULL;
  int status;

  if (!gui_test_init (&argc, &argv))
    return gui_test_run ();
  adw_init ();
  plan = make_python_plan ();
  python_result = test_run_plan (plan);
  ADD_TEST ("/gui-counterpart/runs-counterpart", test_runs_counterpart);
  ADD_TEST ("/gui-counterpart/from-history", test_from_history);
  ADD_TEST ("/gui-counterpart/native-insensitive", test_native_insensitive);
  ADD_TEST ("/gui-counterpart/function-insensitive", test_function_insensitive);
  status = gui_test_run ();
  g_clear_object (&python_result);
  return status;
}
