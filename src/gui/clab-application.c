/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-application.h"
#include "clab-window.h"

struct _ClabApplication
{
  AdwApplication  parent_instance;

  GSettings       *settings;
  GListStore      *results;
  ClabPlanStore   *plan_store;
  ClabResultStore *result_store;
  GHashTable      *deleted;          /* ID → ClabComparison that Undo brings back */
  GCancellable    *cancellable;
  gboolean         history_loaded;
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
  { "win.copy-results",        { "<Control><Shift>r", NULL } },
  { "win.compare",             { "<Control><Shift>k", NULL } },
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

ClabResultStore *
clab_application_get_result_store (ClabApplication *self)
{
  g_return_val_if_fail (CLAB_IS_APPLICATION (self), NULL);
  return self->result_store;
}

gboolean
clab_application_get_history_loaded (ClabApplication *self)
{
  g_return_val_if_fail (CLAB_IS_APPLICATION (self), FALSE);
  return self->history_loaded;
}

static gboolean
find_position (ClabApplication *self,
               const char      *id,
               guint           *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(ClabComparison) item = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (g_strcmp0 (clab_comparison_get_id (item), id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

ClabComparison *
clab_application_find_result (ClabApplication *self,
                              const char      *id)
{
  ClabComparison *item;
  guint position;

  g_return_val_if_fail (CLAB_IS_APPLICATION (self), NULL);

  if (!find_position (self, id, &position))
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  /* The list keeps it for as long as it is listed. */
  g_object_unref (item);
  return item;
}

/* A failure to keep a result is told where the person looks. */
static void
tell (ClabApplication *self,
      const char      *message)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CLAB_IS_WINDOW (window))
    clab_window_add_toast (CLAB_WINDOW (window), message);
  else
    g_warning ("%s", message);
}

static void
kept_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(ClabApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!clab_result_store_add_finish (CLAB_RESULT_STORE (source), res, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not keep the result for later: %s"),
                                                  error->message);
      tell (self, message);
    }
  g_application_release (G_APPLICATION (self));
}

/* Every result is kept; one opened from the store's own folder is kept already. */
static void
keep_result (ClabApplication *self,
             ClabComparison  *comparison)
{
  ClabResult *result = clab_comparison_get_result (comparison);
  const char *source = clab_comparison_get_source (comparison);
  g_autoptr(ClabStoredResult) info = NULL;
  g_autofree char *id = NULL;

  if (clab_comparison_get_id (comparison) != NULL || result == NULL)
    return;
  if (source != NULL && (id = clab_result_store_dup_id_for_path (self->result_store, source)) != NULL)
    {
      ClabStoredResult kept = { .id = id, .path = (char *) source };

      clab_comparison_set_stored (comparison, &kept);
      return;
    }
  info = clab_result_store_prepare (self->result_store, result,
                                    clab_comparison_get_title (comparison),
                                    clab_comparison_get_time (comparison), source);
  clab_comparison_set_stored (comparison, info);
  /* The app stays until the file is written, even when its last window closes. */
  g_application_hold (G_APPLICATION (self));
  clab_result_store_add_async (self->result_store, info, result, NULL, kept_cb, g_object_ref (self));
}

void
clab_application_add_result (ClabApplication *self,
                             ClabComparison  *comparison)
{
  guint position;

  g_return_if_fail (CLAB_IS_APPLICATION (self));
  g_return_if_fail (CLAB_IS_COMPARISON (comparison));

  keep_result (self, comparison);
  /* Opening a kept file again shows the one listed, not a second entry, under its name. */
  if (find_position (self, clab_comparison_get_id (comparison), &position))
    {
      g_autoptr(ClabComparison) listed = g_list_model_get_item (G_LIST_MODEL (self->results), position);

      clab_comparison_set_name (comparison, clab_comparison_get_name (listed));
      g_list_store_remove (self->results, position);
    }
  g_list_store_insert (self->results, 0, comparison);
}

static void
op_done_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(ClabApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!clab_result_store_op_finish (CLAB_RESULT_STORE (source), res, &error))
    tell (self, error->message);
  g_application_release (G_APPLICATION (self));
}

