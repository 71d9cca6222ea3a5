/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-application.h"
#include "clab-window.h"

struct _ClabApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GListStore     *results;
  ClabPlanStore  *plan_store;
};

G_DEFINE_FINAL_TYPE (ClabApplication, clab_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit",                { "<Control>q", NULL } },
  { "win.run",                 { "<Control>Return", "<Control>KP_Enter", NULL } },
  { "win.cancel",              { "Escape", NULL } },
  { "win.open",                { "<Control>o", NULL } },
  { "win.save",                { "<Control>s", NULL } },
  { "win.save-comparison",     { "<Control><Shift>s", NULL } },
  { "win.export-chart",        { "<Control>e", NULL } },
  { "win.export-data",         { "<Control><Shift>e", NULL } },
  { "win.copy-chart",          { "<Control><Shift>c", NULL } },
  { "win.toggle-sidebar",      { "F9", NULL } },
  { "win.show-help-overlay",   { "<Control>question", NULL } },
};

ClabApplication *
clab_application_new (void)
{
  return g_object_new (CLAB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/concurrencylab/ConcurrencyLab",
                       NULL);
}

GSettings *
clab_application_get_settings (ClabApplication *self)
{
  g_return_val_if_fail (CLAB_IS_APPLICATION (self), NULL);
  return self->settings;
}

GListModel *
clab_application_get_results (ClabApplication *self)
{
  g_return_val_if_fail (CLAB_IS_APPLICATION (self), NULL);
  return G_LIST_MODEL (self->results);
}

ClabPlanStore *
clab_application_get_plan_store (ClabApplication *self)
{
  g_return_val_if_fail (CLAB_IS_APPLICATION (self), NULL);
  return self->plan_store;
}

void
clab_application_add_result (ClabApplication *self,
                             ClabComparison  *comparison)
{
  g_return_if_fail (CLAB_IS_APPLICATION (self));
  g_return_if_fail (CLAB_IS_COMPARISON (comparison));
  g_list_store_append (self->results, comparison);
}

static GtkWindow *
ensure_window (ClabApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (clab_window_new (self));
  return window;
}

static void
clab_application_activate (GApplication *app)
{
  gtk_window_present (ensure_window (CLAB_APPLICATION (app)));
}

static void
clab_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  GtkWindow *window = ensure_window (CLAB_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    clab_window_open_file (CLAB_WINDOW (window), files[i]);
  gtk_window_present (window);
}

/* Uninstalled builds have no compiled schema; the app then simply remembers nothing. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
clab_application_startup (GApplication *app)
{
  ClabApplication *self = CLAB_APPLICATION (app);

  G_APPLICATION_CLASS (clab_application_parent_class)->startup (app);

  self->settings = create_settings ();
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing through the windows lets each one save its state first. */
  for (GList *l = windows; l != NULL; l = windows)
    {
      windows = l->next;
      gtk_window_close (l->data);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Concurrency Lab authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (user_data);

  adw_show_about_window (parent,
                         "application-name", _("Concurrency Lab"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Concurrency Lab authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Measure threads against processes on your own computer"),
                         "website", "https://github.com/concurrencylab/concurrency-lab",
                         "issue-url", "https://github.com/concurrencylab/concurrency-lab/issues",
                         "developers", developers,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
clab_application_dispose (GObject *object)
{
  ClabApplication *self = CLAB_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->results);
  g_clear_object (&self->plan_store);

  G_OBJECT_CLASS (clab_application_parent_class)->dispose (object);
}

static void
clab_application_class_init (ClabApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = clab_application_dispose;
  app_class->startup = clab_application_startup;
  app_class->activate = clab_application_activate;
  app_class->open = clab_application_open;
}

static void
clab_application_init (ClabApplication *self)
{
  g_autofree char *directory = clab_plan_store_dup_default_directory ();

  self->results = g_list_store_new (CLAB_TYPE_COMPARISON);
  self->plan_store = clab_plan_store_new (directory);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
}
