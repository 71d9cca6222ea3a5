/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-run-helpers.h"

/* What the engine's tests share: running a plan and finding a mode's run in the result. */

ClabResult *
test_run_plan (ClabPlan *plan)
{
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);
  g_autoptr(GError) error = NULL;
  ClabResult *result = clab_runner_run (runner, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

ClabRun *
test_first_run (ClabResult *result,
                ClabMode    mode)
{
  ClabModeResult *mr = clab_result_find_mode (result, mode);

  g_assert_nonnull (mr);
  g_assert_cmpuint (mr->runs->len, >=, 1);
  return g_ptr_array_index (mr->runs, 0);
}
