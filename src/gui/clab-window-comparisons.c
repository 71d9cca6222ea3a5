/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-plan-store.h"
#include "clab-window-private.h"

/* The user's saved comparisons: save the plan under a name, load it back, delete it. */

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
   * saved is still the one typed here. */
  if (clab_window_load_comparison (self, name))
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

void
clab_window_class_add_comparisons (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-comparison", NULL, save_comparison_action);
  gtk_widget_class_install_action (widget_class, "win.delete-comparison", "s", delete_comparison_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete-comparison", "s",
                                   undo_delete_comparison_action);
}
