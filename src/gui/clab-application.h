/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "clab-comparison.h"
#include "clab-plan-store.h"
#include "clab-result-store.h"

G_BEGIN_DECLS

#define CLAB_TYPE_APPLICATION (clab_application_get_type ())

G_DECLARE_FINAL_TYPE (ClabApplication, clab_application, CLAB, APPLICATION, AdwApplication)

ClabApplication *clab_application_new          (void);
/* The application's settings, or NULL when the schema is not installed (an uninstalled build). */
GSettings       *clab_application_get_settings (ClabApplication *self);
/* Finished runs and opened result files, of this session and kept from earlier ones, newest
 * first, as ClabComparison items. */
GListModel      *clab_application_get_results  (ClabApplication *self);
/* The user's saved comparisons. */
ClabPlanStore   *clab_application_get_plan_store (ClabApplication *self);
/* The results kept under the user's data folder. */
ClabResultStore *clab_application_get_result_store (ClabApplication *self);
/* Lists @comparison first among the results and keeps its result, unless it is kept already. */
void             clab_application_add_result   (ClabApplication *self,
                                                ClabComparison  *comparison);
/* The listed result kept as @id, or NULL. */
ClabComparison  *clab_application_find_result  (ClabApplication *self,
                                                const char      *id);
/* Gives the result @comparison the name @name (NULL or empty: its title again). */
void             clab_application_rename_result (ClabApplication *self,
                                                 ClabComparison  *comparison,
                                                 const char      *name);
/* Unlists @comparison and moves its file aside, where restore finds it until the app quits. */
void             clab_application_delete_result (ClabApplication *self,
                                                 ClabComparison  *comparison);
/* Brings the deleted result @id back; FALSE when it is not one deleted in this session. */
gboolean         clab_application_restore_result (ClabApplication *self,
                                                  const char      *id);
/* TRUE once the results kept in earlier sessions are listed. */
gboolean         clab_application_get_history_loaded (ClabApplication *self);

G_END_DECLS
