/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-runner.h"

G_BEGIN_DECLS

/* Runs @plan to its end in this process; any error fails the test. */
ClabResult *test_run_plan  (ClabPlan   *plan);
/* The first run of @mode in @result, which must have one. */
ClabRun    *test_first_run (ClabResult *result,
                            ClabMode    mode);

G_END_DECLS
