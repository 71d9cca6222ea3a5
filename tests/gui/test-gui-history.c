/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-result-io.h"
#include "clab-result-store.h"
#include "gui-fixture.h"

/* Results that outlive the window, results that show their plan, titles that follow edits,
 * and a plan that cannot change under a running comparison. */

static gboolean
history_loaded (Fixture *fixture)
{
  return clab_application_get_history_loaded (fixture->app);
}

static guint
n_results (Fixture *fixture)
{
  return g_list_model_get_n_items (clab_application_get_results (fixture->app));
}

static ClabComparison *
result_at (Fixture *fixture,
           guint    i)
{
  g_autoptr(ClabComparison) comparison = g_list_model_get_item (clab_application_get_results (fixture->app), i);

  return comparison;   /* the list keeps it */
}

static ClabApplication *
start_app (void)
{
  ClabApplication *app = clab_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

/* Closes the window and the app as a person would, then starts both again: the same data
 * folder, a new process's state. */
static void
restart (Fixture *fixture)
{
  clab_result_store_wait (clab_application_get_result_store (fixture->app));
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->app);

  fixture->app = start_app ();
  fixture->window = g_object_ref_sink (clab_window_new (fixture->app));
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (fixture, history_loaded, 10000));
}

static void
wait_kept (Fixture *fixture)
{
  clab_result_store_wait (clab_application_get_result_store (fixture->app));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static ClabPlanEditor *
editor_of (Fixture *fixture)
{
  return clab_window_get_plan_editor (fixture->window);
}

/* The spin button of the editor's row titled @title. */
static GtkSpinButton *
editor_spin (Fixture    *fixture,
             const char *title)
{
  GtkWidget *row = find_row (GTK_WIDGET (editor_of (fixture)), title);

  g_assert_nonnull (row);
  return GTK_SPIN_BUTTON (find_descendant (row, GTK_TYPE_SPIN_BUTTON));
}

static void
run_and_wait (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_true (clab_window_get_running (fixture->window));
  g_assert_true (wait_for (fixture, run_finished, 60000));
  g_assert_nonnull (clab_window_get_result (fixture->window));
}

/* The preset, made small: its modes, sleeps of 100 ms. */
static void
load_small_preset (Fixture *fixture)
{
  g_autoptr(ClabPlan) plan = NULL;

  g_assert_true (clab_window_load_preset (fixture->window, "sleep-2x2"));
  plan = clab_plan_copy (clab_plan_editor_get_plan (editor_of (fixture)));
  clab_plan_set_size (plan, 0.1);
  clab_plan_set_sample_interval_ms (plan, 20);
  clab_plan_editor_set_plan (editor_of (fixture), plan);
}

static const char *
run_button_label (Fixture *fixture)
{
  GtkWidget *button = find_actionable (GTK_WIDGET (fixture->window), "win.run");

  g_assert_nonnull (button);
  return gtk_button_get_label (GTK_BUTTON (button));
}

typedef struct
{
  const char *title;
  gboolean    result;
} RowWanted;

/* A label reading the title in a row of the kind wanted: a result's row has a menu (Rename,
 * Show in Files, Delete); a preset's none. */
static gboolean
label_in_row (GtkWidget     *widget,
              gconstpointer  data)
{
  const RowWanted *wanted = data;
  GtkWidget *row;

  if (!GTK_IS_LABEL (widget)
      || g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), wanted->title) != 0)
    return FALSE;
  row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  return row != NULL && (find_descendant (row, GTK_TYPE_MENU_BUTTON) != NULL) == wanted->result;
}

/* The row showing @title under @widget: a result's if @result, else a preset's. */
static GtkWidget *
find_rows (GtkWidget  *widget,
           const char *title,
           gboolean    result)
{
  RowWanted wanted = { title, result };
  GtkWidget *label = find_widget (widget, label_in_row, &wanted);

  return label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW) : NULL;
}

/* The row of the result titled @title in the sidebar's Results. */
static GtkWidget *
find_result_row (Fixture    *fixture,
                 const char *title)
{
  return find_rows (GTK_WIDGET (fixture->window), title, TRUE);
}

static gboolean
shows_result (Fixture *fixture)
{
  return clab_window_get_result (fixture->window) != NULL &&
         clab_window_get_result (fixture->window) == clab_comparison_get_result (result_at (fixture, 0));
}

/* Item 1 and 2: run, quit, start again; the result is listed, its file kept, and it shows the
 * plan it ran, which Run Again runs once more. */
