/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>

#include <glib/gi18n.h>

#include "clab-helper-path.h"
#include "clab-json-doc.h"
#include "clab-line-reader.h"
#include "clab-result-io-private.h"
#include "clab-run-session.h"
#include "clab-session-protocol.h"

struct _ClabRunSession
{
  GObject           parent_instance;
  ClabPlan         *plan;
  char             *engine_path;
  ClabResult       *live_result;
  ClabRun          *live_runs[CLAB_N_MODES];   /* owned by live_result */

  /* While a run goes on */
  GSubprocess      *engine;
  GOutputStream    *requests;
  GDataInputStream *events;
  GSource          *cancel_source;
  char             *request;                   /* the plan, while it is written */
  gboolean          close_when_written;
  char             *payload;                   /* the result's JSON, as it arrives */
  gsize             payload_length;
  GError           *engine_error;              /* what an ERROR line said */
};

enum { PROP_0, PROP_PLAN, N_PROPS };
enum { PROGRESS, SAMPLE, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ClabRunSession, clab_run_session, G_TYPE_OBJECT)

static void read_next_event (GTask *task);
static void close_requests  (ClabRunSession *self);

/* Each new run of a mode restarts its clock: the live run shows the one in progress. */
static void
add_live_sample (ClabRunSession   *self,
                 ClabMode          mode,
                 const ClabSample *sample)
{
  ClabRun *run = self->live_runs[mode];

  if (run == NULL)
    {
      run = clab_run_new (mode, g_get_num_processors ());
      clab_result_add_run (self->live_result, run);
      self->live_runs[mode] = run;
    }
  else if (run->samples->len > 0
           && sample->t_s < g_array_index (run->samples, ClabSample, run->samples->len - 1).t_s)
    g_array_set_size (run->samples, 0);
  g_array_append_vals (run->samples, sample, 1);
  run->elapsed_s = sample->t_s;
}

/* Ends the conversation: the engine reads the end of its input as "cancel". */
static void
close_engine (ClabRunSession *self)
{
  if (self->cancel_source != NULL)
    g_source_destroy (self->cancel_source);
  g_clear_pointer (&self->cancel_source, g_source_unref);
  close_requests (self);
  g_clear_object (&self->requests);
  g_clear_object (&self->events);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->payload, g_free);
}

static void
fail (GTask  *task,
      GError *error)
{
  ClabRunSession *self = g_task_get_source_object (task);

  if (self->engine != NULL)
    g_subprocess_force_exit (self->engine);
  close_engine (self);
  g_task_return_error (task, error);
}

/* How the engine ended, as the end of a sentence. */
static char *
describe_exit (GSubprocess *engine)
{
  if (g_subprocess_get_if_signaled (engine))
    return g_strdup_printf (_("it was killed by signal %d"), g_subprocess_get_term_sig (engine));
  return g_strdup_printf (_("it exited with status %d"), g_subprocess_get_exit_status (engine));
}

/* The engine has exited: hand over the result, or say why there is none. */
static void
engine_exited_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClabRunSession *self = g_task_get_source_object (task);
  ClabResult *result = g_task_get_task_data (task);
  g_autofree char *how = NULL;

  g_subprocess_wait_finish (G_SUBPROCESS (source), res, NULL);
  if (result != NULL)
    {
      close_engine (self);
      g_task_return_pointer (task, g_object_ref (result), g_object_unref);
      return;
    }
  if (self->engine_error != NULL)
    {
      fail (task, g_steal_pointer (&self->engine_error));
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("Cancelled before anything was measured.")));
      return;
    }
  how = describe_exit (G_SUBPROCESS (source));
  fail (task, g_error_new (CLAB_ERROR, CLAB_ERROR_WORKER,
                           _("The measuring engine stopped before it sent a result: %s."), how));
}

static void
wait_for_exit (GTask *task)
{
  ClabRunSession *self = g_task_get_source_object (task);

  g_subprocess_wait_async (self->engine, NULL, engine_exited_cb, task);
}

/* A thread of GTask's pool: a result of thousands of tasks takes tens of milliseconds to
 * parse, which the window's main thread must not spend. */
static void
parse_payload_thread (GTask        *parse,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ClabRunSession *self = source;
  g_autoptr(ClabJsonDoc) doc = NULL;
  GError *error = NULL;
  ClabResult *result = NULL;

  doc = clab_json_doc_parse (self->payload, self->payload_length, &error);
  if (doc != NULL)
    result = clab_result_new_from_doc (clab_json_doc_get_root (doc), &error);
  if (result != NULL)
    g_task_return_pointer (parse, result, g_object_unref);
  else
    g_task_return_error (parse, error);
}

