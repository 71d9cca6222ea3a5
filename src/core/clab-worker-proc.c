/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "clab-line-reader.h"
#include "clab-proc-text.h"
#include "clab-worker-proc.h"

struct _ClabWorkerProc
{
  GSubprocess      *proc;
  GOutputStream    *in;
  GDataInputStream *out;
  GPid              pid;
  int               out_fd;
  GCancellable     *cancellable; /* the run's: ends every wait for the worker */
  double            limit_s;    /* a task's time limit; 0: none */
  gint64            deadline_ns; /* of the current request; 0: none */
  gboolean          finished;
  gboolean          lost;       /* the pipes broke: the worker is gone by itself */
  gboolean          stopped;    /* it broke its pipes yet kept running: we ended it */
  ClabCommandWatch  child_watch;
  gpointer          child_watch_data;
  GPid              child;      /* the command the current task announced; 0: none */
};

/* How long a worker may take to exit after its stdin closed, and after SIGTERM, before it
 * is killed: ours exits at once, but a sanitizer build checks for leaks on the way out. */
#define EXIT_GRACE_MS 5000
#define TERM_GRACE_MS 1000

ClabWorkerProc *
clab_worker_proc_spawn (const char * const  *argv,
                        GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *parent = g_strdup_printf ("%d", (int) getpid ());
  ClabWorkerProc *self;
  GSubprocess *proc;
  const char *pid_str;

  /* Every descriptor of ours is close-on-exec, so GLib need not close them one by one:
   * that lets it use posix_spawn instead of fork + exec, which halves the start cost. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_INHERIT_FDS);
  g_subprocess_launcher_setenv (launcher, CLAB_WORKER_PARENT_ENV, parent, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (proc == NULL)
    return NULL;

  self = g_new0 (ClabWorkerProc, 1);
  self->proc = proc;
  self->in = g_object_ref (g_subprocess_get_stdin_pipe (proc));
  self->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  self->out_fd = g_unix_input_stream_get_fd (
    G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (proc)));
  pid_str = g_subprocess_get_identifier (proc);
  self->pid = pid_str ? atoi (pid_str) : 0;
  return self;
}

GPid
clab_worker_proc_get_pid (ClabWorkerProc *self)
{
  return self->pid;
}

void
clab_worker_proc_set_time_limit (ClabWorkerProc *self,
                                 double          limit_s)
{
  self->limit_s = limit_s;
}

/* Waits until the worker's output is readable, the cancellable fires or the request's
 * deadline passes. */
static gboolean
wait_readable (ClabWorkerProc  *self,
               GCancellable    *cancellable,
               GError         **error)
{
  int cancel_fd = g_cancellable_get_fd (cancellable);
  struct pollfd fds[2] = { { self->out_fd, POLLIN, 0 }, { cancel_fd, POLLIN, 0 } };
  int n;

  do
    {
      gint64 left = (self->deadline_ns - clab_monotonic_ns () + 999999) / 1000000;

      n = poll (fds, cancel_fd >= 0 ? 2 : 1,
                self->deadline_ns == 0 ? -1 : (int) CLAMP (left, 0, G_MAXINT));
    }
  while (n < 0 && errno == EINTR);
  g_cancellable_release_fd (cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (n == 0)
    clab_workload_set_timed_out (error, self->limit_s);
  return n != 0;
}

/* Buffers a whole line, the end of the output or more than a line may hold, waiting no
 * longer than the cancellable and the deadline allow: a worker that stops answering
 * holds nothing up. */
static gboolean
await_line (ClabWorkerProc  *self,
            GCancellable    *cancellable,
            GError         **error)
{
  GBufferedInputStream *buffered = G_BUFFERED_INPUT_STREAM (self->out);

  for (;;)
    {
      gsize n, size = g_buffered_input_stream_get_buffer_size (buffered);
      const char *buf = g_buffered_input_stream_peek_buffer (buffered, &n);
      gssize got;

      if ((n > 0 && memchr (buf, '\n', n) != NULL) || n > CLAB_WORKER_MAX_LINE)
        return TRUE;
      if (n == size)
        g_buffered_input_stream_set_buffer_size (buffered,
                                                 MIN (2 * size, CLAB_WORKER_MAX_LINE + 1));
      if (!wait_readable (self, cancellable, error))
        return FALSE;
      got = g_buffered_input_stream_fill (buffered, -1, NULL, error);
      if (got <= 0)
        return got == 0;
    }
}

static char *
read_answer (ClabWorkerProc  *self,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  char *line = NULL;

  if (await_line (self, cancellable, &local_error))
    line = clab_read_line_bounded (G_BUFFERED_INPUT_STREAM (self->out), CLAB_WORKER_MAX_LINE,
                                   cancellable, &local_error);
  if (line == NULL && local_error == NULL)
    {
      self->lost = TRUE;
      g_set_error_literal (&local_error, CLAB_ERROR, CLAB_ERROR_WORKER,
                           _("The worker ended before it answered."));
    }
  if (line == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return line;
}

char *
clab_worker_proc_ask (ClabWorkerProc  *self,
                      const char      *request,
                      GError         **error)
{
  g_autofree char *line = g_strconcat (request, "\n", NULL);

  self->deadline_ns = 0;
  if (!g_output_stream_write_all (self->in, line, strlen (line), NULL, NULL, error))
    return NULL;
  return read_answer (self, NULL, error);
}

void
clab_worker_proc_set_child_watch (ClabWorkerProc   *self,
                                  ClabCommandWatch  watch,
                                  gpointer          user_data)
{
  self->child_watch = watch;
  self->child_watch_data = user_data;
}

/* Only a child of the worker's own is taken: a pid of another process would make its whole
 * past CPU time the run's. */
static void
child_started (ClabWorkerProc *self,
               const char     *pid_text)
{
  guint64 pid;

  if (self->child_watch == NULL || self->child != 0
      || !g_ascii_string_to_unsigned (pid_text, 10, 1, G_MAXINT, &pid, NULL)
      || clab_proc_read_ppid ((GPid) pid) != self->pid)
    return;
  self->child = (GPid) pid;
  self->child_watch (self->child, TRUE, self->child_watch_data);
}

static void
child_ended (ClabWorkerProc *self)
{
  if (self->child != 0)
    self->child_watch (self->child, FALSE, self->child_watch_data);
  self->child = 0;
}

/* The task's answer, after any CHILD lines, which go to the child watch. */
static char *
read_report_line (ClabWorkerProc  *self,
                  GCancellable    *cancellable,
                  GError         **error)
{
  for (;;)
    {
      char *line = read_answer (self, cancellable, error);

      if (line == NULL || !g_str_has_prefix (line, "CHILD "))
        return line;
      child_started (self, line + strlen ("CHILD "));
      g_free (line);
    }
}

gboolean
clab_worker_proc_run (ClabWorkerProc    *self,
                      guint              index,
                      ClabWorkerReport  *report,
                      GCancellable      *cancellable,
                      GError           **error)
{
  char request[32];
  g_autofree char *line = NULL;
  int len;

  g_set_object (&self->cancellable, cancellable);
  self->deadline_ns = self->limit_s > 0
                      ? clab_monotonic_ns () + (gint64) (self->limit_s * 1e9) : 0;
  len = g_snprintf (request, sizeof request, "RUN %u\n", index);
  if (!g_output_stream_write_all (self->in, request, len, NULL, cancellable, error))
    {
      self->lost = error != NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE);
      return FALSE;
    }
  line = read_report_line (self, cancellable, error);
  /* A command still running when its task failed ends with the worker. */
  if (line != NULL)
    child_ended (self);
  if (line == NULL)
    return FALSE;
  if (!clab_worker_report_parse (line, report, error))
    return FALSE;
  if (report->index != index)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKER,
                   _("The worker answered for task %u instead of task %u."),
                   report->index, index);
      return FALSE;
    }
  return TRUE;
}

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
stop_waiting_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (int           fd,
              GIOCondition  condition,
              gpointer      user_data)
{
  return stop_waiting_cb (user_data);
}

