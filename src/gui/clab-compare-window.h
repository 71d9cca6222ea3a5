/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLAB_TYPE_COMPARE_WINDOW (clab_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (ClabCompareWindow, clab_compare_window, CLAB, COMPARE_WINDOW, AdwWindow)

/* A window that compares results picked from @results (ClabComparison items, the history and
 * the opened files); Open Result File adds files through @parent, which keeps them. */
ClabCompareWindow *clab_compare_window_new     (GtkWindow         *parent,
                                                GListModel        *results);
/* Ticks @position of the results, as a person would, so that it joins the comparison. */
void               clab_compare_window_choose  (ClabCompareWindow *self,
                                                guint              position,
                                                gboolean           chosen);
/* The comparison's view, for tests. */
GtkWidget         *clab_compare_window_get_view (ClabCompareWindow *self);

G_END_DECLS