static void
payload_parsed_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  ClabResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  if (result == NULL)
    {
      fail (task, g_error_new (CLAB_ERROR, CLAB_ERROR_WORKER,
                               _("The measuring engine sent a result that cannot be read: %s"),
                               error->message));
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, result, g_object_unref);
  wait_for_exit (task);
}

static void
payload_read_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  GTask *task = user_data;
  ClabRunSession *self = g_task_get_source_object (task);
  g_autoptr(GTask) parse = NULL;
  g_autoptr(GError) error = NULL;
  gsize n = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (source), res, &n, &error) ||
      n != self->payload_length)
    {
      fail (task, g_error_new (CLAB_ERROR, CLAB_ERROR_WORKER,
                               _("Could not read the result from the measuring engine: %s"),
                               error ? error->message : _("it is cut short")));
      g_object_unref (task);
      return;
    }
  parse = g_task_new (self, NULL, payload_parsed_cb, task);
  g_task_run_in_thread (parse, parse_payload_thread);
}

static void
read_payload (GTask *task,
              gsize  length)
{
  ClabRunSession *self = g_task_get_source_object (task);

  self->payload = g_malloc (length + 1);
  self->payload[length] = '\0';
  self->payload_length = length;
  g_input_stream_read_all_async (G_INPUT_STREAM (self->events), self->payload, length,
                                 G_PRIORITY_DEFAULT, NULL, payload_read_cb, task);
}

/* Acts on one event; FALSE when no further line is to be read. */
static gboolean
handle_event (GTask                  *task,
              const ClabSessionEvent *event)
{
  ClabRunSession *self = g_task_get_source_object (task);

  switch (event->type)
    {
    case CLAB_SESSION_EVENT_PROGRESS:
      g_signal_emit (self, signals[PROGRESS], 0, event->done, event->total);
      return TRUE;
    case CLAB_SESSION_EVENT_SAMPLE:
      add_live_sample (self, event->mode, &event->sample);
      g_signal_emit (self, signals[SAMPLE], 0, (int) event->mode);
      return TRUE;
    case CLAB_SESSION_EVENT_ERROR:
      g_clear_error (&self->engine_error);
      self->engine_error = g_error_new_literal (CLAB_ERROR, CLAB_ERROR_WORKER, event->message);
      return TRUE;
    case CLAB_SESSION_EVENT_RESULT:
    default:
      read_payload (task, event->length);
      return FALSE;
    }
}

static void
event_read_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_auto(ClabSessionEvent) event = { 0 };

  line = clab_read_line_bounded_finish (G_BUFFERED_INPUT_STREAM (source), res, &error);
  if (line != NULL && !g_utf8_validate (line, -1, NULL))
    {
      g_clear_pointer (&line, g_free);
      g_set_error_literal (&error, CLAB_ERROR, CLAB_ERROR_WORKER,
                           _("The measuring engine sent a line that is not UTF-8."));
    }
  if (line == NULL && error == NULL)
    {
      wait_for_exit (task);   /* the engine closed its output without a result */
      return;
    }
  if (line == NULL || !clab_session_parse_event (line, &event, &error))
    {
      fail (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (handle_event (task, &event))
    read_next_event (task);
}

static void
read_next_event (GTask *task)
{
  ClabRunSession *self = g_task_get_source_object (task);

  clab_read_line_bounded_async (G_BUFFERED_INPUT_STREAM (self->events), CLAB_SESSION_MAX_LINE,
                                G_PRIORITY_DEFAULT, NULL, event_read_cb, task);
}

/* The end of the engine's input asks it to stop: it kills and reaps its workers, as the
 * command line does on Ctrl+C, then still sends what it measured. Unlike a signal, this
 * cannot arrive before the engine is ready for it. */
static void
close_requests (ClabRunSession *self)
{
  if (self->requests != NULL && !g_output_stream_has_pending (self->requests))
    g_output_stream_close (self->requests, NULL, NULL);
  else
    self->close_when_written = TRUE;
}

static void
request_written_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(ClabRunSession) self = user_data;

  /* A failed write means the engine is gone: reading its output says how. */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), res, NULL, NULL);
  if (self->close_when_written)
    g_output_stream_close (G_OUTPUT_STREAM (source), NULL, NULL);
}