static void
test_survives_restart (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = clab_result_store_dup_default_directory ();
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ClabPlan) ran = NULL;
  ClabComparison *kept;
  GtkWidget *row;

  g_assert_true (wait_for (fixture, history_loaded, 10000));
  g_assert_cmpuint (n_results (fixture), ==, 0);
  load_small_preset (fixture);
  run_and_wait (fixture);
  g_assert_cmpuint (n_results (fixture), ==, 1);
  wait_kept (fixture);
  id = g_strdup (clab_comparison_get_id (result_at (fixture, 0)));
  path = g_strdup (clab_comparison_get_path (result_at (fixture, 0)));
  g_assert_nonnull (id);
  g_assert_true (g_str_has_prefix (path, folder));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  ran = clab_plan_copy (clab_result_get_plan (clab_window_get_result (fixture->window)));

  restart (fixture);
  g_assert_cmpuint (n_results (fixture), ==, 1);
  kept = result_at (fixture, 0);
  g_assert_cmpstr (clab_comparison_get_id (kept), ==, id);
  g_assert_cmpstr (clab_comparison_get_title (kept), ==, "Two sleeps, two workers");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* Listed, not read: it is read when a person chooses it. */
  g_assert_null (clab_comparison_get_result (kept));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "Today"));

  /* Another plan in the editor; choosing the result brings back its own. */
  g_assert_true (clab_window_load_preset (fixture->window, "cpu-bound"));
  row = find_result_row (fixture, "Two sleeps, two workers");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  g_assert_true (wait_for (fixture, shows_result, 10000));
  g_assert_true (clab_plan_editor_shows_plan (editor_of (fixture), ran));
  g_assert_cmpfloat (clab_plan_get_size (clab_plan_editor_get_plan (editor_of (fixture))), ==, 0.1);
  g_assert_false (clab_plan_editor_get_modified (editor_of (fixture)));
  g_assert_cmpstr (run_button_label (fixture), ==, "_Run Again");

  /* Run Again runs exactly that plan. */
  run_and_wait (fixture);
  g_assert_cmpuint (n_results (fixture), ==, 2);
  g_assert_true (clab_plan_editor_shows_plan (editor_of (fixture),
                                              clab_result_get_plan (clab_comparison_get_result (result_at (fixture, 0)))));
  g_assert_true (clab_plan_editor_shows_plan (editor_of (fixture), ran));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static ClabComparison *
add_tiny (Fixture *fixture)
{
  g_autoptr(ClabResult) result = run_tiny ();
  g_autoptr(ClabComparison) comparison = clab_comparison_new_finished (result);

  clab_application_add_result (fixture->app, comparison);
  return comparison;
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  ClabComparison *comparison;
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  g_autofree char *id = NULL;

  g_assert_true (wait_for (fixture, history_loaded, 10000));
  comparison = add_tiny (fixture);
  id = g_strdup (clab_comparison_get_id (comparison));
  g_assert_cmpstr (clab_comparison_get_title (comparison), ==, "2 sleeping tasks");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rename-result", "s", id);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "2 sleeping tasks");
  gtk_editable_set_text (entry, "Before the upgrade");
  respond (dialog, "rename");
  g_assert_cmpstr (clab_comparison_get_title (comparison), ==, "Before the upgrade");
  /* The row shows the new name at once. */
  g_assert_nonnull (find_result_row (fixture, "Before the upgrade"));

  restart (fixture);
  g_assert_cmpuint (n_results (fixture), ==, 1);
  g_assert_cmpstr (clab_comparison_get_id (result_at (fixture, 0)), ==, id);
  g_assert_cmpstr (clab_comparison_get_title (result_at (fixture, 0)), ==, "Before the upgrade");
  g_assert_nonnull (find_result_row (fixture, "Before the upgrade"));
}

