/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "clab-compare.h"

G_BEGIN_DECLS

#define CLAB_TYPE_COMPARE_VIEW (clab_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (ClabCompareView, clab_compare_view, CLAB, COMPARE_VIEW, GtkWidget)

GtkWidget   *clab_compare_view_new          (void);
/* The results compared, the first one the reference: a GListModel of ClabResult, or of
 * ClabComparison (whose time and file name the results), or NULL. The view follows the
 * model's changes; a comparison whose result is not loaded yet is left out. */
GListModel  *clab_compare_view_get_results  (ClabCompareView *self);
void         clab_compare_view_set_results  (ClabCompareView *self,
                                             GListModel      *results);
/* Compares again, after a comparison of the model loaded its result. */
void         clab_compare_view_refresh      (ClabCompareView *self);
/* The comparison shown, or NULL with fewer than two results. */
ClabCompare *clab_compare_view_get_compare  (ClabCompareView *self);

G_END_DECLS
