/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clab-python-protocol.h"
#include "clab-python-runtime-private.h"

/*
 * Any mode on the Python runtime: the interpreter that clab_python_runtime_prepare() left
 * waiting is told "GO", runs the mode with CPython's own threads, pools or processes, and
 * reports each task on its stdout. A cancelled run, or a task past the plan's time limit
 * (a Python thread cannot be stopped alone), ends the interpreter's whole process group.
 */

typedef enum
{
  END_FINISHED,    /* FINISH: every task reported */
  END_CANCELLED,
  END_TIMED_OUT,
  END_BROKEN,      /* the interpreter died, or said what the lab cannot read */
} EndKind;

typedef struct
{
  ClabExecContext   *ctx;
  ClabPythonRuntime *py;
  gint64             submit_ns;   /* "GO": every task is handed over at once */
  gboolean          *done;        /* by index */
  gint64            *start_ns;    /* by index: 0 until its START */
  gint64            *worker;      /* by index, from its START */
  GHashTable        *running;     /* of GUINT_TO_POINTER (index): started, not done */
  guint              late;        /* the task past its time limit */
} PythonRun;

static void
task_finished (PythonRun *r,
               guint      index)
{
  r->done[index] = TRUE;
  g_hash_table_remove (r->running, GUINT_TO_POINTER (index));
  if (r->ctx->task_done != NULL)
    r->ctx->task_done (1, r->ctx->user_data);
}

/* The first report of a task counts: a process that reported and then died reports again. */
static void
record (PythonRun            *r,
        const ClabPythonLine *line)
{
  ClabExecContext *ctx = r->ctx;
  gint64 now = clab_monotonic_ns (), start, end;
  ClabTask *task;

  if (line->index >= ctx->n_tasks || r->done[line->index])
    return;
  task = &g_array_index (ctx->run->tasks, ClabTask, line->index);
  start = CLAMP (line->start_ns, ctx->t0_ns, now);
  end = CLAMP (line->end_ns, start, now);
  task->submit_s = clab_exec_context_seconds (ctx, r->submit_ns);
  task->start_s = clab_exec_context_seconds (ctx, start);
  task->end_s = clab_exec_context_seconds (ctx, end);
  task->cpu_s = line->cpu_ns / 1e9;
  task->worker = line->worker;
  task->pid = line->pid;
  task->tid = line->tid;
  if (line->kind == CLAB_PYTHON_LINE_DONE)
    {
      task->status = CLAB_TASK_OK;
      task->checksum = line->checksum;
    }
  else
    {
      task->status = CLAB_TASK_FAILED;
      g_free (task->reason);
      task->reason = g_strdup (line->text);
    }
  task_finished (r, line->index);
}

/* The interpreter is followed with the children it reaps: a worker that multiprocessing
 * joins takes its CPU time out of /proc, and into the interpreter's cutime. It started
 * before the clock: what it used until now is not the run's. */
static void
follow_process (PythonRun *r,
                GPid       pid,
                gboolean   with_children)
{
  if (r->ctx->sampler == NULL)
    return;
  if (with_children)
    clab_sampler_add_interpreter (r->ctx->sampler, pid);
  else
    clab_sampler_add_pid (r->ctx->sampler, pid);
  g_ptr_array_add (r->py->pids, GINT_TO_POINTER (pid));
}

static void
started (PythonRun            *r,
         const ClabPythonLine *line)
{
  if (line->index >= r->ctx->n_tasks || r->done[line->index])
    return;
  r->start_ns[line->index] = MAX (line->start_ns, 1);
  r->worker[line->index] = line->worker;
  g_hash_table_add (r->running, GUINT_TO_POINTER (line->index));
}

/* When the running task that started first passes the time limit; 0: no limit or none. */
static gint64
next_deadline (PythonRun *r,
               guint     *index)
{
  GHashTableIter iter;
  gpointer key;
  gint64 first = G_MAXINT64;

  if (r->ctx->time_limit_s <= 0)
    return 0;
  g_hash_table_iter_init (&iter, r->running);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (r->start_ns[GPOINTER_TO_UINT (key)] < first)
      {
        first = r->start_ns[GPOINTER_TO_UINT (key)];
        *index = GPOINTER_TO_UINT (key);
      }
  if (first == G_MAXINT64)
    return 0;
  return first + (gint64) (r->ctx->time_limit_s * 1e9);
}

