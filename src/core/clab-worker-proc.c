/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "clab-worker-proc.h"

struct _ClabWorkerProc
{
  GSubprocess      *proc;
  GOutputStream    *in;
  GDataInputStream *out;
  GPid              pid;
  gboolean          finished;
  gboolean          lost;       /* the pipes broke: the worker is gone by itself */
};

ClabWorkerProc *
clab_worker_proc_spawn (const char * const  *argv,
                        GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  ClabWorkerProc *self;
  GSubprocess *proc;
  const char *pid_str;

  /* Every descriptor of ours is close-on-exec, so GLib need not close them one by one:
   * that lets it use posix_spawn instead of fork + exec, which halves the start cost. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_INHERIT_FDS);
  proc = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (proc == NULL)
    return NULL;

  self = g_new0 (ClabWorkerProc, 1);
  self->proc = proc;
  self->in = g_object_ref (g_subprocess_get_stdin_pipe (proc));
  self->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  pid_str = g_subprocess_get_identifier (proc);
  self->pid = pid_str ? atoi (pid_str) : 0;
  return self;
}

GPid
clab_worker_proc_get_pid (ClabWorkerProc *self)
{
  return self->pid;
}

static char *
read_answer (ClabWorkerProc  *self,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  char *line;

  line = g_data_input_stream_read_line (self->out, NULL, cancellable, &local_error);
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

  if (!g_output_stream_write_all (self->in, line, strlen (line), NULL, NULL, error))
    return NULL;
  return read_answer (self, NULL, error);
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

  len = g_snprintf (request, sizeof request, "RUN %u\n", index);
  if (!g_output_stream_write_all (self->in, request, len, NULL, cancellable, error))
    {
      self->lost = error != NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE);
      return FALSE;
    }
  line = read_answer (self, cancellable, error);
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

void
clab_worker_proc_finish (ClabWorkerProc *self,
                         gboolean        kill)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  if (kill)
    g_subprocess_force_exit (self->proc);
  g_output_stream_close (self->in, NULL, NULL);
  g_subprocess_wait (self->proc, NULL, NULL);
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
  g_free (self);
}
