/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-executor.h"

/* GThreadPool with W threads of its own. Each of its W items is a lane that takes tasks
 * from the runner's FIFO queue, as the process pool's dispatchers do: one item per task
 * cost a lock, a wake-up and an allocation each, six times an empty task (tests/bench B1). */

typedef struct
{
  ClabExecContext *ctx;
  gint64           queued_ns;
} PoolData;

static void
lane_func (gpointer data,
           gpointer user_data)
{
  PoolData *pool = user_data;

  /* Every task was queued before the first lane started, as Executor.submit() in a loop. */
  clab_exec_context_run_lane (pool->ctx, GPOINTER_TO_UINT (data) - 1, pool->queued_ns);
}

void
clab_executor_thread_pool (ClabExecContext *ctx)
{
  guint n = MIN (ctx->workers, ctx->n_tasks);
  PoolData data = { ctx, clab_monotonic_ns () };
  g_autoptr(GError) error = NULL;
  GThreadPool *pool;
  guint index;

  if (n == 0)
    return;
  pool = g_thread_pool_new (lane_func, &data, n, TRUE, &error);
  if (pool == NULL)
    {
      while (clab_exec_context_next_task (ctx, &index))
        clab_exec_context_fail_task (ctx, index, 0, data.queued_ns, error->message);
      return;
    }
  /* Lane + 1: a NULL item would be refused by the pool. */
  for (guint lane = 0; lane < n; lane++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (lane + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
}