/* Reads the driver's lines until it finishes or must be stopped; @reason says why. */
static EndKind
follow (PythonRun  *r,
        char      **reason)
{
  ClabExecContext *ctx = r->ctx;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_auto(ClabPythonLine) line = { 0 };
      g_autofree char *text = NULL;
      guint first = 0;
      gint64 deadline = next_deadline (r, &first);

      text = _clab_python_runtime_next_line (r->py, ctx->cancellable, deadline, &error);
      if (text == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return END_CANCELLED;
      if (text == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          r->late = first;
          return END_TIMED_OUT;
        }
      if (text == NULL)
        {
          *reason = error ? g_strdup (error->message) : NULL;
          return END_BROKEN;
        }
      if (!clab_python_line_parse (text, &line, &error) || line.kind == CLAB_PYTHON_LINE_ERROR)
        {
          *reason = error ? g_strdup (error->message)
                          : g_strdup_printf ("%s %s", line.code, line.text);
          return END_BROKEN;
        }
      switch (line.kind)
        {
        case CLAB_PYTHON_LINE_PROC:
          follow_process (r, line.pid, FALSE);
          break;
        case CLAB_PYTHON_LINE_START:
          started (r, &line);
          break;
        case CLAB_PYTHON_LINE_DONE:
        case CLAB_PYTHON_LINE_FAIL:
          record (r, &line);
          break;
        case CLAB_PYTHON_LINE_FINISH:
          ctx->end_ns = CLAMP (line.start_ns, ctx->t0_ns, clab_monotonic_ns ());
          r->py->finish_user_us = line.user_us;
          r->py->finish_sys_us = line.sys_us;
          return END_FINISHED;
        default:
          break;
        }
    }
}

/* Every task without an outcome ends with @reason (cancelled, in a cancelled run). */
static void
fail_rest (PythonRun  *r,
           const char *reason)
{
  for (guint i = 0; i < r->ctx->n_tasks; i++)
    {
      /* A cancelled run's unstarted tasks stay pending: the runner calls them cancelled. */
      if (r->done[i] || (r->start_ns[i] == 0 && g_cancellable_is_cancelled (r->ctx->cancellable)))
        continue;
      clab_exec_context_fail_task (r->ctx, i, r->start_ns[i] ? r->worker[i] : 0, r->submit_ns,
                                   reason);
      r->done[i] = TRUE;
    }
}

static void
end_run (PythonRun *r,
         EndKind    kind,
         char      *reason)
{
  g_autofree char *why = reason;
  ClabExecContext *ctx = r->ctx;
  g_autoptr(GError) late = NULL;

  /* An interpreter that finished, or closed its output, may exit by itself; one that
   * must stop, or speaks nonsense, is ended at once. Either is reaped only after the
   * sampler stops (clab_python_runtime_finish()): its CPU time would come back as ours. */
  gboolean may_exit = kind == END_FINISHED || (kind == END_BROKEN && reason == NULL);

  if (!may_exit)
    _clab_python_runtime_kill (r->py);
  switch (kind)
    {
    case END_FINISHED:
      fail_rest (r, _("The Python driver finished without reporting this task."));
      break;
    case END_CANCELLED:
      fail_rest (r, NULL);
      break;
    case END_TIMED_OUT:
      clab_workload_set_timed_out (&late, ctx->time_limit_s);
      clab_exec_context_end_task (ctx, r->late, r->worker[r->late], r->submit_ns, late,
                                  late->message);
      r->done[r->late] = TRUE;
      g_free (why);
      why = g_strdup_printf (_("Stopped with the Python interpreter when task %u ran past its "
                               "time limit."), r->late);
      fail_rest (r, why);
      break;
    case END_BROKEN:
    default:
      if (why == NULL)
        why = _clab_python_runtime_died_sentence (r->py, _("before every task reported"));
      fail_rest (r, why);
      break;
    }
}

static void
fail_all (PythonRun  *r,
          const char *reason)
{
  _clab_python_runtime_kill (r->py);
  fail_rest (r, reason);
}

void
clab_executor_python (ClabExecContext *ctx)
{
  ClabPythonRuntime *py = ctx->python;
  g_autoptr(GHashTable) running = g_hash_table_new (NULL, NULL);
  g_autofree gboolean *done = g_new0 (gboolean, ctx->n_tasks);
  g_autofree gint64 *start_ns = g_new0 (gint64, ctx->n_tasks);
  g_autofree gint64 *worker = g_new0 (gint64, ctx->n_tasks);
  PythonRun r = { ctx, py, clab_monotonic_ns (), done, start_ns, worker, running, 0 };
  g_autoptr(GError) error = NULL;
  char *reason = NULL;
  EndKind kind;

  g_return_if_fail (py != NULL);

  if (py->failure != NULL)
    {
      fail_all (&r, py->failure);
      return;
    }
  follow_process (&r, py->pgid, TRUE);
  if (ctx->sampler != NULL)
    clab_sampler_add_threads_of (ctx->sampler, py->pgid);
  if (!g_output_stream_write_all (py->in, "GO\n", 3, NULL, NULL, &error)
      || !g_output_stream_flush (py->in, NULL, &error))
    {
      _clab_python_runtime_kill (py);
      reason = _clab_python_runtime_died_sentence (py, _("before it started"));
      fail_rest (&r, reason);
      g_free (reason);
      return;
    }
  g_debug ("Python run of %s started", clab_mode_to_string (py->mode));
  kind = follow (&r, &reason);
  end_run (&r, kind, reason);
}
