/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-plan-store.h"
#include "clab-sidebar.h"
#include "gui-fixture.h"

static gboolean
chart_laid_out (Fixture *fixture)
{
  return gtk_widget_get_width (GTK_WIDGET (clab_window_get_chart_view (fixture->window))) > 0;
}

static char *
move_highlight (ClabChartView *chart,
                const char    *step)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "chart.highlight", "s", step));
  return g_strdup (clab_chart_view_get_highlight (chart));
}

static void
test_chart_keyboard (Fixture       *fixture,
                     gconstpointer  data)
{
  ClabChartView *chart = clab_window_get_chart_view (fixture->window);
  g_autoptr(ClabResult) result = run_tiny ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *back = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *next_sample = NULL;

  clab_window_show_result (fixture->window, result);
  g_assert_true (wait_for (fixture, chart_laid_out, 5000));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (chart)));

  /* The elapsed chart: one tooltip per bar; Right goes to the next, Left comes back. */
  first = move_highlight (chart, "first");
  g_assert_nonnull (first);
  second = move_highlight (chart, "next");
  g_assert_nonnull (second);
  g_assert_cmpstr (first, !=, second);
  back = move_highlight (chart, "previous");
  g_assert_cmpstr (first, ==, back);

  /* The CPU chart's one region per mode has a tooltip per sample: Right walks them. */
  clab_chart_view_set_chart_type (chart, CLAB_CHART_CPU);
  g_assert_null (clab_chart_view_get_highlight (chart));
  sample = move_highlight (chart, "first");
  next_sample = move_highlight (chart, "next");
  g_assert_nonnull (sample);
  g_assert_nonnull (next_sample);
  g_assert_cmpstr (sample, !=, next_sample);

  /* Leaving the chart takes the highlight and its popover away. */
  gtk_widget_grab_focus (GTK_WIDGET (clab_window_get_plan_editor (fixture->window)));
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  g_assert_null (clab_chart_view_get_highlight (chart));
}

/* Whether @widget holds a visible tag saying "Baseline". */
static gboolean
shows_baseline_tag (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, "baseline-tag"))
        return gtk_widget_get_visible (child);
      if (shows_baseline_tag (child))
        return TRUE;
    }
  return FALSE;
}

static void
test_baseline_marked (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *summary = GTK_WIDGET (clab_window_get_summary (fixture->window));
  g_autoptr(ClabResult) first = run_tiny ();
  g_autoptr(ClabResult) second = run_tiny ();
  g_autoptr(ClabComparison) first_item = clab_comparison_new (first, "First run", "one");
  g_autoptr(ClabComparison) second_item = clab_comparison_new (second, "Second run", "two");

  clab_application_add_result (fixture->app, first_item);
  clab_application_add_result (fixture->app, second_item);
  clab_window_show_result (fixture->window, first);
  g_assert_false (shows_baseline_tag (summary));
  gtk_widget_activate_action (window, "win.pin-baseline", NULL);
  g_assert_true (shows_baseline_tag (summary));
  g_assert_true (shows_baseline_tag (find_row (window, "First run")));
  g_assert_false (shows_baseline_tag (find_row (window, "Second run")));

  /* Another result compares against the baseline but is not it. */
  clab_window_show_result (fixture->window, second);
  g_assert_false (shows_baseline_tag (summary));
  g_assert_true (shows_baseline_tag (find_row (window, "First run")));

  gtk_widget_activate_action (window, "win.clear-baseline", NULL);
  g_assert_false (shows_baseline_tag (find_row (window, "First run")));
}

/* The summary's CPU Time switch also changes what the elapsed chart compares. */
static void
test_cpu_time_measure (Fixture       *fixture,
                       gconstpointer  data)
{
  ClabChartView *chart = clab_window_get_chart_view (fixture->window);
  ClabSummary *summary = clab_window_get_summary (fixture->window);
  g_autoptr(ClabResult) result = run_tiny ();
  g_autofree char *wall = NULL;
  g_autofree char *cpu = NULL;

  clab_window_show_result (fixture->window, result);
  g_assert_true (wait_for (fixture, chart_laid_out, 5000));
  g_assert_false (clab_chart_view_get_cpu_time (chart));
  wall = move_highlight (chart, "next");
  g_assert_null (strstr (wall, "CPU time"));

  clab_summary_set_cpu_time (summary, TRUE);
  g_assert_true (clab_chart_view_get_cpu_time (chart));
  cpu = move_highlight (chart, "next");
  g_assert_nonnull (strstr (cpu, "mean CPU time"));

  clab_summary_set_cpu_time (summary, FALSE);
  g_assert_false (clab_chart_view_get_cpu_time (chart));
}

static void
assert_sweep (ClabPlanEditor *editor,
              const guint    *expected,
              guint           n_expected)
{
  guint n;
  const guint *sweep = clab_plan_get_sweep_workers (clab_plan_editor_get_plan (editor), &n);

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (sweep[i], ==, expected[i]);
}

/* Measure Scaling sweeps the worker counts 1, 2, 4 … up to the Workers value, so that the
 * Scaling chart has data from the application alone. */
