/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "clab-executor.h"

/* One thread per task, all started at once, as threading.Thread in the article. */

static void
run_task (ClabExecContext *ctx,
          guint            index,
          gint64           submit_ns)
{
  double cpu_mark = NAN;

  clab_exec_context_run_in_thread (ctx, index, index, submit_ns, &cpu_mark);
}

void
clab_executor_threads (ClabExecContext *ctx)
{
  clab_exec_context_run_per_task (ctx, "clab-task", run_task, TRUE);
}
