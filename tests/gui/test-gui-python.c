/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "clab-plan-python.h"
#include "clab-runtime-editor.h"
#include "gui-fixture.h"

/* The plan editor's Runtime group, driven as a person would: its rows, its code. */

static ClabRuntimeEditor *
runtime_editor (Fixture *fixture)
{
  GtkWidget *editor = GTK_WIDGET (clab_window_get_plan_editor (fixture->window));
  GtkWidget *found = find_descendant (editor, CLAB_TYPE_RUNTIME_EDITOR);

  g_assert_nonnull (found);
  return CLAB_RUNTIME_EDITOR (found);
}

static ClabPlan *
shown_plan (Fixture *fixture)
{
  return clab_plan_editor_get_plan (clab_window_get_plan_editor (fixture->window));
}

static AdwComboRow *
combo (Fixture    *fixture,
       const char *title)
{
  GtkWidget *row = find_with_property (GTK_WIDGET (runtime_editor (fixture)), ADW_TYPE_COMBO_ROW,
                                       "title", title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static gboolean
interpreters_listed (Fixture *fixture)
{
  GListModel *model = adw_combo_row_get_model (combo (fixture, "Interpreter"));

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_has_prefix (gtk_string_object_get_string (item), "python3 ("))
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_done (Fixture *fixture)
{
  return !clab_runtime_editor_get_checking (runtime_editor (fixture));
}

static gboolean
plan_invalid (Fixture *fixture)
{
  return check_done (fixture)
         && !clab_plan_editor_get_valid (clab_window_get_plan_editor (fixture->window));
}

static gboolean
plan_valid (Fixture *fixture)
{
  return check_done (fixture)
         && clab_plan_editor_get_valid (clab_window_get_plan_editor (fixture->window));
}

static const char *expected_function;  /* the name function_taken() waits for */

static gboolean
function_taken (Fixture *fixture)
{
  const char *function = clab_plan_get_function_file (shown_plan (fixture));

  return function != NULL && g_str_has_suffix (function, expected_function)
         && check_done (fixture);
}

static void
select_python (Fixture *fixture)
{
  adw_combo_row_set_selected (combo (fixture, "Runs On"), CLAB_RUNTIME_PYTHON);
  g_assert_cmpuint (clab_plan_get_runtime (shown_plan (fixture)), ==, CLAB_RUNTIME_PYTHON);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *code)
{
  char *path = g_build_filename (fixture->tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, code, -1, NULL));
  return path;
}

/* Opens @code as the plan's function, as the Open… button does with a chosen file. */
static void
open_function (Fixture    *fixture,
               const char *name,
               const char *code)
{
  g_autofree char *path = write_file (fixture, name, code);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  expected_function = name;
  clab_runtime_editor_load_function (runtime_editor (fixture), file);
  g_assert_true (wait_for (fixture, function_taken, 60000));
}

static void
test_interpreters (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwComboRow *python_row = combo (fixture, "Interpreter");

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (python_row)));
  select_python (fixture);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (python_row)));
  g_assert_true (wait_for (fixture, interpreters_listed, 60000));
  g_assert_cmpstr (clab_plan_get_python (shown_plan (fixture)), ==, "python3");
  g_assert_true (wait_for (fixture, plan_valid, 60000));
}

static void
test_start_method_and_function (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char code[] = "def task(index, size):\n    return index * 2\n";
  g_autofree char *functions = clab_runtime_editor_functions_dir ();
  g_autofree char *folder = NULL, *saved = NULL;
  const char *function;

  select_python (fixture);
  adw_combo_row_set_selected (combo (fixture, "Start Method"), 2);
  g_assert_cmpstr (clab_plan_get_start_method (shown_plan (fixture)), ==, "spawn");
  adw_combo_row_set_selected (combo (fixture, "Start Method"), 0);
  g_assert_null (clab_plan_get_start_method (shown_plan (fixture)));
  adw_combo_row_set_selected (combo (fixture, "Start Method"), 1);

  open_function (fixture, "double.py", code);
  /* The code is kept beside the person's plans, not where it was opened. */
  function = clab_plan_get_function_file (shown_plan (fixture));
  folder = g_path_get_dirname (function);
  g_assert_cmpstr (folder, ==, functions);
  g_assert_true (g_str_has_suffix (function, "double.py"));
  g_assert_true (g_file_get_contents (function, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, code);
  g_assert_cmpstr (clab_plan_get_start_method (shown_plan (fixture)), ==, "fork");
  g_assert_true (wait_for (fixture, plan_valid, 60000));

  /* Back to native: the plan no longer names a function, and is valid. */
  adw_combo_row_set_selected (combo (fixture, "Runs On"), CLAB_RUNTIME_NATIVE);
  g_assert_null (clab_plan_get_function_file (shown_plan (fixture)));
  g_assert_true (clab_plan_editor_get_valid (clab_window_get_plan_editor (fixture->window)));
}

static void
test_bad_function (Fixture       *fixture,
                   gconstpointer  data)
{
  ClabPlanEditor *editor = clab_window_get_plan_editor (fixture->window);

  select_python (fixture);
  open_function (fixture, "nothing.py", "def work(index, size):\n    return 1\n");
  g_assert_true (wait_for (fixture, plan_invalid, 60000));
  g_test_message ("%s", clab_plan_editor_get_message (editor));
  g_assert_nonnull (strstr (clab_plan_editor_get_message (editor), "task(index, size)"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_false (clab_window_get_running (fixture->window));

  open_function (fixture, "broken.py", "def task(index, size):\n    return (1,\n\n");
  g_assert_true (wait_for (fixture, plan_invalid, 60000));
  g_test_message ("%s", clab_plan_editor_get_message (editor));
  g_assert_nonnull (strstr (clab_plan_editor_get_message (editor), "syntax error on line"));
}

static void
test_run_python (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.1, 2, "threads");
  const ClabSystemInfo *system;
  ClabResult *result;

  clab_plan_set_runtime (plan, CLAB_RUNTIME_PYTHON);
  clab_plan_editor_set_plan (clab_window_get_plan_editor (fixture->window), plan);
  g_assert_true (wait_for (fixture, plan_valid, 60000));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_true (clab_window_get_running (fixture->window));
  g_assert_true (wait_for (fixture, run_finished, 120000));

  result = clab_window_get_result (fixture->window);
  g_assert_nonnull (result);
  g_assert_false (clab_result_get_cancelled (result));
  system = clab_result_get_system (result);
  g_assert_nonnull (system->python.version);
  g_assert_true (g_str_has_prefix (system->python.version, "3."));
  g_assert_nonnull (system->python.executable);
}

int
main (int   argc,
      char *argv[])
{
  const char *python = g_getenv ("CLAB_TEST_PYTHON");
  g_autofree char *folder = python ? g_path_get_dirname (python) : NULL;
  g_autofree char *path = g_strdup_printf ("%s%s/usr/bin:/bin", folder ? folder : "",
                                           folder ? ":" : "");

  /* A PATH of the interpreter meson found: a pyenv's shims take seconds each to answer. */
  g_setenv ("PATH", path, TRUE);
  if (!gui_test_init (&argc, &argv))
    return 0;
  ADD_TEST ("/gui-python/interpreters", test_interpreters);
  ADD_TEST ("/gui-python/start-method-and-function", test_start_method_and_function);
  ADD_TEST ("/gui-python/bad-function", test_bad_function);
  ADD_TEST ("/gui-python/run", test_run_python);
  return gui_test_run ();
}