void
clab_application_rename_result (ClabApplication *self,
                                ClabComparison  *comparison,
                                const char      *name)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (CLAB_IS_APPLICATION (self));
  g_return_if_fail (CLAB_IS_COMPARISON (comparison));

  clean = g_strstrip (g_strdup (name ? name : ""));
  clab_comparison_set_name (comparison, clean);
  if (clab_comparison_get_id (comparison) == NULL)
    return;
  g_application_hold (G_APPLICATION (self));
  clab_result_store_rename_async (self->result_store, clab_comparison_get_id (comparison),
                                  clean, NULL, op_done_cb, g_object_ref (self));
}

void
clab_application_delete_result (ClabApplication *self,
                                ClabComparison  *comparison)
{
  const char *id;
  guint position;

  g_return_if_fail (CLAB_IS_APPLICATION (self));
  g_return_if_fail (CLAB_IS_COMPARISON (comparison));

  id = clab_comparison_get_id (comparison);
  if (id == NULL || !find_position (self, id, &position))
    return;
  g_hash_table_replace (self->deleted, g_strdup (id), g_object_ref (comparison));
  g_list_store_remove (self->results, position);
  g_application_hold (G_APPLICATION (self));
  clab_result_store_delete_async (self->result_store, id, NULL, op_done_cb, g_object_ref (self));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return g_date_time_compare (clab_comparison_get_time ((ClabComparison *) b),
                              clab_comparison_get_time ((ClabComparison *) a));
}

gboolean
clab_application_restore_result (ClabApplication *self,
                                 const char      *id)
{
  g_autoptr(ClabComparison) comparison = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (CLAB_IS_APPLICATION (self), FALSE);

  if (id == NULL || !g_hash_table_steal_extended (self->deleted, id, (gpointer *) &key,
                                                  (gpointer *) &comparison))
    return FALSE;
  g_list_store_insert_sorted (self->results, comparison, compare_newest_first, NULL);
  g_application_hold (G_APPLICATION (self));
  clab_result_store_restore_async (self->result_store, id, NULL, op_done_cb, g_object_ref (self));
  return TRUE;
}

static void
history_listed_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(ClabApplication) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  entries = clab_result_store_list_finish (CLAB_RESULT_STORE (source), res, &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the kept results: %s", error->message);
      return;
    }
  /* What this session added meanwhile is newer and stays first. */
  for (guint i = 0; i < entries->len; i++)
    {
      ClabStoredResult *info = g_ptr_array_index (entries, i);
      g_autoptr(ClabComparison) comparison = NULL;

      if (find_position (self, info->id, &position) || g_hash_table_contains (self->deleted, info->id))
        continue;
      comparison = clab_comparison_new_stored (info);
      g_list_store_append (self->results, comparison);
    }
  self->history_loaded = TRUE;
  g_debug ("Listed %u kept results", entries->len);
}

/* Off the main thread: a folder of many large results must not hold up the window. */
static void
load_history (ClabApplication *self)
{
  clab_result_store_purge (self->result_store);
  clab_result_store_list_async (self->result_store, self->cancellable, history_listed_cb,
                                g_object_ref (self));
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
  load_history (self);
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

/* Deleted results can be brought back only while the app runs. */
static void
clab_application_shutdown (GApplication *app)
{
  ClabApplication *self = CLAB_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  clab_result_store_wait (self->result_store);
  clab_result_store_purge (self->result_store);
  g_hash_table_remove_all (self->deleted);

  G_APPLICATION_CLASS (clab_application_parent_class)->shutdown (app);
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
  g_clear_object (&self->result_store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->deleted, g_hash_table_unref);

  G_OBJECT_CLASS (clab_application_parent_class)->dispose (object);
}

static void
clab_application_class_init (ClabApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = clab_application_dispose;
  app_class->startup = clab_application_startup;
  app_class->shutdown = clab_application_shutdown;
  app_class->activate = clab_application_activate;
  app_class->open = clab_application_open;
}

static void
clab_application_init (ClabApplication *self)
{
  g_autofree char *directory = clab_plan_store_dup_default_directory ();
  g_autofree char *results_directory = clab_result_store_dup_default_directory ();

  self->results = g_list_store_new (CLAB_TYPE_COMPARISON);
  self->plan_store = clab_plan_store_new (directory);
  self->result_store = clab_result_store_new (results_directory);
  self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
}
