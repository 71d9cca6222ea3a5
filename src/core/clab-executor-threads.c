/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "clab-executor.h"

/* One thread per task, all started at once, as threading.Thread in the article. */

typedef struct
{
  ClabExecContext *ctx;
  guint            index;
  gint64           submit_ns;
} ThreadJob;

static gpointer
thread_main (gpointer data)
{
  ThreadJob *job = data;
  double cpu_mark = NAN;

  clab_exec_context_run_in_thread (job->ctx, job->index, job->index, job->submit_ns, &cpu_mark);
  return NULL;
}

void
clab_executor_threads (ClabExecContext *ctx)
{
  g_autofree ThreadJob *jobs = g_new0 (ThreadJob, ctx->n_tasks);
  g_autofree GThread **threads = g_new0 (GThread *, ctx->n_tasks);
  guint index;

  while (clab_exec_context_next_task (ctx, &index))
    {
      g_autoptr(GError) error = NULL;

      jobs[index] = (ThreadJob) { ctx, index, clab_monotonic_ns () };
      threads[index] = g_thread_try_new ("clab-task", thread_main, &jobs[index], &error);
      if (threads[index] == NULL)
        clab_exec_context_fail_task (ctx, index, index, jobs[index].submit_ns, error->message);
    }
  for (guint i = 0; i < ctx->n_tasks; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
    }
}
