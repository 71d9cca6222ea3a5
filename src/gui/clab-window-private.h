/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-plan-store.h"
#include "clab-progress-line.h"
#include "clab-run-session.h"
#include "clab-sidebar.h"
#include "clab-time-left.h"
#include "clab-window.h"

G_BEGIN_DECLS

struct _ClabWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  ClabChartView        *chart_view;
  GtkButton            *counterpart_button;
  AdwFlap              *flap;
  ClabPlanEditor       *plan_editor;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  ClabProgressLine     *progress_bar;
  GtkInscription       *progress_text;
  GtkRevealer          *progress_revealer;
  GtkStack             *results_stack;
  GtkButton            *run_button;
  GtkStack             *run_stack;
  ClabSidebar          *sidebar;
  ClabSummary          *summary;
  AdwToastOverlay      *toast_overlay;

  /* Owned references */
  GSettings            *settings;
  ClabPlanStore        *plan_store;
  ClabResult           *result;
  ClabRunSession       *session;              /* the comparison running, if any */
  GCancellable         *cancellable;
  ClabTimeLeft          time_left;
  guint                 progress_done;         /* the run's latest progress, shown at the */
  guint                 progress_total;        /* next refresh */
  gboolean              progress_stale;
  gboolean              chart_stale;           /* a sample arrived since the last refresh */
  guint                 refresh_timeout;       /* redraws the running comparison */
  guint                 live_view_tick;        /* shows the live chart a frame after starting */
  guint                 live_view_frames;
  guint                 engine_timeout;        /* starts the engine should frames not come */
  gboolean              engine_started;
  char                 *last_toast;
  GHashTable           *deleted_comparisons;   /* name → ClabPlan that Undo brings back */
  GCancellable         *loading;               /* reading a result to show it */
  guint                 loading_timeout;       /* until the loading page shows */
  ClabChartType         chart_type;
  ClabChartType         chart_type_before_run;
  ClabResult           *counterpart_of;        /* the Python result whose C counterpart runs */
};

/* Shows @toast, whose title is @message (plain text), and remembers @message. */
void  clab_window_show_toast        (ClabWindow     *self,
                                     AdwToast       *toast,
                                     const char     *message);
/* Derives the sensitivity of every action from the window's state. */
void  clab_window_update_actions    (ClabWindow     *self);
void  clab_window_set_chart_type    (ClabWindow     *self,
                                     ClabChartType   chart_type);
/* Installs the file, export and baseline actions (clab-window-actions.c). */
void  clab_window_class_add_actions (GtkWidgetClass *widget_class);
/* Installs saving and deleting the user's comparisons (clab-window-comparisons.c). */
void  clab_window_class_add_comparisons (GtkWidgetClass *widget_class);
/* Installs run and cancel (clab-window-run.c). */
void  clab_window_class_add_run     (GtkWidgetClass *widget_class);
/* Shows @comparison's result and plan, reading a kept result first (clab-window-comparisons.c). */
void  _clab_window_show_comparison  (ClabWindow     *self,
                                     ClabComparison *comparison);
/* Shows the plan @result ran in the editor, unless the editor runs the same already. */
void  _clab_window_show_plan_of     (ClabWindow     *self,
                                     ClabResult     *result);
/* "Run Again" while the editor holds the shown result's plan unchanged, else "Run". */
void  _clab_window_update_run_button (ClabWindow    *self);
/* Stops redrawing the running comparison (clab-window-run.c). */
void  _clab_window_stop_refresh     (ClabWindow     *self);
/* Asks a running comparison to stop; the partial result still arrives. */
void  clab_window_cancel_run        (ClabWindow     *self);
/* Installs Compare with C (clab-window-counterpart.c). */
void  clab_window_class_add_counterpart (GtkWidgetClass *widget_class);
/* Compare with C's sensitivity and its button's tooltip, from the shown result. */
void  _clab_window_update_counterpart   (ClabWindow     *self);
/* A run ended with @result (NULL: it failed): when it was a counterpart asked for, the Compare
 * Results window opens with it and the Python result. */
void  _clab_window_counterpart_run_done (ClabWindow     *self,
                                         ClabResult     *result);
/* Installs the loading page and its Cancel (clab-window-loading.c). */
void  clab_window_class_add_loading (GtkWidgetClass *widget_class);
/* Starts a read of @name, which replaces any under way as the one to show: returns the
 * cancellable it reads with; after a moment the results area shows that it reads. */
GCancellable *_clab_window_begin_loading  (ClabWindow   *self,
                                           const char   *name);
/* TRUE, and the results area back, when the read of @cancellable is still the one wanted. */
gboolean      _clab_window_end_loading    (ClabWindow   *self,
                                           GCancellable *cancellable);
/* Drops the read under way, if any: the results shown before come back. */
void          _clab_window_cancel_loading (ClabWindow   *self);

G_END_DECLS
