/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: a plan file, or the plan of a result file, as clab_plan_load reads it. */
#include "config.h"

#include "clab-plan.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ClabPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = clab_plan_new_from_data (size > 0 ? (const char *) data : "", size, "fuzz.json", &error);
  return 0;
}
