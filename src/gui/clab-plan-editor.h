/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "clab-plan.h"

G_BEGIN_DECLS

#define CLAB_TYPE_PLAN_EDITOR (clab_plan_editor_get_type ())

G_DECLARE_FINAL_TYPE (ClabPlanEditor, clab_plan_editor, CLAB, PLAN_EDITOR, GtkWidget)

/* The plan as edited; "notify::plan" tells each change. Edited, a preset's or a result's plan
 * loses its name and is titled by what it runs ("8 CPU-bound tasks"). */
ClabPlan   *clab_plan_editor_get_plan    (ClabPlanEditor *self);
/* Shows a copy of @plan for editing. */
void        clab_plan_editor_set_plan    (ClabPlanEditor *self,
                                          ClabPlan       *plan);
/* Whether the plan was edited since it was set; an edited plan is titled by what it runs. */
gboolean    clab_plan_editor_get_modified (ClabPlanEditor *self);
/* Whether the plan being edited runs the same as @plan (names and words aside). */
gboolean    clab_plan_editor_shows_plan  (ClabPlanEditor *self,
                                          ClabPlan       *plan);
/* A locked editor takes no edits and says that the plan cannot change while it runs. */
gboolean    clab_plan_editor_get_locked  (ClabPlanEditor *self);
void        clab_plan_editor_set_locked  (ClabPlanEditor *self,
                                          gboolean        locked);
gboolean    clab_plan_editor_get_valid   (ClabPlanEditor *self);
/* Why the plan cannot run, or NULL when it is valid. */
const char *clab_plan_editor_get_message (ClabPlanEditor *self);

G_END_DECLS
