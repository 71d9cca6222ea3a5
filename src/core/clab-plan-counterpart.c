/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-plan-counterpart.h"
#include "clab-plan-python.h"
#include "clab-result-store.h"

char *
clab_plan_dup_counterpart_title (ClabPlan *plan)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (CLAB_IS_PLAN (plan), NULL);

  /* As an edited preset: the preset's words describe the Python lesson, not this plan, so it
   * is titled by what it runs (clab_result_store_describe_plan()). */
  what = clab_result_store_describe_plan (plan);
  /* TRANSLATORS: the title of the C counterpart of a Python plan: "4 CPU-bound tasks in C" */
  return g_strdup_printf (_("%s in C"), what);
}

ClabPlan *
clab_plan_dup_counterpart (ClabPlan  *plan,
                           GError   **error)
{
  g_autoptr(ClabPlan) counterpart = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CLAB_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (clab_plan_get_runtime (plan) != CLAB_RUNTIME_PYTHON)
    {
      g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                           _("This plan already runs in C: it has no other counterpart."));
      return NULL;
    }
  if (clab_plan_get_function_file (plan) != NULL)
    {
      g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                           _("This plan runs your own Python function, which has no C counterpart."));
      return NULL;
    }
  /* A copy keeps every field the two runtimes share, the ones added later too. */
  counterpart = clab_plan_copy (plan);
  clab_plan_set_runtime (counterpart, CLAB_RUNTIME_NATIVE);
  clab_plan_set_python (counterpart, NULL);
  clab_plan_set_start_method (counterpart, NULL);
  clab_plan_set_function_file (counterpart, NULL);
  title = clab_plan_dup_counterpart_title (counterpart);
  clab_plan_set_name (counterpart, NULL);
  clab_plan_set_title (counterpart, title);
  clab_plan_set_description (counterpart, NULL);
  return g_steal_pointer (&counterpart);
}
