/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "clab-plan-editor-private.h"
#include "clab-workload.h"

/* The plan editor's Workload group: the kind, its size or command, and what they mean. */

/* The size's unit, as the row's subtitle: beside the number it squeezed the row's title. */
static const char *
size_subtitle (ClabWorkloadKind kind)
{
  switch (kind)
    {
    case CLAB_WORKLOAD_SLEEP: return _("Seconds each task sleeps");
    case CLAB_WORKLOAD_CPU: return _("Work units per task, about 1 ms of CPU each");
    case CLAB_WORKLOAD_LOCK: return _("Work units per task, done holding the lock");
    case CLAB_WORKLOAD_IO: return _("MiB each task writes, syncs and reads back");
    case CLAB_WORKLOAD_MEMORY: return _("MiB of buffer each task streams over");
    case CLAB_WORKLOAD_COMMAND:
    case CLAB_N_WORKLOADS:
    default: return "";
    }
}

/* Seconds deserve hundredths; work units and MiB are counted whole. */
void
_clab_plan_editor_configure_workload (ClabPlanEditor   *self,
                                      ClabWorkloadKind  kind)
{
  double min, max;
  gboolean fractional = kind == CLAB_WORKLOAD_SLEEP;

  clab_workload_size_range (kind, &min, &max);
  gtk_spin_button_set_digits (self->size_spin, fractional ? 2 : 0);
  gtk_spin_button_set_range (self->size_spin, min, max);
  gtk_spin_button_set_increments (self->size_spin, fractional ? 0.1 : 1, fractional ? 1 : 10);
  adw_action_row_set_subtitle (self->size_row, size_subtitle (kind));
  adw_preferences_group_set_description (self->workload_group, clab_workload_describe (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->size_row), kind != CLAB_WORKLOAD_COMMAND);
  gtk_widget_set_visible (GTK_WIDGET (self->command_row), kind == CLAB_WORKLOAD_COMMAND);
  gtk_widget_set_visible (GTK_WIDGET (self->folder_row), kind == CLAB_WORKLOAD_IO);
}

/* The chosen folder, or the default's name; going back to the default needs a folder chosen. */
static void
show_folder (ClabPlanEditor *self)
{
  const char *folder = clab_plan_get_io_folder (self->plan);
  /* The row's subtitle is markup; a folder's name is text. */
  g_autofree char *markup = g_markup_escape_text (folder != NULL ? folder : _("Temporary folder"), -1);

  adw_action_row_set_subtitle (self->folder_row, markup);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan-editor.reset-folder", folder != NULL);
}

void
_clab_plan_editor_fill_workloads (ClabPlanEditor *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint k = 0; k < CLAB_N_WORKLOADS; k++)
    gtk_string_list_append (list, clab_workload_label (k));
  adw_combo_row_set_model (self->workload_row, G_LIST_MODEL (list));
}

void
_clab_plan_editor_read_workload (ClabPlanEditor *self)
{
  ClabWorkloadKind kind = adw_combo_row_get_selected (self->workload_row);
  const char *command = gtk_editable_get_text (GTK_EDITABLE (self->command_row));

  clab_plan_set_workload (self->plan, kind);
  if (kind != CLAB_WORKLOAD_COMMAND)
    clab_plan_set_size (self->plan, gtk_spin_button_get_value (self->size_spin));
  /* A command typed here may run without asking; one shown from a file asks first. */
  if (g_strcmp0 (*command != '\0' ? command : NULL, clab_plan_get_command (self->plan)) != 0)
    clab_plan_set_command_trusted (self->plan, TRUE);
  clab_plan_set_command (self->plan, *command != '\0' ? command : NULL);
}

void
_clab_plan_editor_write_workload (ClabPlanEditor *self)
{
  ClabWorkloadKind kind = clab_plan_get_workload (self->plan);
  const char *command = clab_plan_get_command (self->plan);

  adw_combo_row_set_selected (self->workload_row, kind);
  _clab_plan_editor_configure_workload (self, kind);
  gtk_spin_button_set_value (self->size_spin, clab_plan_get_size (self->plan));
  gtk_editable_set_text (GTK_EDITABLE (self->command_row), command ? command : "");
  show_folder (self);
}

static void
choose_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         data)
{
  g_autoptr(ClabPlanEditor) self = data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* Inside the Flatpak the portal hands out a path that the sandbox can write in. */
  if (file != NULL && (path = g_file_get_path (file)) != NULL && self->plan != NULL)
    {
      clab_plan_set_io_folder (self->plan, path);
      show_folder (self);
      _clab_plan_editor_changed (self);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClabPlanEditor *self = CLAB_PLAN_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *folder = clab_plan_get_io_folder (self->plan);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Folder for File I/O"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                         _("_Cancel"));
  if (folder != NULL)
    {
      g_autoptr(GFile) current = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), current, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (choose_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
reset_folder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClabPlanEditor *self = CLAB_PLAN_EDITOR (widget);

  clab_plan_set_io_folder (self->plan, NULL);
  show_folder (self);
  _clab_plan_editor_changed (self);
}

void
_clab_plan_editor_install_folder_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "plan-editor.choose-folder", NULL,
                                   choose_folder_action);
  gtk_widget_class_install_action (widget_class, "plan-editor.reset-folder", NULL,
                                   reset_folder_action);
}
