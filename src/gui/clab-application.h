/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "clab-comparison.h"
#include "clab-plan-store.h"

G_BEGIN_DECLS

#define CLAB_TYPE_APPLICATION (clab_application_get_type ())

G_DECLARE_FINAL_TYPE (ClabApplication, clab_application, CLAB, APPLICATION, AdwApplication)

ClabApplication *clab_application_new          (void);
/* The application's settings, or NULL when the schema is not installed (an uninstalled build). */
GSettings       *clab_application_get_settings (ClabApplication *self);
/* This session's finished runs and opened result files, as ClabComparison items. */
GListModel      *clab_application_get_results  (ClabApplication *self);
/* The user's saved comparisons. */
ClabPlanStore   *clab_application_get_plan_store (ClabApplication *self);
/* Appends @comparison to the session's results. */
void             clab_application_add_result   (ClabApplication *self,
                                                ClabComparison  *comparison);

G_END_DECLS
