/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-executor.h"
#include "clab-sched.h"

/* One thread per task, all started at once, as threading.Thread in the article. */

static void
run_task (ClabExecContext *ctx,
          guint            index,
          gint64           submit_ns)
{
  /* This thread was made for the task, after submit_ns. Once the run's tasks prove short,
   * a new thread reads nothing of itself: opening its statistics costs more than a whole
   * empty task (tests/bench B2). */
  if (g_atomic_int_get (&ctx->last_task_short))
    clab_sched_self_born (submit_ns);
  clab_exec_context_run_in_thread (ctx, index, index, submit_ns);
  if (ctx->sampler != NULL)
    clab_sampler_thread_ending (ctx->sampler, clab_sched_self_tid ());
}

void
clab_executor_threads (ClabExecContext *ctx)
{
  clab_exec_context_run_per_task (ctx, "clab-task", run_task, TRUE);
}
