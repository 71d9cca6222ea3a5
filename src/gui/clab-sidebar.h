/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "clab-comparison.h"

G_BEGIN_DECLS

#define CLAB_TYPE_SIDEBAR (clab_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (ClabSidebar, clab_sidebar, CLAB, SIDEBAR, GtkWidget)

/*
 * Signals:
 *   "preset-activated" (const char *name): a built-in preset was chosen
 *   "result-activated" (ClabComparison *comparison): a kept, finished or opened result was chosen
 *   "saved-activated" (const char *name): one of the user's saved comparisons was chosen
 */

/* Lists @results (ClabComparison items, newest first) under the presets, grouped by day. */
void clab_sidebar_set_results    (ClabSidebar    *self,
                                  GListModel     *results);
/* Lists the user's saved comparisons (ClabPlan items titled by their names) under the presets. */
void clab_sidebar_set_saved      (ClabSidebar    *self,
                                  GListModel     *plans);
/* Tags the result whose comparison holds @baseline (may be NULL) as the baseline. */
void clab_sidebar_set_baseline   (ClabSidebar    *self,
                                  ClabResult     *baseline);
/* Highlights the saved comparison @name. */
void clab_sidebar_select_saved   (ClabSidebar    *self,
                                  const char     *name);
/* Highlights the preset @name, or nothing when NULL or unknown. */
void clab_sidebar_select_preset  (ClabSidebar    *self,
                                  const char     *name);
/* While a comparison runs, no other plan can be chosen: the lists fade and take no
 * pointer input. */
void clab_sidebar_set_locked     (ClabSidebar    *self,
                                  gboolean        locked);
/* Highlights @comparison among the results. */
void clab_sidebar_select_result  (ClabSidebar    *self,
                                  ClabComparison *comparison);

G_END_DECLS
