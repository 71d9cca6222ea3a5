/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clab-executor.h"
#include "clab-worker-proc.h"

/*
 * W long-lived workers fed over pipes, as multiprocessing.Pool(W). Each worker has a
 * dispatcher thread that takes the next task from the shared FIFO; a worker that dies is
 * replaced for the next task, as Pool does.
 */

typedef struct
{
  ClabWorkerProc   *proc;
  ClabWorkerReport  last;    /* the worker's previous answer: its totals so far */
} Worker;

static void
worker_retire (ClabExecContext *ctx,
               Worker          *w,
               gboolean         kill)
{
  if (w->proc == NULL)
    return;
  clab_worker_proc_finish (w->proc, kill);
  if (ctx->sampler != NULL)
    clab_sampler_remove_pid (ctx->sampler, clab_worker_proc_get_pid (w->proc));
  clab_exec_context_add_process (ctx, &w->last);
}

static gboolean
worker_ensure (ClabExecContext  *ctx,
               Worker           *w,
               GError          **error)
{
  if (w->proc != NULL)
    return TRUE;
  w->proc = clab_worker_proc_spawn ((const char * const *) ctx->worker_argv, error);
  if (w->proc == NULL)
    return FALSE;
  clab_worker_report_clear (&w->last);
  memset (&w->last, 0, sizeof w->last);
  clab_worker_proc_set_time_limit (w->proc, ctx->time_limit_s);
  clab_worker_proc_set_child_watch (w->proc, ctx->spec->command_watch,
                                    ctx->spec->command_watch_data);
  if (ctx->sampler != NULL)
    clab_sampler_add_pid (ctx->sampler, clab_worker_proc_get_pid (w->proc));
  return TRUE;
}

static void
worker_lost (ClabExecContext *ctx,
             Worker          *w,
             guint            index,
             gint64           submit_ns,
             GError          *error)
{
  g_autofree char *why = clab_worker_proc_fail (w->proc, error);
  GPid pid = clab_worker_proc_get_pid (w->proc);

  worker_retire (ctx, w, TRUE);
  clab_exec_context_end_task (ctx, index, pid, submit_ns, error, why);
  g_clear_pointer (&w->proc, clab_worker_proc_free);
}

static void
run_one (ClabExecContext *ctx,
         Worker          *w,
         guint            index)
{
  g_auto(ClabWorkerReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 submit_ns = clab_monotonic_ns ();

  if (!worker_ensure (ctx, w, &error))
    {
      clab_exec_context_fail_task (ctx, index, 0, submit_ns, error->message);
      return;
    }
  if (!clab_worker_proc_run (w->proc, index, &report, ctx->cancellable, &error))
    {
      worker_lost (ctx, w, index, submit_ns, error);
      return;
    }
  clab_exec_context_record_report (ctx, &report, clab_worker_proc_get_pid (w->proc),
                                   submit_ns);
  clab_worker_report_clear (&w->last);
  w->last = report;
  memset (&report, 0, sizeof report);
}

static gpointer
dispatch_main (gpointer data)
{
  ClabExecContext *ctx = data;
  Worker w = { 0 };
  g_autoptr(GError) error = NULL;
  guint index;

  /* Start the worker before taking tasks, as Pool(W) starts its processes up front. */
  if (!worker_ensure (ctx, &w, &error))
    g_clear_error (&error);
  /* GIO polls the cancellable's fd on every read: holding it spares an eventfd() and a
   * close() per read, a third of the round trip. */
  g_cancellable_get_fd (ctx->cancellable);
  while (clab_exec_context_next_task (ctx, &index))
    run_one (ctx, &w, index);
  g_cancellable_release_fd (ctx->cancellable);
  worker_retire (ctx, &w, g_cancellable_is_cancelled (ctx->cancellable));
  g_clear_pointer (&w.proc, clab_worker_proc_free);
  clab_worker_report_clear (&w.last);
  return NULL;
}

void
clab_executor_process_pool (ClabExecContext *ctx)
{
  clab_exec_context_run_dispatchers (ctx, "clab-pool", dispatch_main);
}
