/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clab-chart-view-private.h"
#include "clab-export-dialog.h"
#include "clab-progress-line.h"
#include "clab-result-io.h"
#include "gui-fixture.h"

static void
test_starts_with_default_preset (Fixture       *fixture,
                                 gconstpointer  data)
{
  ClabPlanEditor *editor = clab_window_get_plan_editor (fixture->window);

  g_assert_cmpstr (clab_plan_get_name (clab_plan_editor_get_plan (editor)), ==, "sleep-2x2");
  g_assert_true (clab_plan_editor_get_valid (editor));
  g_assert_null (clab_window_get_result (fixture->window));
}

static void
test_run_preset (Fixture       *fixture,
                 gconstpointer  data)
{
  ClabPlanEditor *editor = clab_window_get_plan_editor (fixture->window);
  ClabChartView *chart = clab_window_get_chart_view (fixture->window);
  g_autoptr(ClabPlan) plan = NULL;
  GListModel *results;

  g_assert_true (clab_window_load_preset (fixture->window, "sleep-2x2"));
  /* The preset, made small: the same modes, sleeps of 200 ms sampled often enough for the CPU chart. */
  plan = clab_plan_copy (clab_plan_editor_get_plan (editor));
  clab_plan_set_size (plan, 0.2);
  clab_plan_set_sample_interval_ms (plan, 20);
  clab_plan_editor_set_plan (editor, plan);
  g_assert_true (clab_plan_editor_get_valid (editor));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_true (clab_window_get_running (fixture->window));
  g_assert_true (wait_for (fixture, run_finished, 60000));

  g_assert_nonnull (clab_window_get_result (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (clab_summary_get_rows (clab_window_get_summary (fixture->window))),
                    ==, 3);
  for (ClabChartType type = CLAB_CHART_ELAPSED; type <= CLAB_CHART_TIMELINE; type++)
    {
      clab_chart_view_set_chart_type (chart, type);
      g_assert_cmpuint (clab_chart_view_count_regions (chart), >, 0);
    }
  results = clab_application_get_results (fixture->app);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
}

static void
count_frame_cb (GdkFrameClock *clock,
                guint         *frames)
{
  (*frames)++;
}

static gboolean
never (Fixture *fixture)
{
  return FALSE;
}

/* An idle window draws nothing: a spinner turning on a hidden page (the Open Result one)
 * made GTK 4.8 redraw the whole window fifty times a second, idle or running a comparison,
 * taking a CPU's share from the run it measures. A blinking text cursor may draw a few. */
static void
test_idle_draws_nothing (Fixture       *fixture,
                         gconstpointer  data)
{
  GdkFrameClock *clock;
  guint frames = 0;
  gulong id;

  wait_for (fixture, never, 1000);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &frames);
  wait_for (fixture, never, 2000);
  g_signal_handler_disconnect (clock, id);
  g_test_message ("%u frames in 2 s of an idle window", frames);
  g_assert_cmpuint (frames, <=, 6);
}

static gboolean
progress_shown (Fixture *fixture)
{
  ClabProgressLine *line = (ClabProgressLine *) find_descendant (GTK_WIDGET (fixture->window),
                                                                 CLAB_TYPE_PROGRESS_LINE);

  return clab_progress_line_get_fraction (line) > 0 || run_finished (fixture);
}

static void
count_layout_cb (GdkSurface *surface,
                 int         width,
                 int         height,
                 guint      *layouts)
{
  (*layouts)++;
}

static void
count_change_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *changes)
{
  (*changes)++;
}

/* While a comparison runs, the progress and the live chart only repaint: each new layout of
 * the window (a GtkProgressBar's new fraction or a label's new text did it ten times a
 * second) cost round trips to the X server, each a wait for it to get a core beside the run,
 * and two more frames. */
