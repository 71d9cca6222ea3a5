/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-plan-store.h"
#include "clab-window-private.h"

/* The user's saved comparisons: save the plan under a name, load it back, delete it. And the
 * results the app keeps: show one with its plan, rename, delete, show in the file manager. */

gboolean
clab_window_save_comparison (ClabWindow  *self,
                             const char  *name,
                             GError     **error)
{
  g_autofree char *message = NULL;
  gboolean trusted;

  g_return_val_if_fail (CLAB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  trusted = clab_plan_get_command_trusted (clab_plan_editor_get_plan (self->plan_editor));
  if (!clab_plan_store_save (self->plan_store, name,
                             clab_plan_editor_get_plan (self->plan_editor), error))
    return FALSE;
  /* Loaded back, so the editor shows the name it is saved under; the command it just
   * saved is still the one typed here. A running plan stays as it is. */
  if (self->session == NULL && clab_window_load_comparison (self, name))
    clab_plan_set_command_trusted (clab_plan_editor_get_plan (self->plan_editor), trusted);
  message = g_strdup_printf (_("Saved “%s” to your comparisons"), name);
  clab_window_add_toast (self, message);
  return TRUE;
}

gboolean
clab_window_load_comparison (ClabWindow *self,
                             const char *name)
{
  g_autoptr(ClabPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CLAB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->session != NULL)
    return FALSE;   /* the plan cannot change while it runs */
  plan = clab_plan_store_load (self->plan_store, name, &error);
  if (plan == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);

      clab_window_add_toast (self, message);
      return FALSE;
    }
  clab_plan_editor_set_plan (self->plan_editor, plan);
  clab_sidebar_select_saved (self->sidebar, name);
  return TRUE;
}

static char *
dup_entered_name (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

/* Says at once why a name cannot be used, rather than after pressing Save. */
static void
name_changed_cb (AdwMessageDialog *dialog)
{
  ClabWindow *self = CLAB_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  GtkLabel *error_label = g_object_get_data (G_OBJECT (dialog), "error-label");
  g_autofree char *name = dup_entered_name (dialog);
  g_autoptr(GError) error = NULL;
  gboolean valid;

  valid = clab_plan_store_check_name (self->plan_store, name, &error);
  gtk_label_set_text (error_label, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (error_label), !valid);
  if (valid)
    gtk_widget_remove_css_class (entry, "error");
  else
    gtk_widget_add_css_class (entry, "error");
  adw_message_dialog_set_response_enabled (dialog, "save", valid);
}

static void
save_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  ClabWindow       *self)
{
  g_autofree char *name = dup_entered_name (dialog);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;
  if (!clab_window_save_comparison (self, name, &error))
    clab_window_add_toast (self, error->message);
}

static GtkWidget *
create_name_box (AdwMessageDialog *dialog,
                 const char       *suggestion)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *error_label = gtk_label_new (NULL);

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), suggestion ? suggestion : "");
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "caption");
  gtk_widget_add_css_class (error_label, "error");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, error_label, NULL, -1);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), error_label);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "error-label", error_label);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  return box;
}

