/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "clab-plan.h"

G_BEGIN_DECLS

#define CLAB_TYPE_PLAN_EDITOR (clab_plan_editor_get_type ())

G_DECLARE_FINAL_TYPE (ClabPlanEditor, clab_plan_editor, CLAB, PLAN_EDITOR, GtkWidget)

/* The plan as edited; "notify::plan" tells each change. */
ClabPlan   *clab_plan_editor_get_plan    (ClabPlanEditor *self);
/* Shows a copy of @plan for editing. */
void        clab_plan_editor_set_plan    (ClabPlanEditor *self,
                                          ClabPlan       *plan);
gboolean    clab_plan_editor_get_valid   (ClabPlanEditor *self);
/* Why the plan cannot run, or NULL when it is valid. */
const char *clab_plan_editor_get_message (ClabPlanEditor *self);

G_END_DECLS