static gboolean
toast_deleted (Fixture *fixture)
{
  const char *toast = clab_window_get_last_toast (fixture->window);

  return toast != NULL && g_str_has_prefix (toast, "Deleted");
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *first_id = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *second_id = NULL;

  g_assert_true (wait_for (fixture, history_loaded, 10000));
  first_id = g_strdup (clab_comparison_get_id (add_tiny (fixture)));
  second_id = g_strdup (clab_comparison_get_id (add_tiny (fixture)));
  first_path = g_strdup (clab_comparison_get_path (clab_application_find_result (fixture->app, first_id)));
  wait_kept (fixture);
  g_assert_true (g_file_test (first_path, G_FILE_TEST_IS_REGULAR));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-result", "s", first_id);
  g_assert_true (toast_deleted (fixture));
  g_assert_cmpuint (n_results (fixture), ==, 1);
  wait_kept (fixture);
  g_assert_false (g_file_test (first_path, G_FILE_TEST_EXISTS));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-delete-result", "s", first_id);
  g_assert_cmpuint (n_results (fixture), ==, 2);
  g_assert_nonnull (clab_application_find_result (fixture->app, first_id));
  /* Back in its place among the others, newest first. */
  g_assert_cmpstr (clab_comparison_get_id (result_at (fixture, 1)), ==, first_id);
  wait_kept (fixture);
  g_assert_true (g_file_test (first_path, G_FILE_TEST_IS_REGULAR));

  /* Deleted and not brought back: gone after a restart, file and all. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-result", "s", first_id);
  restart (fixture);
  g_assert_cmpuint (n_results (fixture), ==, 1);
  g_assert_cmpstr (clab_comparison_get_id (result_at (fixture, 0)), ==, second_id);
  g_assert_false (g_file_test (first_path, G_FILE_TEST_EXISTS));
}

/* Kept results are grouped by day: Today, Yesterday, then the date. */
static void
test_day_groups (Fixture       *fixture,
                 gconstpointer  data)
{
  ClabResultStore *store = clab_application_get_result_store (fixture->app);
  g_autoptr(ClabResult) result = run_tiny ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *times[3];

  times[0] = g_date_time_add_days (now, -1);
  times[1] = g_date_time_add_days (now, -40);
  times[2] = g_date_time_add_minutes (times[0], -5);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(ClabStoredResult) info = clab_result_store_prepare (store, result, NULL, times[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (clab_result_store_add (store, info, result, &error));
      g_assert_no_error (error);
      g_date_time_unref (times[i]);
    }
  restart (fixture);
  add_tiny (fixture);
  g_assert_cmpuint (n_results (fixture), ==, 4);
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "Today"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "Yesterday"));
  /* Newest first: today's, yesterday's two, then the one of 40 days ago. */
  for (guint i = 0; i + 1 < n_results (fixture); i++)
    g_assert_cmpint (g_date_time_compare (clab_comparison_get_time (result_at (fixture, i)),
                                          clab_comparison_get_time (result_at (fixture, i + 1))), >=, 0);
}

static void
select_workload (Fixture          *fixture,
                 ClabWorkloadKind  kind)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (GTK_WIDGET (editor_of (fixture)), "Kind"));

  adw_combo_row_set_selected (row, kind);
}

/* Item 3: an edited preset is marked, and its result titled by what it ran. */
static void
test_title_follows_edits (Fixture       *fixture,
                          gconstpointer  data)
{
  ClabPlanEditor *editor = editor_of (fixture);
  GtkWidget *tag;
  ClabResult *result;

  load_small_preset (fixture);
  g_assert_false (clab_plan_editor_get_modified (editor));
  tag = find_label (GTK_WIDGET (editor), "Modified");
  g_assert_nonnull (tag);
  g_assert_false (gtk_widget_get_visible (tag));

  select_workload (fixture, CLAB_WORKLOAD_CPU);
  gtk_spin_button_set_value (editor_spin (fixture, "Tasks"), 8);
  gtk_spin_button_set_value (editor_spin (fixture, "Size"), 2);
  g_assert_true (clab_plan_editor_get_modified (editor));
  g_assert_true (gtk_widget_get_visible (tag));
  g_assert_cmpstr (clab_plan_get_title (clab_plan_editor_get_plan (editor)), ==, "8 CPU-bound tasks");
  g_assert_null (clab_plan_get_name (clab_plan_editor_get_plan (editor)));
  g_assert_nonnull (find_label (GTK_WIDGET (editor), "Changed from “Two sleeps, two workers”"));

  /* Edited back, it is the preset again. */
  select_workload (fixture, CLAB_WORKLOAD_SLEEP);
  gtk_spin_button_set_value (editor_spin (fixture, "Size"), 0.1);
  gtk_spin_button_set_value (editor_spin (fixture, "Tasks"), 2);
  g_assert_false (clab_plan_editor_get_modified (editor));
  g_assert_false (gtk_widget_get_visible (tag));
  g_assert_cmpstr (clab_plan_get_title (clab_plan_editor_get_plan (editor)), ==, "Two sleeps, two workers");
  g_assert_cmpstr (clab_plan_get_name (clab_plan_editor_get_plan (editor)), ==, "sleep-2x2");

  select_workload (fixture, CLAB_WORKLOAD_CPU);
  gtk_spin_button_set_value (editor_spin (fixture, "Tasks"), 8);
  gtk_spin_button_set_value (editor_spin (fixture, "Size"), 2);
  run_and_wait (fixture);
  result = clab_window_get_result (fixture->window);
  g_assert_cmpstr (clab_comparison_get_title (result_at (fixture, 0)), ==, "8 CPU-bound tasks");
  /* The result's own plan, which its charts and exports are titled by. */
  g_assert_cmpstr (clab_plan_get_title (clab_result_get_plan (result)), ==, "8 CPU-bound tasks");
  /* The editor now holds the plan of the result shown, unchanged. */
  g_assert_false (clab_plan_editor_get_modified (editor));
  g_assert_cmpstr (run_button_label (fixture), ==, "_Run Again");
}