static void
save_comparison_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  ClabPlan *plan = clab_plan_editor_get_plan (self->plan_editor);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Comparison"),
                                                       _("Your comparisons are listed in the sidebar; "
                                                         "choose one to load its plan again.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, create_name_box (dialog, clab_plan_get_title (plan)));
  name_changed_cb (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_comparison_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(ClabPlan) plan = clab_plan_store_load (self->plan_store, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (!clab_plan_store_delete (self->plan_store, name, &error))
    {
      message = g_strdup_printf (_("Could not delete “%s”: %s"), name, error->message);
      clab_window_add_toast (self, message);
      return;
    }
  message = g_strdup_printf (_("Deleted “%s”"), name);
  toast = adw_toast_new ("");
  /* A file that could not be read back cannot be written back either. Each toast's Undo
   * brings back its own comparison, even when another deletion came in between. */
  if (plan != NULL)
    {
      if (self->deleted_comparisons == NULL)
        self->deleted_comparisons = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                           g_free, g_object_unref);
      g_hash_table_replace (self->deleted_comparisons, g_strdup (name), g_steal_pointer (&plan));
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-delete-comparison");
      adw_toast_set_action_target_value (toast, g_variant_new_string (name));
    }
  clab_window_show_toast (self, toast, message);
}

static void
undo_delete_comparison_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(ClabPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *key = NULL;

  if (self->deleted_comparisons == NULL ||
      !g_hash_table_steal_extended (self->deleted_comparisons, name,
                                    (gpointer *) &key, (gpointer *) &plan))
    return;
  if (!clab_plan_store_save (self->plan_store, name, plan, &error))
    {
      message = g_strdup_printf (_("Could not bring back “%s”: %s"), name, error->message);
      clab_window_add_toast (self, message);
    }
}

/* Kept results */

void
_clab_window_update_run_button (ClabWindow *self)
{
  gboolean again;

  if (self->run_button == NULL)
    return;
  again = self->result != NULL && self->session == NULL &&
          clab_plan_editor_shows_plan (self->plan_editor, clab_result_get_plan (self->result));
  gtk_button_set_label (self->run_button, again ? _("_Run Again") : _("_Run"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button),
                               again ? _("Run the plan of the shown result again (Ctrl+Enter)")
                                     : _("Run the comparison (Ctrl+Enter)"));
}

void
_clab_window_show_plan_of (ClabWindow *self,
                           ClabResult *result)
{
  ClabPlan *plan = clab_result_get_plan (result);
  ClabPlan *shown = clab_plan_editor_get_plan (self->plan_editor);
  gboolean same = clab_plan_editor_shows_plan (self->plan_editor, plan);
  gboolean trusted = same && clab_plan_get_command_trusted (shown);

  /* The plan as it is typed keeps the trust of its command; one from a file asks first. */
  if (same && !clab_plan_editor_get_modified (self->plan_editor))
    return;
  clab_plan_editor_set_plan (self->plan_editor, plan);
  if (trusted)
    clab_plan_set_command_trusted (clab_plan_editor_get_plan (self->plan_editor), TRUE);
}

static void
comparison_loaded_cb (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  g_autoptr(ClabWindow) self = user_data;
  ClabComparison *comparison = CLAB_COMPARISON (source);
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  result = clab_comparison_load_finish (comparison, res, &error);
  /* The window went away, or another result was chosen meanwhile, or Cancel pressed. */
  if (self->sidebar == NULL
      || !_clab_window_end_loading (self, g_task_get_cancellable (G_TASK (res))))
    return;
  if (result == NULL)
    {
      message = g_strdup_printf (_("Could not open “%s”: %s"),
                                 clab_comparison_get_title (comparison), error->message);
      clab_window_add_toast (self, message);
      return;
    }
  if (self->session == NULL)
    clab_window_show_result (self, result);
}

void
_clab_window_show_comparison (ClabWindow     *self,
                              ClabComparison *comparison)
{
  ClabResult *result = clab_comparison_get_result (comparison);
  GCancellable *cancellable;

  _clab_window_cancel_loading (self);
  if (result != NULL)
    {
      clab_window_show_result (self, result);
      return;
    }
  /* A kept result is read when first shown, in a thread: it may be large. */
  cancellable = _clab_window_begin_loading (self, clab_comparison_get_title (comparison));
  clab_comparison_load_async (comparison, cancellable, comparison_loaded_cb, g_object_ref (self));
}

static ClabApplication *
get_application (ClabWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CLAB_IS_APPLICATION (app) ? CLAB_APPLICATION (app) : NULL;
}

static ClabComparison *
find_result (ClabWindow *self,
             GVariant   *parameter)
{
  ClabApplication *app = get_application (self);

  if (app == NULL)
    return NULL;
  return clab_application_find_result (app, g_variant_get_string (parameter, NULL));
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ClabWindow       *self)
{
  ClabComparison *comparison = g_object_get_data (G_OBJECT (dialog), "comparison");
  g_autofree char *name = dup_entered_name (dialog);
  ClabApplication *app = get_application (self);

  if (g_strcmp0 (response, "rename") != 0 || app == NULL)
    return;
  clab_application_rename_result (app, comparison, name);
}

static void
rename_result_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  ClabComparison *comparison = find_result (self, parameter);
  GtkWidget *box, *entry;
  AdwMessageDialog *dialog;

  if (comparison == NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Rename Result"),
                                                       _("The name is kept with the result; "
                                                         "leave it empty to name the result by what it ran.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), clab_comparison_get_title (comparison));
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "comparison", g_object_ref (comparison), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_result_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  ClabComparison *comparison = find_result (self, parameter);
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (comparison == NULL)
    return;
  message = g_strdup_printf (_("Deleted “%s”"), clab_comparison_get_title (comparison));
  clab_application_delete_result (get_application (self), comparison);
  toast = adw_toast_new ("");
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete-result");
  adw_toast_set_action_target_value (toast, g_variant_new_string (g_variant_get_string (parameter, NULL)));
  clab_window_show_toast (self, toast, message);
}

static void
undo_delete_result_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ClabApplication *app = get_application (CLAB_WINDOW (widget));

  if (app != NULL)
    clab_application_restore_result (app, g_variant_get_string (parameter, NULL));
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
folder_shown_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(ClabWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_file_launcher_open_containing_folder_finish (GTK_FILE_LAUNCHER (source), res, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    clab_window_add_toast (self, error->message);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
show_in_files (ClabWindow *self,
               GFile      *file)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_open_containing_folder (launcher, GTK_WINDOW (self), NULL, folder_shown_cb,
                                            g_object_ref (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
}
#else
/* Without a file manager that selects files, the folder opens. */
static void
open_folder (ClabWindow *self,
             GFile      *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (folder);
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self))));
  if (!g_app_info_launch_default_for_uri (uri, context, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not show the result in the file manager: %s"),
                                                  error->message);

      clab_window_add_toast (self, message);
    }
}

static void
items_shown_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  ClabWindow *self = g_object_get_data (G_OBJECT (file), "window");
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), res, &error);
  if (reply == NULL)
    {
      g_debug ("FileManager1.ShowItems failed: %s", error->message);
      if (self != NULL)
        open_folder (self, file);
    }
}

