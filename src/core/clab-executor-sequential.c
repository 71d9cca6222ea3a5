/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-executor.h"

/* A plain for loop on the runner's own thread: the baseline of every speedup. */
void
clab_executor_sequential (ClabExecContext *ctx)
{
  /* Each task is handed out when the loop comes to it. */
  clab_exec_context_run_lane (ctx, 0, -1);
}
