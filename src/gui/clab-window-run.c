/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-comparison.h"
#include "clab-format.h"
#include "clab-summary-row.h"
#include "clab-window-private.h"

#define REFRESH_INTERVAL_MS 100
/* The longest the engine waits for the frames that start a run (see live_view_tick_cb). */
#define ENGINE_START_LIMIT_MS 250

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
show_progress (ClabWindow *self)
{
  guint done = self->progress_done, total = self->progress_total;
  g_autofree char *text = NULL;
  g_autofree char *left = NULL;
  double seconds_left;

  clab_progress_line_set_fraction (self->progress_bar, (double) done / total);
  seconds_left = clab_time_left_update (&self->time_left, done, total, g_get_monotonic_time ());
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
  gtk_inscription_set_text (self->progress_text, text);
}

/* Thousands of tiny tasks report faster than anyone reads, and samples arrive on a clock of
 * their own: the progress bar and the live chart change together, a few times a second, so
 * that the window draws one frame for both instead of one for each. */
static void
show_stale_progress (ClabWindow *self)
{
  if (self->progress_stale && !g_cancellable_is_cancelled (self->cancellable))
    show_progress (self);
  self->progress_stale = FALSE;
}

/* The live chart is drawn apart and comes a few milliseconds later: the progress waits for
 * it. Shown at once, it took a frame of its own, and those frames cost the main thread
 * 0.5 s in bench-gui-stall's four modes. */
static void
live_painted_cb (ClabWindow *self)
{
  show_stale_progress (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  ClabWindow *self = user_data;

  if (self->chart_stale)
    clab_chart_view_update (self->chart_view);
  self->chart_stale = FALSE;
  if (!clab_chart_view_get_painting (self->chart_view))
    show_stale_progress (self);
  return G_SOURCE_CONTINUE;
}

static void
progress_cb (ClabWindow     *self,
             guint           done,
             guint           total,
             ClabRunSession *session)
{
  if (total == 0)
    return;
  self->progress_done = done;
  self->progress_total = total;
  self->progress_stale = TRUE;
}

static void
sample_cb (ClabWindow     *self,
           int             mode,
           ClabRunSession *session)
{
  self->chart_stale = TRUE;
}

void
_clab_window_stop_refresh (ClabWindow *self)
{
  g_clear_handle_id (&self->refresh_timeout, g_source_remove);
  g_clear_handle_id (&self->engine_timeout, g_source_remove);
  if (self->live_view_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->live_view_tick);
  self->live_view_tick = 0;
}

static void
finish_run (ClabWindow *self)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_signal_handlers_disconnect_by_func (self->chart_view, live_painted_cb, self);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  _clab_window_stop_refresh (self);
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
  clab_window_set_chart_type (self, CLAB_CHART_CPU);
  clab_progress_line_set_fraction (self->progress_bar, 0);
  gtk_inscription_set_text (self->progress_text, g_cancellable_is_cancelled (self->cancellable)
                                                 ? _("Cancelling…") : _("Starting…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  self->refresh_timeout = g_timeout_add (REFRESH_INTERVAL_MS, refresh_cb, self);
}

static void
start_engine (ClabWindow *self)
{
  g_clear_handle_id (&self->engine_timeout, g_source_remove);
  if (self->session == NULL || self->engine_started)
    return;
  self->engine_started = TRUE;
  clab_time_left_init (&self->time_left, g_get_monotonic_time ());
  clab_run_session_run_async (self->session, self->cancellable, run_done_cb, g_object_ref (self));
}

static gboolean
engine_timeout_cb (gpointer user_data)
{
  ClabWindow *self = user_data;

  self->engine_timeout = 0;
  start_engine (self);
  return G_SOURCE_REMOVE;
}

/* Starting a comparison changes three parts of the window: the editor and the sidebar are
 * locked (every row restyled and repainted) and the live chart replaces the result. Each
 * alone fits in a frame; all three in one stalled the window for longer than a person
 * notices. So they come one frame after another: the editor at once (nothing may change
 * the plan once it runs), the sidebar a frame later (meanwhile the window refuses what it
 * asks for), the live chart a frame after that. The engine starts once those frames are
 * drawn: started with them, its first burst (a thousand processes or threads at once)
 * took the cores the window and the display server needed to draw them, and the window
 * stood still for 25-70 ms (perf sched). The run's own clock starts in the engine; the
 * person waits some 50 ms more for it, which the progress bar's "Starting…" covers. */
static gboolean
live_view_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  ClabWindow *self = CLAB_WINDOW (widget);

  switch (self->live_view_frames++)
    {
    case 0:
      return G_SOURCE_CONTINUE;   /* this frame shows the locked editor */
    case 1:
      clab_sidebar_set_locked (self->sidebar, TRUE);
      return G_SOURCE_CONTINUE;
    case 2:
      start_live_view (self);
      return G_SOURCE_CONTINUE;
    default:
      self->live_view_tick = 0;
      start_engine (self);
      return G_SOURCE_REMOVE;
    }
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
  g_cancellable_cancel (self->loading);
  self->progress_stale = self->chart_stale = FALSE;
  g_signal_connect_swapped (self->session, "progress", G_CALLBACK (progress_cb), self);
  g_signal_connect_swapped (self->session, "sample", G_CALLBACK (sample_cb), self);
  g_signal_connect_swapped (self->chart_view, "live-painted", G_CALLBACK (live_painted_cb), self);
  /* The chart the person looked at comes back with the result. */
  self->chart_type_before_run = self->chart_type;
  self->live_view_frames = 0;
  self->engine_started = FALSE;
  self->live_view_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), live_view_tick_cb,
                                                       NULL, NULL);
  /* A window that draws no frames (minimized, or not yet shown) still runs the plan. */
  self->engine_timeout = g_timeout_add (ENGINE_START_LIMIT_MS, engine_timeout_cb, self);
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
  if (self->progress_text != NULL)
    gtk_inscription_set_text (self->progress_text, _("Cancelling…"));
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
