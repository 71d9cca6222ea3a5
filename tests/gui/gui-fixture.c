/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gui-fixture.h"
#include "../test-files.h"

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the main loop, as the app would, until @condition holds or @timeout_ms pass. */
gboolean
wait_for (Fixture   *fixture,
          Condition  condition,
          guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (10, tick_cb, NULL);
  gboolean met;

  while (!(met = condition (fixture)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return met;
}

gboolean
run_finished (Fixture *fixture)
{
  return !clab_window_get_running (fixture->window);
}

gboolean
toast_shown (Fixture *fixture)
{
  const char *toast = clab_window_get_last_toast (fixture->window);

  return toast != NULL && strstr (toast, fixture->expected_toast) != NULL;
}

gboolean
result_shown (Fixture *fixture)
{
  return clab_window_get_result (fixture->window) != NULL;
}

ClabPlan *
make_plan (ClabWorkloadKind  kind,
           double            size,
           guint             tasks,
           const char       *modes)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, kind);
  clab_plan_set_size (plan, size);
  clab_plan_set_tasks (plan, tasks);
  clab_plan_set_workers (plan, 2);
  clab_plan_set_runs (plan, 1);
  clab_plan_set_warmup (plan, 0);
  clab_plan_set_sample_interval_ms (plan, 20);
  g_assert_true (clab_plan_parse_modes (plan, modes, NULL));
  return plan;
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *results = clab_result_store_dup_default_directory ();

  /* Each test starts with no results kept: the app lists those of earlier tests otherwise. */
  remove_tree (results);
  fixture->app = clab_application_new ();
  g_application_set_flags (G_APPLICATION (fixture->app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (fixture->app), NULL, &error));
  g_assert_no_error (error);
  fixture->window = g_object_ref_sink (clab_window_new (fixture->app));
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->tmpdir = g_dir_make_tmp ("clab-gui-XXXXXX", &error);
  g_assert_no_error (error);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->tmpdir);
  g_free (fixture->tmpdir);
  /* The results it is still writing land before the next test clears the folder. */
  clab_result_store_wait (clab_application_get_result_store (fixture->app));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->app);
}

GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

/* The first descendant of @widget of @type, depth first. */
GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The list row that shows a label reading @text, as a person would look for it. */
GtkWidget *
find_row (GtkWidget  *widget,
          const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return gtk_widget_get_ancestor (child, GTK_TYPE_LIST_BOX_ROW);
      if ((found = find_row (child, text)) != NULL)
        return found;
    }
  return NULL;
}

/* Long enough for several CPU samples per mode, even in a sanitizer build. */
ClabResult *
run_tiny (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.1, 2, "sequential,threads");
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);
  g_autoptr(GError) error = NULL;
  ClabResult *result = clab_runner_run (runner, NULL, &error);

  g_assert_no_error (error);
  return result;
}

/* Without a session bus GtkApplication warns; that is the test machine, not the app. */
static gboolean
fatal_log_cb (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
  return strstr (message, "session bus") == NULL;
}

static char *data_home;

gboolean
gui_test_init (int    *argc,
               char ***argv)
{
  /* Before anything asks GLib for it: saved comparisons go to a folder of the test's own. */
  data_home = g_dir_make_tmp ("clab-gui-data-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (argc, argv, NULL);
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);
  if (gtk_init_check ())
    return TRUE;
  g_test_skip ("no display: run under xvfb-run");
  return FALSE;
}

int
gui_test_run (void)
{
  int status = g_test_run ();

  remove_tree (data_home);
  g_clear_pointer (&data_home, g_free);
  return status;
}
