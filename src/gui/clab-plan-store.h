/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-plan.h"

G_BEGIN_DECLS

#define CLAB_TYPE_PLAN_STORE (clab_plan_store_get_type ())

G_DECLARE_FINAL_TYPE (ClabPlanStore, clab_plan_store, CLAB, PLAN_STORE, GObject)

/* The user's saved comparisons: one NAME.json plan per comparison in @directory. */
ClabPlanStore *clab_plan_store_new                   (const char     *directory);
/* The folder the application keeps them in, under the user's data folder. */
char          *clab_plan_store_dup_default_directory (void);
const char    *clab_plan_store_get_directory         (ClabPlanStore  *self);
/* The saved plans as ClabPlan items sorted by name; each plan's title is its name. */
GListModel    *clab_plan_store_get_plans             (ClabPlanStore  *self);
/* Whether @name can name a new comparison; @error says why not in a sentence. */
gboolean       clab_plan_store_check_name            (ClabPlanStore  *self,
                                                     const char     *name,
                                                     GError        **error);
/* Writes @plan as the comparison @name and lists it. */
gboolean       clab_plan_store_save                  (ClabPlanStore  *self,
                                                     const char     *name,
                                                     ClabPlan       *plan,
                                                     GError        **error);
/* Reads the comparison @name back from its file. */
ClabPlan      *clab_plan_store_load                  (ClabPlanStore  *self,
                                                     const char     *name,
                                                     GError        **error);
/* Deletes the comparison @name's file and unlists it. */
gboolean       clab_plan_store_delete                (ClabPlanStore  *self,
                                                     const char     *name,
                                                     GError        **error);

G_END_DECLS
