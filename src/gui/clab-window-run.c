/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-comparison.h"
#include "clab-format.h"
#include "clab-summary-row.h"
#include "clab-window-private.h"

#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 10)

static char *
format_time_left (double seconds)
{
  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %d second left",
                                         "about %d seconds left", (int) seconds + 1),
                            (int) seconds + 1);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %d minute left",
                                       "about %d minutes left", (int) (seconds / 60) + 1),
                          (int) (seconds / 60) + 1);
}

static void
progress_cb (ClabWindow *self,
             guint       done,
             guint       total,
             ClabRunSession *session)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *text = NULL;
  g_autofree char *left = NULL;
  double seconds_left;

  if (total == 0 || g_cancellable_is_cancelled (self->cancellable))
    return;
  /* Thousands of tiny tasks report faster than anyone reads: a few redraws a second do. */
  if (done < total && now - self->progress_shown_us < PROGRESS_INTERVAL_US)
    return;
  self->progress_shown_us = now;
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  seconds_left = clab_time_left_update (&self->time_left, done, total, now);
  if (seconds_left < 0)
    {
      /* Translators: tasks done of the comparison's total. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u task", "%u of %u tasks",
                                           total), done, total);
    }
  else
    {
      left = format_time_left (seconds_left);
      /* Translators: "3 of 10 tasks — about 4 seconds left". */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u task — %s",
                                           "%u of %u tasks — %s", total), done, total, left);
    }
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
sample_cb (ClabWindow     *self,
           int             mode,
           ClabRunSession *session)
{
  clab_chart_view_update (self->chart_view);
}

static void
finish_run (ClabWindow *self)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  clab_chart_view_set_live (self->chart_view, FALSE);
  clab_plan_editor_set_locked (self->plan_editor, FALSE);
  clab_sidebar_set_locked (self->sidebar, FALSE);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(ClabWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(ClabComparison) comparison = NULL;
  GtkApplication *app;

  result = clab_run_session_run_finish (CLAB_RUN_SESSION (source), res, &error);
  if ((ClabRunSession *) source != self->session || self->sidebar == NULL)
    return;   /* the window went away while the comparison ran */
  finish_run (self);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_revealer), FALSE);
  clab_window_set_chart_type (self, self->chart_type_before_run);
  if (result == NULL)
    {
      clab_window_show_result (self, NULL);
      clab_window_add_toast (self, error->message);
      _clab_window_counterpart_run_done (self, NULL);
      return;
    }
  comparison = clab_comparison_new_finished (result);
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (CLAB_IS_APPLICATION (app))
    clab_application_add_result (CLAB_APPLICATION (app), comparison);
  clab_sidebar_select_result (self->sidebar, comparison);
  clab_window_show_result (self, result);
  if (clab_result_get_cancelled (result))
    clab_window_add_toast (self, _("Cancelled: the results so far are shown"));
  _clab_window_counterpart_run_done (self, result);
}

static void
start_live_view (ClabWindow *self)
{
  clab_window_show_result (self, NULL);
  clab_chart_view_set_live (self->chart_view, TRUE);
  clab_chart_view_set_result (self->chart_view, clab_run_session_get_live_result (self->session));
  gtk_stack_set_visible_child_name (self->results_stack, "results");
  self->chart_type_before_run = self->chart_type;
  clab_window_set_chart_type (self, CLAB_CHART_CPU);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
}

static void
start_run (ClabWindow *self)
{
  ClabPlan *plan = clab_plan_editor_get_plan (self->plan_editor);

  if (self->session != NULL || !clab_plan_editor_get_valid (self->plan_editor))
    return;
  /* The engine runs in a process of its own, at the command line's priority: the window
   * neither slows the run down nor shows up in its numbers. */
  self->session = clab_run_session_new (plan);
  self->cancellable = g_cancellable_new ();
  /* The plan cannot change under a running comparison, nor another be chosen. */
  clab_plan_editor_set_locked (self->plan_editor, TRUE);
  clab_sidebar_set_locked (self->sidebar, TRUE);
  g_cancellable_cancel (self->loading);
  clab_time_left_init (&self->time_left, g_get_monotonic_time ());
  self->progress_shown_us = 0;
  g_signal_connect_swapped (self->session, "progress", G_CALLBACK (progress_cb), self);
  g_signal_connect_swapped (self->session, "sample", G_CALLBACK (sample_cb), self);
  start_live_view (self);
  clab_run_session_run_async (self->session, self->cancellable, run_done_cb, g_object_ref (self));
  clab_window_update_actions (self);
}

static void
consent_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ClabWindow       *self)
{
  if (g_strcmp0 (response, "run") != 0)
    return;
  /* Asked once: the same command runs again without asking. */
  clab_plan_set_command_trusted (clab_plan_editor_get_plan (self->plan_editor), TRUE);
  start_run (self);
}

/* A command that came from a file (a saved comparison, the last session's plan) runs only
 * after the person sees it: a file from elsewhere can hold any command. */
static void
ask_before_running (ClabWindow *self,
                    ClabPlan   *plan)
{
  g_autofree char *command = clab_format_escape_controls (clab_plan_get_command (plan));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  body = g_strdup_printf (_("This plan was read from a file and runs the command\n\n%s\n\n"
                            "Run it only if you trust where the file came from."), command);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Run a Command From a File?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "run", _("_Run Command"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "run", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (consent_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  ClabPlan *plan = clab_plan_editor_get_plan (self->plan_editor);

  if (self->session != NULL || !clab_plan_editor_get_valid (self->plan_editor))
    return;
  if (clab_plan_get_workload (plan) == CLAB_WORKLOAD_COMMAND && !clab_plan_get_command_trusted (plan))
    ask_before_running (self, plan);
  else
    start_run (self);
}

void
clab_window_cancel_run (ClabWindow *self)
{
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_cancellable_cancel (self->cancellable);
  if (self->progress_bar != NULL)
    gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  clab_window_cancel_run (CLAB_WINDOW (widget));
}

void
clab_window_class_add_run (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
}
