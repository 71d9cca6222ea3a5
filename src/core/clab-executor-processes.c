/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-executor.h"
#include "clab-worker-proc.h"

/*
 * A fresh worker process per task, as multiprocessing.Process in the article. W dispatcher
 * threads each start one process at a time, so never more than W tasks run at once.
 */

typedef struct
{
  ClabExecContext *ctx;
  GStrv            argv;
} Dispatch;

static void
run_one (Dispatch *d,
         guint     index)
{
  ClabExecContext *ctx = d->ctx;
  g_auto(ClabWorkerReport) report = { 0 };
  g_autoptr(ClabWorkerProc) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  gint64 submit_ns = clab_monotonic_ns ();
  gboolean ok;
  GPid pid;

  proc = clab_worker_proc_spawn ((const char * const *) d->argv, &error);
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
      clab_exec_context_record_report (ctx, &report, NULL, pid, submit_ns);
      clab_exec_context_add_process (ctx, &report);
    }
  else
    clab_exec_context_fail_task (ctx, index, pid, submit_ns, why);
}

static gpointer
dispatch_main (gpointer data)
{
  Dispatch *d = data;
  guint index;

  while (clab_exec_context_next_task (d->ctx, &index))
    run_one (d, index);
  return NULL;
}

void
clab_executor_processes (ClabExecContext *ctx)
{
  g_auto(GStrv) argv = clab_worker_build_argv (ctx->worker_path, ctx->spec);
  Dispatch d = { ctx, argv };
  guint n = MIN (ctx->workers, ctx->n_tasks);
  g_autofree GThread **threads = g_new0 (GThread *, n);

  for (guint i = 0; i < n; i++)
    threads[i] = g_thread_new ("clab-dispatch", dispatch_main, &d);
  for (guint i = 0; i < n; i++)
    g_thread_join (threads[i]);
}