static void
test_progress_repaints_only (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.05, 60, "thread-pool");
  GtkWidget *line;
  GdkFrameClock *clock;
  GdkSurface *surface;
  guint layouts = 0, frames = 0, changes = 0;
  gulong layout_id, paint_id, change_id;

  clab_plan_set_workers (plan, 1);
  clab_plan_editor_set_plan (clab_window_get_plan_editor (fixture->window), plan);
  /* Xvfb's pointer rests over the chart, whose tooltip follows each new sample. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (clab_window_get_chart_view (fixture->window)), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_true (wait_for (fixture, progress_shown, 30000));
  line = find_descendant (GTK_WIDGET (fixture->window), CLAB_TYPE_PROGRESS_LINE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  layout_id = g_signal_connect (surface, "layout", G_CALLBACK (count_layout_cb), &layouts);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &frames);
  change_id = g_signal_connect (line, "notify::fraction", G_CALLBACK (count_change_cb), &changes);
  /* Until the last task: the result that follows is laid out, as it should be. */
  while (clab_progress_line_get_fraction (CLAB_PROGRESS_LINE (line)) < 0.9 &&
         clab_window_get_running (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (surface, layout_id);
  g_signal_handler_disconnect (clock, paint_id);
  g_signal_handler_disconnect (line, change_id);
  g_test_message ("%u progress changes, %u frames, %u layouts", changes, frames, layouts);
  /* A few layouts may come from elsewhere (a tooltip of another widget under the pointer);
   * a progress bar that lays the window out had one for every change. */
  g_assert_cmpuint (changes, >=, 6);
  g_assert_cmpuint (frames, >=, 6);
  g_assert_cmpuint (layouts * 3, <=, changes);
  g_assert_true (wait_for (fixture, run_finished, 60000));
}

/* The live chart changes ten times a second: drawn on the main thread, it cost 3.5 ms a
 * frame, for which the scheduler made the window wait 40–56 ms behind the engine's own
 * processes (bench-gui-stall). Its frames show pictures drawn on the painter's thread. */
static void
test_live_chart_painted_apart (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.05, 60, "thread-pool");
  ClabChartView *view = clab_window_get_chart_view (fixture->window);
  GdkFrameClock *clock;
  GtkWidget *line;
  guint frames = 0, changes = 0;
  gulong paint_id, change_id;

  clab_plan_set_workers (plan, 1);
  clab_plan_editor_set_plan (clab_window_get_plan_editor (fixture->window), plan);
  gtk_widget_set_has_tooltip (GTK_WIDGET (view), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_true (wait_for (fixture, progress_shown, 30000));
  line = find_descendant (GTK_WIDGET (fixture->window), CLAB_TYPE_PROGRESS_LINE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &frames);
  change_id = g_signal_connect (line, "notify::fraction", G_CALLBACK (count_change_cb), &changes);
  while (clab_progress_line_get_fraction (CLAB_PROGRESS_LINE (line)) < 0.9 &&
         clab_window_get_running (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, paint_id);
  g_signal_handler_disconnect (line, change_id);
  g_test_message ("%u live frames showed a picture painted apart, %u drew the chart; "
                  "%u frames for %u progress changes", view->n_live_painted,
                  view->n_live_drawn, frames, changes);
  /* Drawn here only when the size or the options change: the first frame, and the one
   * after the editor and the progress bar settle. */
  g_assert_cmpuint (view->n_live_painted, >=, 6);
  g_assert_cmpuint (view->n_live_drawn, <=, 3);
  /* The progress waits for the chart's picture: one frame for both (a frame for each came
   * to 48 frames for 26 changes). */
  g_assert_cmpuint (changes, >=, 6);
  g_assert_cmpuint (frames, <=, changes * 3 / 2 + 2);
  g_assert_true (wait_for (fixture, run_finished, 60000));
  /* A finished result is drawn as before, with its regions. */
  g_assert_true (clab_chart_view_ensure_hits (view));
}

static int
parent_of (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *stat = NULL;
  const char *close_paren;
  int ppid = 0;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return 0;
  /* The command name may hold spaces; the fields after it are fixed. */
  close_paren = strrchr (stat, ')');
  if (close_paren == NULL || sscanf (close_paren + 2, "%*c %d", &ppid) != 1)
    return 0;
  return ppid;
}

/* Our children and theirs: the measuring engine and the workers it started. */
static guint
count_children (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  g_autoptr(GHashTable) parents = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) ours = g_hash_table_new (NULL, NULL);
  const char *name;
  gboolean grew = TRUE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_ascii_isdigit (*name))
        g_hash_table_insert (parents, GINT_TO_POINTER (atoi (name)),
                             GINT_TO_POINTER (parent_of (name)));
    }
  g_hash_table_add (ours, GINT_TO_POINTER (getpid ()));
  while (grew)
    {
      GHashTableIter iter;
      gpointer pid, ppid;

      grew = FALSE;
      g_hash_table_iter_init (&iter, parents);
      while (g_hash_table_iter_next (&iter, &pid, &ppid))
        {
          if (g_hash_table_contains (ours, ppid) && !g_hash_table_contains (ours, pid))
            grew = g_hash_table_add (ours, pid);
        }
    }
  return g_hash_table_size (ours) - 1;
}

