/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "clab-plan-editor.h"
#include "clab-runtime-editor.h"

G_BEGIN_DECLS

/* Shared by clab-plan-editor.c and clab-plan-editor-workload.c, its Workload group. */
struct _ClabPlanEditor
{
  GtkWidget        parent_instance;

  /* Template widgets */
  AdwEntryRow     *command_row;
  AdwActionRow    *folder_row;
  GtkBox          *lock_box;
  GtkBox          *message_box;
  GtkLabel        *message_label;
  GtkSwitch       *mode_switches[CLAB_N_MODES];
  GtkLabel        *modified_tag;
  GtkLabel        *plan_description;
  GtkLabel        *plan_title;
  ClabRuntimeEditor *runtime_editor;
  GtkSpinButton   *runs_spin;
  AdwActionRow    *scaling_row;
  GtkSwitch       *scaling_switch;
  guint            sweep_basis;     /* the Workers value the plan's sweep was made for */
  AdwActionRow    *size_row;
  GtkSpinButton   *size_spin;
  GtkSpinButton   *tasks_spin;
  GtkSpinButton   *timeout_spin;
  GtkSpinButton   *warmup_spin;
  AdwActionRow    *workers_row;
  GtkSpinButton   *workers_spin;
  AdwPreferencesGroup *workload_group;
  AdwComboRow     *workload_row;

  /* Owned references */
  ClabPlan        *plan;
  ClabPlan        *origin;         /* the plan as it was set, before any edit */
  char            *message;
  gboolean         syncing;
  gboolean         modified;
  gboolean         locked;
};

/* Fills the Kind row with the workloads' names. */
void  _clab_plan_editor_fill_workloads     (ClabPlanEditor   *self);
/* Shows the rows and ranges that fit @kind, and says what it does. */
void  _clab_plan_editor_configure_workload (ClabPlanEditor   *self,
                                            ClabWorkloadKind  kind);
/* Copies the Workload group into the plan. */
void  _clab_plan_editor_read_workload      (ClabPlanEditor   *self);
/* Shows the plan's workload in the group. */
void  _clab_plan_editor_write_workload     (ClabPlanEditor   *self);
/* Installs plan-editor.choose-folder and plan-editor.reset-folder, for the io workload. */
void  _clab_plan_editor_install_folder_actions (GtkWidgetClass *widget_class);
/* Takes an edit made to the plan or the widgets: the title, the message, "notify::plan". */
void  _clab_plan_editor_changed            (ClabPlanEditor   *self);

G_END_DECLS