/* Runs @context until GLib has seen the worker exit (@exited), @timeout_ms pass or
 * @cancellable fires. GLib's own watch, not the pid: GLib may reap it at any time. The
 * cancellable's fd, not g_cancellable_source_new(), which GLib 2.74 leaks once fired. */
static gboolean
await_exit (GMainContext *context,
            gboolean     *exited,
            guint         timeout_ms,
            GCancellable *cancellable)
{
  GSource *timer = g_timeout_source_new (timeout_ms);
  int fd = g_cancellable_get_fd (cancellable);
  GSource *cancel = fd >= 0 ? g_unix_fd_source_new (fd, G_IO_IN) : NULL;
  gboolean stop = FALSE;

  g_source_set_callback (timer, stop_waiting_cb, &stop, NULL);
  g_source_attach (timer, context);
  if (cancel != NULL)
    {
      g_source_set_callback (cancel, G_SOURCE_FUNC (cancelled_cb), &stop, NULL);
      g_source_attach (cancel, context);
    }
  while (!*exited && !stop)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timer);
  g_source_unref (timer);
  if (cancel != NULL)
    {
      g_source_destroy (cancel);
      g_source_unref (cancel);
    }
  g_cancellable_release_fd (cancellable);
  return *exited;
}

/* Closes stdin and waits, a bounded time, for the worker to exit; a worker asked to stop
 * (@kill), or that does not exit, gets SIGTERM first: its handler then ends its command's
 * process group, which a SIGKILL would leave to the command's parent-death signal alone. */