static void
test_measure_scaling (Fixture       *fixture,
                      gconstpointer  data)
{
  ClabPlanEditor *editor = clab_window_get_plan_editor (fixture->window);
  GtkWidget *toggle, *workers;

  g_assert_true (clab_window_load_preset (fixture->window, "cpu-bound"));
  toggle = find_descendant (find_row (GTK_WIDGET (editor), "Measure Scaling"), GTK_TYPE_SWITCH);
  workers = find_descendant (find_row (GTK_WIDGET (editor), "Workers"), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (toggle);
  g_assert_nonnull (workers);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  assert_sweep (editor, NULL, 0);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (workers), 6);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  assert_sweep (editor, (guint[]) { 1, 2, 4, 6 }, 4);
  g_assert_true (clab_plan_editor_get_valid (editor));

  /* A preset's own list stays, past the CPUs too, until the workers change. */
  g_assert_true (clab_window_load_preset (fixture->window, "scaling"));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  assert_sweep (editor, (guint[]) { 1, 2, 4, 8 }, 4);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (workers), 3);
  assert_sweep (editor, (guint[]) { 1, 2, 3 }, 3);

  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  assert_sweep (editor, NULL, 0);
}

/* Types @name into the Save Comparison dialog; returns whether Save may be pressed. */
static gboolean
enter_comparison_name (AdwMessageDialog *dialog,
                       const char       *name)
{
  GtkWidget *entry = find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  return adw_message_dialog_get_response_enabled (dialog, "save");
}

static AdwMessageDialog *
open_save_comparison (Fixture *fixture)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-comparison", NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

static void
test_saved_comparisons (Fixture       *fixture,
                        gconstpointer  data)
{
  ClabPlanEditor *editor = clab_window_get_plan_editor (fixture->window);
  g_autofree char *directory = clab_plan_store_dup_default_directory ();
  g_autofree char *path = g_build_filename (directory, "My sleeps.json", NULL);
  g_autoptr(ClabPlanStore) store = NULL;
  GtkWidget *sidebar, *row, *button, *reason;
  AdwMessageDialog *dialog;

  g_assert_true (clab_window_load_preset (fixture->window, "sleep-2x2"));
  dialog = open_save_comparison (fixture);
  g_assert_false (enter_comparison_name (dialog, "   "));
  g_assert_true (enter_comparison_name (dialog, "My sleeps"));
  adw_message_dialog_response (dialog, "save");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (clab_plan_get_title (clab_plan_editor_get_plan (editor)), ==, "My sleeps");
  g_assert_nonnull (find_row (GTK_WIDGET (fixture->window), "My sleeps"));

  /* A second comparison of the same name, in any case, is refused with a reason. */
  dialog = open_save_comparison (fixture);
  g_assert_false (enter_comparison_name (dialog, "my SLEEPS"));
  reason = find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LABEL);
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (reason)), "already"));
  adw_message_dialog_response (dialog, "cancel");

  /* A new sidebar over the folder lists it too: it was saved, not only remembered. */
  store = clab_plan_store_new (directory);
  sidebar = g_object_ref_sink (g_object_new (CLAB_TYPE_SIDEBAR, NULL));
  clab_sidebar_set_saved (CLAB_SIDEBAR (sidebar), clab_plan_store_get_plans (store));
  g_assert_nonnull (find_row (sidebar, "My sleeps"));
  g_object_unref (sidebar);

  g_assert_true (clab_window_load_preset (fixture->window, "cpu-bound"));
  row = find_row (GTK_WIDGET (fixture->window), "My sleeps");
  gtk_widget_activate (row);
  g_assert_cmpstr (clab_plan_get_title (clab_plan_editor_get_plan (editor)), ==, "My sleeps");
  g_assert_cmpint (clab_plan_get_workload (clab_plan_editor_get_plan (editor)), ==, CLAB_WORKLOAD_SLEEP);

  button = find_descendant (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  /* A button activated from the keyboard clicks after showing itself pressed. */
  fixture->expected_toast = "Deleted";
  gtk_widget_activate (button);
  g_assert_true (wait_for (fixture, toast_shown, 5000));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (find_row (GTK_WIDGET (fixture->window), "My sleeps"));

  /* The toast's Undo writes it back, once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-delete-comparison", "s",
                              "My sleeps");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  row = find_row (GTK_WIDGET (fixture->window), "My sleeps");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  g_assert_cmpint (clab_plan_get_workload (clab_plan_editor_get_plan (editor)), ==, CLAB_WORKLOAD_SLEEP);
  g_assert_cmpuint (clab_plan_get_tasks (clab_plan_editor_get_plan (editor)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  if (gui_test_init (&argc, &argv))
    {
      ADD_TEST ("/gui/chart/keyboard", test_chart_keyboard);
      ADD_TEST ("/gui/window/baseline", test_baseline_marked);
      ADD_TEST ("/gui/window/cpu-time-measure", test_cpu_time_measure);
      ADD_TEST ("/gui/plan-editor/measure-scaling", test_measure_scaling);
      ADD_TEST ("/gui/comparisons/save-load-delete", test_saved_comparisons);
    }
  return gui_test_run ();
}
