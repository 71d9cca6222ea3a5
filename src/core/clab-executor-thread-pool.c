/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "clab-executor.h"

/* GThreadPool with W threads of its own; its queue hands tasks out first-in first-out. */

typedef struct
{
  ClabExecContext *ctx;
  gint64          *submit_ns;
} PoolData;

/* What a pool thread carries from task to task; @t0_ns tells one run from the next. */
typedef struct
{
  gint64 t0_ns;
  guint  lane;
  double cpu_mark;
} PoolLane;

static GPrivate pool_lane_key = G_PRIVATE_INIT (g_free);

/* Without a lock: the lane table of the context is consulted once per thread and run. */
static PoolLane *
pool_lane (ClabExecContext *ctx)
{
  PoolLane *lane = g_private_get (&pool_lane_key);

  if (lane == NULL)
    {
      lane = g_new (PoolLane, 1);
      lane->t0_ns = ctx->t0_ns - 1;
      g_private_set (&pool_lane_key, lane);
    }
  if (lane->t0_ns != ctx->t0_ns)
    {
      lane->t0_ns = ctx->t0_ns;
      lane->lane = clab_exec_context_thread_lane (ctx);
      lane->cpu_mark = NAN;
    }
  return lane;
}

static void
pool_func (gpointer data,
           gpointer user_data)
{
  PoolData *pool = user_data;
  guint index = GPOINTER_TO_UINT (data) - 1;
  ClabExecContext *ctx = pool->ctx;
  PoolLane *lane = pool_lane (ctx);

  /* Tasks still queued when the run is cancelled end at once. */
  clab_exec_context_run_in_thread (ctx, index, lane->lane, pool->submit_ns[index],
                                   &lane->cpu_mark);
}

void
clab_executor_thread_pool (ClabExecContext *ctx)
{
  g_autofree gint64 *submit_ns = g_new0 (gint64, ctx->n_tasks);
  PoolData data = { ctx, submit_ns };
  g_autoptr(GError) error = NULL;
  GThreadPool *pool;
  guint index;

  pool = g_thread_pool_new (pool_func, &data, ctx->workers, TRUE, &error);
  if (pool == NULL)
    {
      while (clab_exec_context_next_task (ctx, &index))
        clab_exec_context_fail_task (ctx, index, 0, clab_monotonic_ns (), error->message);
      return;
    }
  while (clab_exec_context_next_task (ctx, &index))
    {
      submit_ns[index] = clab_monotonic_ns ();
      /* Index + 1: a NULL item would be refused by the pool. */
      g_thread_pool_push (pool, GUINT_TO_POINTER (index + 1), NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
}