/* The engine and at least one of its workers. */
static gboolean
children_started (Fixture *fixture)
{
  return count_children () > 1;
}

static gboolean
children_gone (Fixture *fixture)
{
  return count_children () == 0;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 30, 4, "processes,process-pool");
  gint64 cancelled_at;

  clab_plan_editor_set_plan (clab_window_get_plan_editor (fixture->window), plan);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_true (wait_for (fixture, children_started, 10000));

  cancelled_at = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL);
  /* Generous: a CI machine shared with other work may take seconds to schedule the engine. */
  g_assert_true (wait_for (fixture, run_finished, 60000));
  g_test_message ("cancelled in %.0f ms", (g_get_monotonic_time () - cancelled_at) / 1000.0);

  g_assert_true (clab_result_get_cancelled (clab_window_get_result (fixture->window)));
  g_assert_true (wait_for (fixture, children_gone, 30000));
}

static ClabExportDialog *
find_export_dialog (void)
{
  return (ClabExportDialog *) find_toplevel (CLAB_TYPE_EXPORT_DIALOG);
}

static void
assert_file_starts_with (const char *path,
                         const char *magic)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, strlen (magic));
  g_assert_true (memcmp (contents, magic, strlen (magic)) == 0);
}

static void
test_export_chart (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *magic[CLAB_N_CHART_FORMATS] = { "\x89PNG", "<?xml", "%PDF" };
  g_autoptr(ClabResult) result = run_tiny ();
  ClabExportDialog *dialog;

  clab_window_show_result (fixture->window, result);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-chart", NULL);
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  clab_export_dialog_set_size (dialog, 640, 360);
  for (ClabChartFormat format = 0; format < CLAB_N_CHART_FORMATS; format++)
    {
      g_autofree char *name = g_strdup_printf ("chart.%s", clab_chart_format_to_string (format));
      g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      clab_export_dialog_set_format (dialog, format);
      g_assert_true (clab_export_dialog_save_to_file (dialog, file, &error));
      g_assert_no_error (error);
      assert_file_starts_with (path, magic[format]);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
texture_read_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  GdkTexture **texture = user_data;
  g_autoptr(GError) error = NULL;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), res, &error);
  g_assert_no_error (error);
}

static void
test_copy_chart (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ClabResult) result = run_tiny ();
  g_autoptr(GdkTexture) texture = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));

  clab_window_show_result (fixture->window, result);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-chart", NULL);
  g_assert_true (gdk_clipboard_is_local (clipboard));
  gdk_clipboard_read_texture_async (clipboard, NULL, texture_read_cb, &texture);
  while (texture == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1280);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 720);
}