/* Item 2: each result shows its own plan; editing it starts a new, unsaved plan. */
static void
test_result_shows_plan (Fixture       *fixture,
                        gconstpointer  data)
{
  ClabPlanEditor *editor = editor_of (fixture);
  g_autoptr(ClabPlan) cpu_plan = make_plan (CLAB_WORKLOAD_CPU, 2, 3, "sequential,threads");
  g_autoptr(ClabRunner) runner = clab_runner_new (cpu_plan);
  g_autoptr(ClabResult) cpu = clab_runner_run (runner, NULL, NULL);
  g_autoptr(ClabComparison) cpu_item = clab_comparison_new_finished (cpu);
  ClabComparison *sleep_item;

  g_assert_nonnull (cpu);
  sleep_item = add_tiny (fixture);
  clab_application_add_result (fixture->app, cpu_item);
  g_assert_true (clab_window_load_preset (fixture->window, "cpu-bound"));

  gtk_widget_activate (find_result_row (fixture, clab_comparison_get_title (sleep_item)));
  g_assert_cmpint (clab_plan_get_workload (clab_plan_editor_get_plan (editor)), ==, CLAB_WORKLOAD_SLEEP);
  g_assert_cmpuint (clab_plan_get_tasks (clab_plan_editor_get_plan (editor)), ==, 2);
  g_assert_cmpstr (run_button_label (fixture), ==, "_Run Again");

  gtk_widget_activate (find_result_row (fixture, "3 CPU-bound tasks"));
  g_assert_true (clab_window_get_result (fixture->window) == cpu);
  g_assert_true (clab_plan_editor_shows_plan (editor, cpu_plan));
  g_assert_cmpstr (run_button_label (fixture), ==, "_Run Again");

  gtk_spin_button_set_value (editor_spin (fixture, "Tasks"), 4);
  g_assert_true (clab_plan_editor_get_modified (editor));
  g_assert_cmpstr (clab_plan_get_title (clab_plan_editor_get_plan (editor)), ==, "4 CPU-bound tasks");
  g_assert_cmpstr (run_button_label (fixture), ==, "_Run");
  /* The result itself is as it was. */
  g_assert_cmpuint (clab_plan_get_tasks (clab_result_get_plan (cpu)), ==, 3);
}

static gboolean
two_listed (Fixture *fixture)
{
  return n_results (fixture) == 2;
}

/* A result file opened from elsewhere is kept too, as it was, and shows its own plan. */
static void
test_opened_file_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 2, 5, "sequential,threads");
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);
  g_autoptr(ClabResult) result = clab_runner_run (runner, NULL, NULL);
  g_autofree char *source = g_build_filename (fixture->tmpdir, "from-the-server.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *kept_text = NULL;
  g_autofree char *kept_path = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(GFile) kept_file = NULL;
  ClabComparison *opened;

  g_assert_true (wait_for (fixture, history_loaded, 10000));
  g_assert_true (clab_result_save_json (result, source, NULL));
  clab_window_open_file (fixture->window, file);
  g_assert_true (wait_for (fixture, result_shown, 10000));
  g_assert_true (clab_plan_editor_shows_plan (editor_of (fixture), plan));
  wait_kept (fixture);
  opened = result_at (fixture, 0);
  kept_path = g_strdup (clab_comparison_get_path (opened));
  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  g_assert_true (g_file_get_contents (kept_path, &kept_text, NULL, NULL));
  g_assert_cmpstr (kept_text, ==, text);
  clab_application_rename_result (fixture->app, opened, "The server");

  restart (fixture);
  g_assert_cmpuint (n_results (fixture), ==, 1);
  g_assert_cmpstr (clab_comparison_get_source (result_at (fixture, 0)), ==, source);
  g_assert_nonnull (strstr (clab_comparison_get_subtitle (result_at (fixture, 0)), "from-the-server.json"));
  /* Opening the kept file itself lists it once, under the name it was given. */
  kept_file = g_file_new_for_path (kept_path);
  clab_window_open_file (fixture->window, kept_file);
  g_assert_true (wait_for (fixture, result_shown, 10000));
  g_assert_false (wait_for (fixture, two_listed, 500));
  g_assert_cmpuint (n_results (fixture), ==, 1);
  g_assert_cmpstr (clab_comparison_get_title (result_at (fixture, 0)), ==, "The server");
}

