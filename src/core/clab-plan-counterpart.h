/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-plan.h"

G_BEGIN_DECLS

/* The C counterpart of a Python plan: the same workload, size, tasks, workers, modes, runs,
 * warm-up, sweep, sampling and time limit on the native runtime, without the interpreter,
 * start method and function file, titled by what it runs followed by "in C".
 * A plan that runs the person's own Python function has none, and a native plan is its own:
 * both are refused with a sentence in @error (CLAB_ERROR_INVALID_PLAN). */
ClabPlan *clab_plan_dup_counterpart   (ClabPlan  *plan,
                                       GError   **error);
/* The title of @plan's counterpart: "4 CPU-bound tasks in C". */
char     *clab_plan_dup_counterpart_title (ClabPlan *plan);

G_END_DECLS
