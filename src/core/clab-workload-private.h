/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-workload.h"

G_BEGIN_DECLS

/* When a task must stop early: its run is cancelled, or it passes its time limit. */
typedef struct
{
  GCancellable *cancellable;
  gint64        deadline_ns;   /* 0: no time limit */
  double        limit_s;
} ClabTaskEnd;

/* Sets @error and returns TRUE when the task must stop now. */
gboolean _clab_task_must_stop          (const ClabTaskEnd  *end,
                                        GError            **error);
/* Milliseconds until the task's deadline, rounded up so that a poll never wakes early;
 * -1 without a time limit. */
int      _clab_task_ms_to_deadline     (const ClabTaskEnd  *end);
/* The command workload (clab-workload-command.c). */
gboolean _clab_workload_run_command    (const ClabWorkloadSpec *spec,
                                        guint               index,
                                        const ClabTaskEnd  *end,
                                        guint64            *checksum,
                                        GError            **error);

G_END_DECLS