static void
end_worker (ClabWorkerProc *self,
            GMainContext   *context,
            gboolean        kill)
{
  gboolean exited = FALSE;

  g_subprocess_wait_async (self->proc, NULL, exited_cb, &exited);
  g_output_stream_close (self->in, NULL, NULL);
  if (!kill && !await_exit (context, &exited, EXIT_GRACE_MS, self->cancellable))
    self->stopped = TRUE;
  if (!exited)
    {
      g_subprocess_send_signal (self->proc, SIGTERM);
      if (!await_exit (context, &exited, TERM_GRACE_MS, NULL))
        g_subprocess_force_exit (self->proc);
    }
  /* Nothing refuses SIGKILL: this wait is short. */
  while (!exited)
    g_main_context_iteration (context, TRUE);
}

void
clab_worker_proc_finish (ClabWorkerProc *self,
                         gboolean        kill)
{
  g_autoptr(GMainContext) context = NULL;

  if (self->finished)
    return;
  self->finished = TRUE;
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  end_worker (self, context, kill);
  g_main_context_pop_thread_default (context);
  child_ended (self);
}

char *
clab_worker_proc_fail (ClabWorkerProc *self,
                       const GError   *error)
{
  /* A worker that broke its pipes has ended: its exit status says why. Any other
   * failure (cancellation, a garbled answer) ends it here. */
  clab_worker_proc_finish (self, !self->lost);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  if (self->lost && self->stopped)
    return g_strdup (_("The worker closed its output but kept running, so it was stopped."));
  if (self->lost)
    return clab_worker_proc_describe_exit (self);
  return g_strdup (error->message);
}

char *
clab_worker_proc_describe_exit (ClabWorkerProc *self)
{
  if (g_subprocess_get_if_signaled (self->proc))
    {
      int sig = g_subprocess_get_term_sig (self->proc);
      return g_strdup_printf (_("The worker was killed by signal %d (%s)."),
                              sig, g_strsignal (sig));
    }
  if (g_subprocess_get_exit_status (self->proc) != 0)
    return g_strdup_printf (_("The worker exited with status %d."),
                            g_subprocess_get_exit_status (self->proc));
  return g_strdup (_("The worker exited before it answered."));
}

void
clab_worker_proc_free (ClabWorkerProc *self)
{
  if (self == NULL)
    return;
  clab_worker_proc_finish (self, TRUE);
  g_clear_object (&self->in);
  g_clear_object (&self->out);
  g_clear_object (&self->proc);
  g_clear_object (&self->cancellable);
  g_free (self);
}
