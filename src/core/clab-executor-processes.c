/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-executor.h"
#include "clab-worker-proc.h"

/*
 * A fresh worker process per task, as multiprocessing.Process in the article. W dispatcher
 * threads each start one process at a time, so never more than W tasks run at once.
 */

static void
run_one (ClabExecContext *ctx,
         guint            index)
{
  g_auto(ClabWorkerReport) report = { 0 };
  g_autoptr(ClabWorkerProc) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  gint64 submit_ns = clab_monotonic_ns ();
  gboolean ok;
  GPid pid;

  proc = clab_worker_proc_spawn ((const char * const *) ctx->worker_argv, &error);
  if (proc == NULL)
    {
      clab_exec_context_fail_task (ctx, index, 0, submit_ns, error->message);
      return;
    }
  pid = clab_worker_proc_get_pid (proc);
  if (ctx->sampler != NULL)
    clab_sampler_add_pid (ctx->sampler, pid);
  ok = clab_worker_proc_run (proc, index, &report, ctx->cancellable, &error);
  if (ok)
    clab_worker_proc_finish (proc, FALSE);
  else
    why = clab_worker_proc_fail (proc, error);
  if (ctx->sampler != NULL)
    clab_sampler_remove_pid (ctx->sampler, pid);

  if (ok)
    {
      clab_exec_context_record_report (ctx, &report, pid, submit_ns);
      clab_exec_context_add_process (ctx, &report);
    }
  else
    clab_exec_context_fail_task (ctx, index, pid, submit_ns, why);
}

static gpointer
dispatch_main (gpointer data)
{
  ClabExecContext *ctx = data;
  guint index;

  while (clab_exec_context_next_task (ctx, &index))
    run_one (ctx, index);
  return NULL;
}

void
clab_executor_processes (ClabExecContext *ctx)
{
  clab_exec_context_run_dispatchers (ctx, "clab-dispatch", dispatch_main);
}
