/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "clab-executor.h"

/* A plain for loop on the runner's own thread: the baseline of every speedup. */
void
clab_executor_sequential (ClabExecContext *ctx)
{
  double cpu_mark = NAN;
  guint index;

  while (clab_exec_context_next_task (ctx, &index))
    clab_exec_context_run_in_thread (ctx, index, 0, clab_monotonic_ns (), &cpu_mark);
}
