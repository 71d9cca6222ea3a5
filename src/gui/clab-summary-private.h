/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-summary.h"

G_BEGIN_DECLS

/* Shared by clab-summary.c and clab-summary-fit.c, its fit to the width it gets. */
struct _ClabSummary
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *baseline_label;
  GtkWidget      *baseline_note;
  GtkWidget      *baseline_tag;
  GtkColumnView  *column_view;
  GtkToggleButton *compare_button;
  GtkWidget      *controls_box;
  GtkToggleButton *cpu_button;
  GtkBox         *heading_box;
  GtkLabel       *verdict_label;
  GtkLabel       *warnings_label;
  GtkBox         *warnings_box;

  /* Owned references */
  ClabResult     *result;
  ClabResult     *baseline;
  GListStore     *rows;
  GtkColumnViewColumn *columns[CLAB_N_SUMMARY_COLUMNS];   /* the column view's */

  /* The fit to the width (clab-summary-fit.c): how many of the collapsible columns are
   * hidden, for which width (-1 after a change of content) */
  guint           n_collapsed;
  int             fitted_width;
};

/* Lays the summary out itself: the heading and the table fitted to the width. */
void      _clab_summary_install_layout    (GtkWidgetClass    *widget_class);
/* Fits the table and the heading again at the next allocation, for new content. */
void      _clab_summary_refit             (ClabSummary       *self);
/* Whether @column is hidden to fit the width. */
gboolean  _clab_summary_column_collapsed  (ClabSummary       *self,
                                           ClabSummaryColumn  column);

/* Gives each row's mode cell the values of the hidden columns as its accessible
 * description (clab-summary.c). */
void      _clab_summary_describe_collapsed (ClabSummary      *self);

G_END_DECLS