/* The file manager's own interface selects the file in its folder. */
static void
show_in_files (ClabWindow *self,
               GFile      *file)
{
  GApplication *app = G_APPLICATION (get_application (self));
  GDBusConnection *bus = app ? g_application_get_dbus_connection (app) : NULL;
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };

  if (bus == NULL)
    {
      open_folder (self, file);
      return;
    }
  g_object_set_data_full (G_OBJECT (file), "window", g_object_ref (self), g_object_unref);
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, items_shown_cb, g_object_ref (file));
}
#endif

static void
show_result_file_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  ClabComparison *comparison = find_result (self, parameter);
  g_autoptr(GFile) file = NULL;

  if (comparison == NULL || clab_comparison_get_path (comparison) == NULL)
    {
      clab_window_add_toast (self, _("This result has no file."));
      return;
    }
  file = g_file_new_for_path (clab_comparison_get_path (comparison));
  show_in_files (self, file);
}

void
clab_window_class_add_comparisons (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-comparison", NULL, save_comparison_action);
  gtk_widget_class_install_action (widget_class, "win.delete-comparison", "s", delete_comparison_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete-comparison", "s",
                                   undo_delete_comparison_action);
  gtk_widget_class_install_action (widget_class, "win.rename-result", "s", rename_result_action);
  gtk_widget_class_install_action (widget_class, "win.delete-result", "s", delete_result_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete-result", "s",
                                   undo_delete_result_action);
  gtk_widget_class_install_action (widget_class, "win.show-result-file", "s", show_result_file_action);
}
