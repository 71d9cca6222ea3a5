/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gui-fixture.h"
#include "../test-files.h"
#include "../test-run-helpers.h"

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
  remove_tree (fixture->tmpdir);
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

GtkWidget *
find_widget (GtkWidget     *widget,
             WidgetMatch    match,
             gconstpointer  data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;
      if ((found = find_widget (child, match, data)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  return find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
label_reads (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  return find_widget (widget, label_reads, text);
}

/* A title can show outside the lists too (the plan editor's heading): only a row's counts. */
static gboolean
label_reads_in_row (GtkWidget     *widget,
                    gconstpointer  text)
{
  return label_reads (widget, text)
         && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW) != NULL;
}

GtkWidget *
find_row (GtkWidget  *widget,
          const char *text)
{
  GtkWidget *label = find_widget (widget, label_reads_in_row, text);

  return label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW) : NULL;
}

typedef struct
{
  GType       type;
  const char *property;
  const char *value;
} PropertyWanted;

static gboolean
has_property_value (GtkWidget     *widget,
                    gconstpointer  data)
{
  const PropertyWanted *wanted = data;
  g_autofree char *value = NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type))
    return FALSE;
  g_object_get (widget, wanted->property, &value, NULL);
  return g_strcmp0 (value, wanted->value) == 0;
}

GtkWidget *
find_with_property (GtkWidget  *widget,
                    GType       type,
                    const char *property,
                    const char *value)
{
  PropertyWanted wanted = { type, property, value };

  return find_widget (widget, has_property_value, &wanted);
}

GtkToggleButton *
find_toggle (GtkWidget  *widget,
             const char *label)
{
  return GTK_TOGGLE_BUTTON (find_with_property (widget, GTK_TYPE_TOGGLE_BUTTON, "label", label));
}

GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  return find_with_property (widget, GTK_TYPE_BUTTON, "action-name", action);
}

/* Long enough for several CPU samples per mode, even in a sanitizer build. */
ClabResult *
run_tiny (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.1, 2, "sequential,threads");

  return test_run_plan (plan);
}

void
gui_test_use_translations (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CLAB_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* A test that found no translation would pass for nothing. */
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "C") != 0 && strstr (_(""), "Language: ") == NULL)
    g_error ("no translation for LANGUAGE=%s under %s", g_getenv ("LANGUAGE"),
             g_getenv ("CLAB_TEST_LOCALEDIR"));
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