static gboolean
run_started (Fixture *fixture)
{
  return clab_window_get_running (fixture->window);
}

/* The sidebar shows it is locked a frame after the run starts (clab-window-run.c). */
static gboolean
presets_locked (Fixture *fixture)
{
  GtkWidget *preset = find_rows (GTK_WIDGET (fixture->window), "Two sleeps, two workers", FALSE);
  GtkWidget *list = gtk_widget_get_ancestor (preset, GTK_TYPE_LIST_BOX);

  /* Locked without going insensitive (clab-sidebar.c): no pointer, faded. */
  return !gtk_widget_get_can_target (list) && gtk_widget_get_opacity (list) < 1.0;
}

/* Item 4: while a comparison runs, its plan cannot change, and the editor says so. */
static void
test_locked_while_running (Fixture       *fixture,
                           gconstpointer  data)
{
  ClabPlanEditor *editor = editor_of (fixture);
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 30, 1, "sequential");
  GtkWidget *lock_line = find_label (GTK_WIDGET (editor), "The plan cannot change while it runs.");
  GtkSpinButton *tasks = editor_spin (fixture, "Tasks");
  GtkWidget *preset = find_rows (GTK_WIDGET (fixture->window), "Two sleeps, two workers", FALSE);
  GtkWidget *presets = gtk_widget_get_ancestor (preset, GTK_TYPE_LIST_BOX);

  g_assert_nonnull (lock_line);
  g_assert_false (gtk_widget_is_visible (lock_line));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (tasks)));
  clab_plan_editor_set_plan (editor, plan);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_true (wait_for (fixture, run_started, 5000));

  /* The editor locks at once; a preset chosen before the sidebar looks locked is ignored. */
  g_assert_true (clab_plan_editor_get_locked (editor));
  g_assert_true (gtk_widget_is_visible (lock_line));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (tasks)));
  g_signal_emit_by_name (presets, "row-activated", preset);
  g_assert_cmpint (clab_plan_get_workload (clab_plan_editor_get_plan (editor)), ==, CLAB_WORKLOAD_SLEEP);
  g_assert_cmpuint (clab_plan_get_tasks (clab_plan_editor_get_plan (editor)), ==, 1);
  g_assert_true (wait_for (fixture, presets_locked, 60000));
  /* Neither a preset nor a saved comparison replaces it. */
  g_assert_false (clab_window_load_preset (fixture->window, "cpu-bound"));
  g_assert_cmpuint (clab_plan_get_tasks (clab_plan_editor_get_plan (editor)), ==, 1);
  g_assert_cmpint (clab_plan_get_workload (clab_plan_editor_get_plan (editor)), ==, CLAB_WORKLOAD_SLEEP);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL);
  g_assert_true (wait_for (fixture, run_finished, 60000));
  g_assert_false (clab_plan_editor_get_locked (editor));
  g_assert_false (gtk_widget_is_visible (lock_line));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (tasks)));
  g_assert_false (presets_locked (fixture));
}

/* The engine starts after the frames that start a run are drawn (clab-window-run.c); a
 * window that draws none, hidden here, still runs its plan. */
static void
test_runs_without_frames (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.05, 1, "sequential");
  guint before = n_results (fixture);

  clab_plan_editor_set_plan (editor_of (fixture), plan);
  gtk_widget_set_visible (GTK_WIDGET (fixture->window), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_true (clab_window_get_running (fixture->window));
  g_assert_true (wait_for (fixture, run_finished, 60000));
  g_assert_cmpuint (n_results (fixture), ==, before + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  if (gui_test_init (&argc, &argv))
    {
      ADD_TEST ("/gui/history/survives-restart", test_survives_restart);
      ADD_TEST ("/gui/history/rename", test_rename);
      ADD_TEST ("/gui/history/delete-undo", test_delete_undo);
      ADD_TEST ("/gui/history/day-groups", test_day_groups);
      ADD_TEST ("/gui/history/opened-file-kept", test_opened_file_kept);
      ADD_TEST ("/gui/history/result-shows-plan", test_result_shows_plan);
      ADD_TEST ("/gui/history/title-follows-edits", test_title_follows_edits);
      ADD_TEST ("/gui/history/locked-while-running", test_locked_while_running);
      ADD_TEST ("/gui/history/runs-without-frames", test_runs_without_frames);
    }
  return gui_test_run ();
}