static char *
save_data_as (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *contents = NULL;

  g_assert_true (clab_window_save_data (fixture->window, file));
  g_assert_nonnull (strstr (clab_window_get_last_toast (fixture->window), name));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_save_data (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ClabResult) result = run_tiny ();
  g_autoptr(ClabResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *markdown = NULL;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/folder/result.json");

  clab_window_show_result (fixture->window, result);
  json = save_data_as (fixture, "result.json");
  loaded = clab_result_new_from_data (json, strlen (json), "result.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clab_result_get_n_modes (loaded), ==, 2);

  csv = save_data_as (fixture, "result.csv");
  g_assert_nonnull (strstr (csv, "threads"));
  g_assert_nonnull (strchr (csv, ','));
  markdown = save_data_as (fixture, "report.md");
  g_assert_nonnull (strstr (markdown, "threads"));
  g_assert_nonnull (strstr (markdown, "|"));

  /* A folder that does not exist is told as a sentence, not a crash. */
  g_assert_false (clab_window_save_data (fixture->window, missing));
  g_assert_nonnull (strstr (clab_window_get_last_toast (fixture->window), "Could not save"));
}

static void
open_file (Fixture    *fixture,
           const char *name,
           const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  clab_window_open_file (fixture->window, file);
}

static void
test_open_invalid (Fixture       *fixture,
                   gconstpointer  data)
{
  fixture->expected_toast = "broken.json";
  open_file (fixture, "broken.json", "{ \"schema\": ");
  g_assert_true (wait_for (fixture, toast_shown, 5000));
  g_assert_null (clab_window_get_result (fixture->window));
  /* A damaged file gets a sentence, not the parser's position. */
  g_assert_cmpstr (clab_window_get_last_toast (fixture->window), ==,
                   "“broken.json” is not a Concurrency Lab result: it ends in the middle (line 1).");

  fixture->expected_toast = "other.json";
  open_file (fixture, "other.json", "{ \"schema\": \"something-else/1\" }");
  g_assert_true (wait_for (fixture, toast_shown, 5000));
  g_assert_null (clab_window_get_result (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (clab_application_get_results (fixture->app)), ==, 0);
}

static void
test_open_valid (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ClabResult) result = run_tiny ();
  g_autofree char *json = clab_result_to_json_string (result, TRUE);

  open_file (fixture, "result.json", json);
  g_assert_true (wait_for (fixture, result_shown, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (clab_application_get_results (fixture->app)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (clab_summary_get_rows (clab_window_get_summary (fixture->window))),
                    ==, 2);
}

static void
test_invalid_plan (Fixture       *fixture,
                   gconstpointer  data)
{
  ClabPlanEditor *editor = clab_window_get_plan_editor (fixture->window);
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_COMMAND, 0, 2, "threads");

  clab_plan_set_command (plan, "/nonexistent/program --flag");
  clab_plan_editor_set_plan (editor, plan);
  g_assert_false (clab_plan_editor_get_valid (editor));
  g_assert_nonnull (clab_plan_editor_get_message (editor));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_false (clab_window_get_running (fixture->window));
}

/* json-glib overflowed its stack on this; the result reader says why it cannot read it. */
static void
test_open_deep (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *text = g_malloc (200001);

  memset (text, '[', 100000);
  memset (text + 100000, ']', 100000);
  text[200000] = '\0';
  fixture->expected_toast = "deep.json";
  open_file (fixture, "deep.json", text);
  g_assert_true (wait_for (fixture, toast_shown, 10000));
  g_assert_null (clab_window_get_result (fixture->window));
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

/* A command read from a file (not typed here) is shown, and runs only when allowed. */
static void
test_command_consent (Fixture       *fixture,
                      gconstpointer  data)
{
  ClabPlanEditor *editor = clab_window_get_plan_editor (fixture->window);
  g_autofree char *marker = g_build_filename (fixture->tmpdir, "ran", NULL);
  g_autofree char *json = g_strdup_printf ("{ \"workload\": \"command\", \"command\": \"touch '%s'\","
                                           " \"tasks\": 1, \"runs\": 1, \"warmup\": 0,"
                                           " \"modes\": [\"sequential\"] }", marker);
  g_autoptr(ClabPlan) plan = clab_plan_new_from_data (json, strlen (json), "their-plan.json", NULL);
  AdwMessageDialog *dialog;

  g_assert_nonnull (plan);
  clab_plan_editor_set_plan (editor, plan);
  g_assert_true (clab_plan_editor_get_valid (editor));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), marker));
  g_assert_false (clab_window_get_running (fixture->window));
  respond (dialog, "cancel");
  g_assert_false (clab_window_get_running (fixture->window));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "run");
  g_assert_true (clab_window_get_running (fixture->window));
  g_assert_true (wait_for (fixture, run_finished, 60000));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  if (gui_test_init (&argc, &argv))
    {
      ADD_TEST ("/gui/window/default-preset", test_starts_with_default_preset);
      ADD_TEST ("/gui/window/run-preset", test_run_preset);
      ADD_TEST ("/gui/window/idle-draws-nothing", test_idle_draws_nothing);
      ADD_TEST ("/gui/window/progress-repaints-only", test_progress_repaints_only);
      ADD_TEST ("/gui/window/live-chart-painted-apart", test_live_chart_painted_apart);
      ADD_TEST ("/gui/window/cancel", test_cancel);
      ADD_TEST ("/gui/window/invalid-plan", test_invalid_plan);
      ADD_TEST ("/gui/window/command-consent", test_command_consent);
      ADD_TEST ("/gui/export/chart", test_export_chart);
      ADD_TEST ("/gui/export/copy-chart", test_copy_chart);
      ADD_TEST ("/gui/export/data", test_save_data);
      ADD_TEST ("/gui/open/invalid", test_open_invalid);
      ADD_TEST ("/gui/open/valid", test_open_valid);
      ADD_TEST ("/gui/open/deep", test_open_deep);
    }
  return gui_test_run ();
}
