/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-application.h"
#include "clab-compare-window.h"
#include "clab-comparison.h"
#include "clab-plan-counterpart.h"
#include "clab-plan-python.h"
#include "clab-stats.h"
#include "clab-window-private.h"

/* Compare with C: a Python result beside the same plan run natively, from the history when
 * it holds one, else after a run of it. */

/* The listed result that @result is, or G_MAXUINT. */
static guint
find_position (GListModel *results,
               ClabResult *result)
{
  guint n = g_list_model_get_n_items (results);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClabComparison) comparison = g_list_model_get_item (results, i);

      if (clab_comparison_get_result (comparison) == result)
        return i;
    }
  return G_MAXUINT;
}

/* The newest listed result of @counterpart, finished and on the native runtime. Results kept
 * from earlier sessions count once they have been read. */
static ClabResult *
find_counterpart (GListModel *results,
                  ClabPlan   *counterpart)
{
  guint n = g_list_model_get_n_items (results);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClabComparison) comparison = g_list_model_get_item (results, i);
      ClabResult *result = clab_comparison_get_result (comparison);
      ClabPlan *plan = result != NULL ? clab_result_get_plan (result) : NULL;

      if (plan != NULL && clab_plan_get_runtime (plan) == CLAB_RUNTIME_NATIVE
          && !clab_result_get_cancelled (result) && clab_stats_plans_match (counterpart, plan))
        return result;
    }
  return NULL;
}

static GListModel *
get_results (ClabWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CLAB_IS_APPLICATION (app) ? clab_application_get_results (CLAB_APPLICATION (app)) : NULL;
}

static void
open_comparison (ClabWindow *self,
                 ClabResult *python,
                 ClabResult *native)
{
  GListModel *results = get_results (self);
  guint python_position = find_position (results, python);
  guint native_position = find_position (results, native);
  ClabCompareWindow *compare;

  if (python_position == G_MAXUINT || native_position == G_MAXUINT)
    return;
  compare = clab_compare_window_new (GTK_WINDOW (self), results);
  /* The Python result first: the reference, against which C's change is measured. */
  clab_compare_window_choose (compare, python_position, TRUE);
  clab_compare_window_choose (compare, native_position, TRUE);
  gtk_window_present (GTK_WINDOW (compare));
}

/* Why Compare with C cannot run for the shown result, or NULL when it can. */
static char *
dup_unavailable_reason (ClabWindow *self)
{
  g_autoptr(ClabPlan) counterpart = NULL;
  g_autoptr(GError) error = NULL;

  if (self->session != NULL)
    return g_strdup (_("A comparison is running"));
  if (self->result == NULL || clab_result_get_plan (self->result) == NULL)
    return g_strdup (_("Show a result of the Python runtime first"));
  counterpart = clab_plan_dup_counterpart (clab_result_get_plan (self->result), &error);
  if (counterpart == NULL)
    return g_strdup (error->message);
  return NULL;
}

void
_clab_window_update_counterpart (ClabWindow *self)
{
  g_autofree char *reason = dup_unavailable_reason (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-with-c",
                                 reason == NULL && get_results (self) != NULL);
  if (self->counterpart_button != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->counterpart_button),
                                 reason != NULL ? reason
                                 : _("Put this result beside the same plan run in C"));
}

void
_clab_window_counterpart_run_done (ClabWindow *self,
                                   ClabResult *result)
{
  g_autoptr(ClabResult) python = g_steal_pointer (&self->counterpart_of);

  /* A cancelled or failed run of the counterpart is no answer: the person sees it as such. */
  if (python == NULL || result == NULL || clab_result_get_cancelled (result))
    return;
  open_comparison (self, python, result);
}

static void
compare_with_c_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  g_autoptr(ClabPlan) counterpart = NULL;
  GListModel *results = get_results (self);
  ClabResult *found;

  if (self->session != NULL || self->result == NULL || results == NULL)
    return;
  counterpart = clab_plan_dup_counterpart (clab_result_get_plan (self->result), NULL);
  if (counterpart == NULL)
    return;
  found = find_counterpart (results, counterpart);
  if (found != NULL)
    {
      open_comparison (self, self->result, found);
      return;
    }
  /* A run as any other, with its progress, the editor locked, and its result listed; the
   * comparison opens when it ends. */
  g_set_object (&self->counterpart_of, self->result);
  clab_plan_editor_set_plan (self->plan_editor, counterpart);
  gtk_widget_activate_action (widget, "win.run", NULL);
  if (self->session == NULL)
    g_clear_object (&self->counterpart_of);
}

void
clab_window_class_add_counterpart (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare-with-c", NULL, compare_with_c_action);
}
