/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "clab-result.h"
#include "clab-summary-row.h"

G_BEGIN_DECLS

#define CLAB_TYPE_SUMMARY (clab_summary_get_type ())

G_DECLARE_FINAL_TYPE (ClabSummary, clab_summary, CLAB, SUMMARY, GtkWidget)

ClabResult *clab_summary_get_result         (ClabSummary       *self);
void        clab_summary_set_result         (ClabSummary       *self,
                                             ClabResult        *result);
/* A pinned result whose modes the table compares against, or NULL. */
ClabResult *clab_summary_get_baseline       (ClabSummary       *self);
void        clab_summary_set_baseline       (ClabSummary       *self,
                                             ClabResult        *baseline);
/* Whether the times compared are CPU time (user + system) rather than wall time. */
gboolean    clab_summary_get_cpu_time       (ClabSummary       *self);
void        clab_summary_set_cpu_time       (ClabSummary       *self,
                                             gboolean           cpu_time);
/* The rows of the table, as ClabSummaryRow items. */
GListModel *clab_summary_get_rows           (ClabSummary       *self);
/* Whether @column gave way so that the table fits its width; its values are then in the
 * rows' tooltips. */
gboolean    clab_summary_is_collapsed       (ClabSummary       *self,
                                             ClabSummaryColumn  column);
/* What the collapsed columns hide of row @position, a "Title: value" a line, as the row's
 * tooltip shows it; NULL while every column shows. */
char       *clab_summary_dup_collapsed_text (ClabSummary       *self,
                                             guint              position);

G_END_DECLS