static void
send_request (ClabRunSession *self,
              char           *text,
              gsize           length)
{
  g_output_stream_write_all_async (self->requests, text, length, G_PRIORITY_DEFAULT, NULL,
                                   request_written_cb, g_object_ref (self));
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  close_requests (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelling is seen on the caller's main context, whichever thread cancels. */
static void
watch_cancellable (ClabRunSession *self,
                   GCancellable   *cancellable)
{
  if (cancellable == NULL)
    return;
  self->cancel_source = g_cancellable_source_new (cancellable);
  g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
  g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
}

static char *
plan_request (ClabPlan *plan,
              gsize    *length)
{
  g_autofree char *json = clab_plan_to_json_string (plan, FALSE);
  g_autofree char *header = clab_session_format_plan (strlen (json));
  char *request = g_strconcat (header, json, NULL);

  *length = strlen (request);
  return request;
}

static gboolean
start_engine (ClabRunSession  *self,
              GError         **error)
{
  g_autofree char *path = self->engine_path ? g_strdup (self->engine_path)
                                            : clab_run_session_find_engine ();
  g_autoptr(GError) local_error = NULL;
  gsize length;

  /* Inheriting descriptors lets GLib posix_spawn the engine: forking a window of a few
   * hundred megabytes copies its page tables, tens of milliseconds of its main thread.
   * The engine closes whatever it inherits beyond its standard streams. */
  self->engine = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_INHERIT_FDS,
                                   &local_error, path, CLAB_SESSION_COMMAND, NULL);
  if (self->engine == NULL)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKER,
                   _("Could not start the measuring engine “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  self->requests = g_object_ref (g_subprocess_get_stdin_pipe (self->engine));
  self->events = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->engine));
  g_data_input_stream_set_newline_type (self->events, G_DATA_STREAM_NEWLINE_TYPE_LF);
  self->request = plan_request (self->plan, &length);
  send_request (self, self->request, length);
  return TRUE;
}

void
clab_run_session_run_async (ClabRunSession      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (CLAB_IS_RUN_SESSION (self));
  g_return_if_fail (self->engine == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clab_run_session_run_async);
  /* The result must come back even when cancelled: it is the partial result. */
  g_task_set_check_cancellable (task, FALSE);
  if (!clab_plan_validate (self->plan, &error) || !start_engine (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  watch_cancellable (self, cancellable);
  read_next_event (g_steal_pointer (&task));
}

ClabResult *
clab_run_session_run_finish (ClabRunSession  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
clab_run_session_find_engine (void)
{
  return clab_helper_path ("CLAB_CLI_PATH", CLI_NAME, BINDIR);
}

ClabRunSession *
clab_run_session_new (ClabPlan *plan)
{
  g_return_val_if_fail (CLAB_IS_PLAN (plan), NULL);
  return g_object_new (CLAB_TYPE_RUN_SESSION, "plan", plan, NULL);
}

ClabPlan *
clab_run_session_get_plan (ClabRunSession *self)
{
  g_return_val_if_fail (CLAB_IS_RUN_SESSION (self), NULL);
  return self->plan;
}

void
clab_run_session_set_engine_path (ClabRunSession *self,
                                  const char     *path)
{
  g_return_if_fail (CLAB_IS_RUN_SESSION (self));
  g_free (self->engine_path);
  self->engine_path = g_strdup (path);
}

ClabResult *
clab_run_session_get_live_result (ClabRunSession *self)
{
  g_return_val_if_fail (CLAB_IS_RUN_SESSION (self), NULL);
  return self->live_result;
}

static void
clab_run_session_constructed (GObject *object)
{
  ClabRunSession *self = CLAB_RUN_SESSION (object);

  G_OBJECT_CLASS (clab_run_session_parent_class)->constructed (object);
  /* A copy: editing the plan while it runs changes nothing of this run. */
  self->live_result = clab_result_new (self->plan);
}

static void
clab_run_session_finalize (GObject *object)
{
  ClabRunSession *self = CLAB_RUN_SESSION (object);

  close_engine (self);
  g_clear_error (&self->engine_error);
  g_clear_pointer (&self->request, g_free);   /* not before: a write may have used it */
  g_clear_object (&self->live_result);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->engine_path, g_free);
  G_OBJECT_CLASS (clab_run_session_parent_class)->finalize (object);
}

static void
clab_run_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ClabRunSession *self = CLAB_RUN_SESSION (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_run_session_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ClabRunSession *self = CLAB_RUN_SESSION (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      self->plan = clab_plan_copy (g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_run_session_class_init (ClabRunSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = clab_run_session_constructed;
  object_class->finalize = clab_run_session_finalize;
  object_class->get_property = clab_run_session_get_property;
  object_class->set_property = clab_run_session_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, CLAB_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_UINT, G_TYPE_UINT);
  signals[SAMPLE] = g_signal_new ("sample", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /* An engine that dies while we write to it must be an error, not the end of us. */
  signal (SIGPIPE, SIG_IGN);
}

static void
clab_run_session_init (ClabRunSession *self)
{
}
