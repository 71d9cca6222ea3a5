/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "clab-result-io.h"
#include "gui-fixture.h"

/* Open Result with a large file: the results area says it reads, Cancel brings back what was
 * shown, a second Open is shown instead of the first. Only generous bounds: the machine may be busy. */

#define BIG_TASKS 250000

static ClabResult *small_result;
static char *small_path;
static char *big_path;
static char *small_path_2;

/* The stack that has a loading page: the results area. */
static GtkStack *
find_results_stack (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found;

      if (GTK_IS_STACK (child) && gtk_stack_get_child_by_name (GTK_STACK (child), "loading"))
        return GTK_STACK (child);
      if ((found = find_results_stack (child)) != NULL)
        return found;
    }
  return NULL;
}

static GtkStack *
results_stack (Fixture *fixture)
{
  GtkStack *stack = find_results_stack (GTK_WIDGET (fixture->window));

  g_assert_nonnull (stack);
  return stack;
}

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (results_stack (fixture));
}

static gboolean
loading_shown (Fixture *fixture)
{
  return g_strcmp0 (visible_page (fixture), "loading") == 0;
}

static gboolean
other_result_shown (Fixture *fixture)
{
  ClabResult *result = clab_window_get_result (fixture->window);

  return result != NULL && result != small_result;
}

static guint
n_tasks (ClabResult *result)
{
  ClabModeResult *mode_result = clab_result_get_mode (result, 0);
  ClabRun *run = g_ptr_array_index (mode_result->runs, 0);

  return run->tasks->len;
}

static void
open_path (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  clab_window_open_file (fixture->window, file);
}

/* A small result shown first: what Cancel must leave in place. */
static void
show_small (Fixture *fixture)
{
  open_path (fixture, small_path);
  g_assert_true (wait_for (fixture, result_shown, 30000));
  g_set_object (&small_result, clab_window_get_result (fixture->window));
  g_assert_cmpstr (visible_page (fixture), ==, "results");
}

static void
test_large_shows_loading (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *page;
  ClabResult *result;

  show_small (fixture);
  open_path (fixture, big_path);
  /* Reading 250,000 tasks takes far longer than the page's delay. */
  g_assert_true (wait_for (fixture, loading_shown, 60000));
  page = gtk_stack_get_visible_child (results_stack (fixture));
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_nonnull (strstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), "big.json"));
  /* The rest of the window stays usable meanwhile. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (clab_window_get_plan_editor (fixture->window))));
  g_assert_true (wait_for (fixture, other_result_shown, 300000));
  result = clab_window_get_result (fixture->window);
  g_assert_cmpuint (n_tasks (result), ==, BIG_TASKS);
  g_assert_cmpstr (visible_page (fixture), ==, "results");
}

static void
test_cancel_keeps_previous (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *toast;

  show_small (fixture);
  open_path (fixture, big_path);
  g_assert_true (wait_for (fixture, loading_shown, 60000));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel-open", NULL);
  /* At once: the page goes, the result shown before is back. */
  g_assert_cmpstr (visible_page (fixture), ==, "results");
  g_assert_true (clab_window_get_result (fixture->window) == small_result);
  /* The read may still finish in its thread; what it read is dropped. */
  g_assert_false (wait_for (fixture, other_result_shown, 5000));
  /* Quietly: a cancel is no error. */
  toast = clab_window_get_last_toast (fixture->window);
  g_assert_true (toast == NULL || strstr (toast, "Could not") == NULL);
  /* Nothing is left stuck: the next Open shows its file. */
  open_path (fixture, small_path_2);
  g_assert_true (wait_for (fixture, other_result_shown, 30000));
  g_assert_cmpuint (n_tasks (clab_window_get_result (fixture->window)), ==,
                    n_tasks (small_result));
}

static void
test_second_open_replaces (Fixture       *fixture,
                           gconstpointer  data)
{
  ClabResult *second;

  show_small (fixture);
  open_path (fixture, big_path);
  open_path (fixture, small_path_2);
  g_assert_true (wait_for (fixture, other_result_shown, 30000));
  second = clab_window_get_result (fixture->window);
  g_assert_cmpuint (n_tasks (second), <, BIG_TASKS);
  /* The large file read first never replaces the one asked for last (it joins the history). */
  g_assert_false (wait_for (fixture, loading_shown, 3000));
  g_assert_true (clab_window_get_result (fixture->window) == second);
  g_assert_cmpstr (visible_page (fixture), ==, "results");
}

/* A result of the real engine, its tasks repeated until the file has tens of MiB. */
static void
write_files (const char *folder)
{
  g_autoptr(ClabResult) result = run_tiny ();
  ClabModeResult *mode_result = clab_result_get_mode (result, 0);
  ClabRun *run = g_ptr_array_index (mode_result->runs, 0);
  ClabTask task = g_array_index (run->tasks, ClabTask, 0);
  g_autoptr(GError) error = NULL;

  small_path = g_build_filename (folder, "small.json", NULL);
  small_path_2 = g_build_filename (folder, "small-2.json", NULL);
  big_path = g_build_filename (folder, "big.json", NULL);
  g_assert_true (clab_result_save_json (result, small_path, &error));
  g_assert_true (clab_result_save_json (result, small_path_2, &error));
  g_array_set_size (run->tasks, 0);
  task.reason = NULL;
  for (guint i = 0; i < BIG_TASKS; i++)
    {
      task.index = i;
      g_array_append_val (run->tasks, task);
    }
  g_assert_true (clab_result_save_json (result, big_path, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *folder = NULL;
  int status;

  if (!gui_test_init (&argc, &argv))
    return 0;
  folder = g_dir_make_tmp ("clab-open-XXXXXX", NULL);
  write_files (folder);
  ADD_TEST ("/open/large-shows-loading", test_large_shows_loading);
  ADD_TEST ("/open/cancel-keeps-previous", test_cancel_keeps_previous);
  ADD_TEST ("/open/second-replaces", test_second_open_replaces);
  status = gui_test_run ();
  g_clear_object (&small_result);
  g_remove (small_path);
  g_remove (small_path_2);
  g_remove (big_path);
  g_rmdir (folder);
  g_free (small_path);
  g_free (small_path_2);
  g_free (big_path);
  return status;
}
