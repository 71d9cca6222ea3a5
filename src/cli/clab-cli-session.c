/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "clab-cli-session.h"
#include "clab-line-reader.h"
#include "clab-result-io.h"
#include "clab-runner.h"
#include "clab-session-protocol.h"

/* The engine side of clab-session-protocol.h: one plan in, events and the result out. */

typedef struct
{
  GMainLoop        *loop;
  GCancellable     *cancellable;
  GDataInputStream *requests;
  int               status;
} Session;

static void
send_line (char *line)
{
  fputs (line, stdout);
  fflush (stdout);
  g_free (line);
}

static void
progress_cb (ClabRunner *runner,
             guint       done,
             guint       total,
             gpointer    user_data)
{
  send_line (clab_session_format_progress (done, total));
}

static void
sample_cb (ClabRunner    *runner,
           int            mode,
           gconstpointer  sample,
           gpointer       user_data)
{
  send_line (clab_session_format_sample (mode, sample));
}

static void
send_result (ClabResult *result)
{
  g_autofree char *json = clab_result_to_json_string (result, FALSE);
  gsize length = strlen (json);

  send_line (clab_session_format_result (length));
  fwrite (json, 1, length, stdout);
  fflush (stdout);
}

static void
measured_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  Session *session = user_data;
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = clab_runner_run_finish (CLAB_RUNNER (source), res, &error);
  if (result != NULL)
    send_result (result);
  else
    {
      send_line (clab_session_format_error (error->message));
      session->status = CLAB_CLI_EXIT_FAILURE;
    }
  g_main_loop_quit (session->loop);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

/* Nothing more is asked after the plan: the end of the input is the window going away. */
static void
request_read_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Session *session = user_data;
  g_autofree char *line = NULL;

  line = clab_read_line_bounded_finish (G_BUFFERED_INPUT_STREAM (source), res, NULL);
  if (line == NULL)
    g_cancellable_cancel (session->cancellable);
  else
    clab_read_line_bounded_async (G_BUFFERED_INPUT_STREAM (session->requests),
                                  CLAB_SESSION_MAX_LINE, G_PRIORITY_DEFAULT, NULL,
                                  request_read_cb, session);
}

static ClabPlan *
read_plan (GDataInputStream  *requests,
           GError           **error)
{
  g_autofree char *line = clab_read_line_bounded (G_BUFFERED_INPUT_STREAM (requests),
                                                  CLAB_SESSION_MAX_LINE, NULL, error);
  g_autofree char *json = NULL;
  ClabPlan *plan;
  gsize length, n = 0;

  if (line == NULL || !clab_session_parse_plan (line, &length))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                             _("The measuring engine was not sent a plan."));
      return NULL;
    }
  json = g_malloc0 (length + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (requests), json, length, &n, NULL, error))
    return NULL;
  if (n != length)
    {
      g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                           _("The plan sent to the measuring engine is cut short."));
      return NULL;
    }
  plan = clab_plan_new_from_data (json, length, "-", error);
  /* The window shows a command from a file and asks before it sends it. */
  if (plan != NULL)
    clab_plan_set_command_trusted (plan, TRUE);
  return plan;
}

static void
measure (Session  *session,
         ClabPlan *plan)
{
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);

  g_signal_connect (runner, "progress", G_CALLBACK (progress_cb), NULL);
  g_signal_connect (runner, "sample", G_CALLBACK (sample_cb), NULL);
  clab_read_line_bounded_async (G_BUFFERED_INPUT_STREAM (session->requests),
                                CLAB_SESSION_MAX_LINE, G_PRIORITY_DEFAULT, NULL,
                                request_read_cb, session);
  clab_runner_run_async (runner, session->cancellable, measured_cb, session);
  g_main_loop_run (session->loop);
}

int
clab_cli_session_serve (void)
{
  g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GDataInputStream) requests = g_data_input_stream_new (input);
  g_autoptr(ClabPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  Session session = { loop, cancellable, requests, CLAB_CLI_EXIT_OK };
  guint sigint_id = g_unix_signal_add (SIGINT, cancel_cb, cancellable);
  guint sigterm_id = g_unix_signal_add (SIGTERM, cancel_cb, cancellable);
  guint sighup_id = g_unix_signal_add (SIGHUP, cancel_cb, cancellable);

  /* A session of its own, as a terminal's command would have: the kernel then shares the
   * CPUs fairly between the window and the run as two groups, and the run goes at the
   * command line's priority. */
  setsid ();
  g_data_input_stream_set_newline_type (requests, G_DATA_STREAM_NEWLINE_TYPE_LF);
  plan = read_plan (requests, &error);
  if (plan == NULL)
    {
      send_line (clab_session_format_error (error->message));
      session.status = CLAB_CLI_EXIT_USAGE;
    }
  else
    measure (&session, plan);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_source_remove (sighup_id);
  return session.status;
}
