/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-executor.h"
#include "clab-worker-proc.h"

/*
 * A fresh worker process per task, all started at once, as multiprocessing.Process in the
 * article: like the threads mode, whatever the worker count (that sizes only the pools).
 * Each task gets a thread of its own, which starts its process and waits for its answer.
 */

static void
run_one (ClabExecContext *ctx,
         guint            index,
         gint64           submit_ns)
{
  g_auto(ClabWorkerReport) report = { 0 };
  g_autoptr(ClabWorkerProc) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  gboolean ok;
  GPid pid;

  proc = clab_worker_proc_spawn ((const char * const *) ctx->worker_argv, &error);
  if (proc == NULL)
    {
      clab_exec_context_fail_task (ctx, index, 0, submit_ns, error->message);
      return;
    }
  pid = clab_worker_proc_get_pid (proc);
  clab_worker_proc_set_time_limit (proc, ctx->time_limit_s);
  clab_worker_proc_set_child_watch (proc, ctx->spec->command_watch, ctx->spec->command_watch_data);
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
    clab_exec_context_end_task (ctx, index, pid, submit_ns, error, why);
}

void
clab_executor_processes (ClabExecContext *ctx)
{
  /* No process is started for a thread that fails to start: there is no pid for its lane. */
  clab_exec_context_run_per_task (ctx, "clab-process", run_one, FALSE);
}
