/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "clab-application.h"
#include "clab-chart-view.h"
#include "clab-plan-editor.h"
#include "clab-summary.h"

G_BEGIN_DECLS

#define CLAB_TYPE_WINDOW (clab_window_get_type ())

G_DECLARE_FINAL_TYPE (ClabWindow, clab_window, CLAB, WINDOW, AdwApplicationWindow)

ClabWindow     *clab_window_new             (ClabApplication *application);
/* Loads the built-in preset @name into the plan editor and highlights it. */
gboolean        clab_window_load_preset     (ClabWindow      *self,
                                             const char      *name);
/* Loads the user's saved comparison @name into the plan editor; a failure becomes a toast. */
gboolean        clab_window_load_comparison (ClabWindow      *self,
                                             const char      *name);
/* Saves the plan being edited as the comparison @name and lists it in the sidebar. */
gboolean        clab_window_save_comparison (ClabWindow      *self,
                                             const char      *name,
                                             GError         **error);
/* Opens a result file in the background; a file that cannot be read becomes a toast. */
void            clab_window_open_file       (ClabWindow      *self,
                                             GFile           *file);
/* Writes the shown result to @file as JSON, CSV or Markdown by its extension (JSON otherwise),
 * as Save Result and Export Data do with the chosen file; the outcome becomes a toast. */
gboolean        clab_window_save_data       (ClabWindow      *self,
                                             GFile           *file);
/* Shows @result in the charts and the summary; NULL shows the empty state. */
void            clab_window_show_result     (ClabWindow      *self,
                                             ClabResult      *result);
ClabResult     *clab_window_get_result      (ClabWindow      *self);
gboolean        clab_window_get_running     (ClabWindow      *self);
/* Shows @message as a toast. */
void            clab_window_add_toast       (ClabWindow      *self,
                                             const char      *message);
/* The message of the last toast shown, or NULL: what a person was told last. */
const char     *clab_window_get_last_toast  (ClabWindow      *self);
ClabPlanEditor *clab_window_get_plan_editor (ClabWindow      *self);
ClabChartView  *clab_window_get_chart_view  (ClabWindow      *self);
ClabSummary    *clab_window_get_summary     (ClabWindow      *self);

G_END_DECLS
