/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-format.h"
#include "clab-plan-python.h"
#include "clab-report-private.h"
#include "clab-result-io.h"
#include "clab-stats.h"
#include "clab-verdict.h"

static void
field_free (gpointer data)
{
  ClabReportField *field = data;

  g_free (field->label);
  g_free (field->value);
  g_free (field);
}

/* @value is taken and made safe to show: it may come from a result file. */
static void
add_field (GPtrArray  *fields,
           const char *label,
           char       *value)
{
  ClabReportField *field = g_new0 (ClabReportField, 1);

  field->label = g_strdup (label);
  field->value = clab_format_escape_controls (value != NULL ? value : CLAB_FORMAT_NONE);
  g_free (value);
  g_ptr_array_add (fields, field);
}

static char *
dup_title (ClabResult *result)
{
  ClabPlan *plan = clab_result_get_plan (result);
  const char *title = clab_plan_get_shown_title (plan);

  if (title == NULL)
    title = clab_plan_get_name (plan);
  if (title != NULL)
    return clab_format_escape_controls (title);
  /* Without a preset's title, what the Markdown export's heading says the plan ran. */
  return clab_result_dup_heading (result);
}

static GPtrArray *
build_machine (ClabResult *result)
{
  const ClabSystemInfo *system = clab_result_get_system (result);
  GPtrArray *fields = g_ptr_array_new_with_free_func (field_free);

  add_field (fields, _("CPU"), g_strdup (system->cpu_model));
  add_field (fields, _("Cores"), g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u CPU", "%u CPUs",
                                                               system->cpus), system->cpus));
  add_field (fields, _("Kernel"), g_strdup (system->kernel));
  add_field (fields, _("Host"), g_strdup (system->hostname));
  /* Worded as every other export words it. */
  add_field (fields, _("Runtime"), clab_result_dup_runtime_label (result, FALSE));
  return fields;
}

static char *
dup_workload (ClabPlan *plan)
{
  ClabWorkloadKind kind = clab_plan_get_workload (plan);
  const char *function = clab_plan_get_function_file (plan);

  if (clab_plan_get_runtime (plan) == CLAB_RUNTIME_PYTHON && function != NULL)
    /* Translators: a Python function file runs as each task; %g is the size it is given. */
    return g_strdup_printf (_("task(index, %g) from %s"), clab_plan_get_size (plan), function);
  if (kind == CLAB_WORKLOAD_COMMAND)
    return g_strdup_printf (_("command: %s"), clab_plan_get_command (plan));
  return g_strdup_printf (_("%s, %g %s per task"), clab_workload_kind_to_string (kind),
                          clab_plan_get_size (plan), clab_workload_size_unit (kind));
}

static char *
dup_workers (ClabPlan *plan)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const guint *sweep;
  guint n_sweep;

  /* Only the pools have workers: threads and processes start one per task. */
  if (!clab_plan_has_pool (plan))
    return g_strdup (_("one per task"));
  sweep = clab_plan_get_sweep_workers (plan, &n_sweep);
  if (n_sweep == 0)
    return g_strdup_printf ("%u", clab_plan_get_workers (plan));
  for (guint i = 0; i < n_sweep; i++)
    g_string_append_printf (text, i == 0 ? "%u" : ", %u", sweep[i]);
  return g_strdup_printf (_("a sweep of %s"), text->str);
}

static char *
dup_modes (ClabPlan *plan)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_modes;
  const ClabMode *modes = clab_plan_get_modes (plan, &n_modes);

  for (guint i = 0; i < n_modes; i++)
    g_string_append_printf (text, i == 0 ? "%s" : ", %s", clab_mode_to_string (modes[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
build_plan (ClabResult *result)
{
  ClabPlan *plan = clab_result_get_plan (result);
  GPtrArray *fields = g_ptr_array_new_with_free_func (field_free);
  guint warmup = clab_plan_get_warmup (plan);

  add_field (fields, _("Workload"), dup_workload (plan));
  add_field (fields, _("Tasks"), g_strdup_printf ("%u", clab_plan_get_tasks (plan)));
  add_field (fields, _("Workers"), dup_workers (plan));
  add_field (fields, _("Modes"), dup_modes (plan));
  add_field (fields, _("Runs"), g_strdup_printf (_("%u per mode"), clab_plan_get_runs (plan)));
  add_field (fields, _("Warm-up"),
             warmup == 0 ? g_strdup (_("none"))
                         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run per mode",
                                                         "%u runs per mode", warmup), warmup));
  return fields;
}

/* The summary table is the Markdown export's own (one owner for its columns and numbers):
 * the first column a mode's name, the others numbers aligned to the right. */
static void
build_table (ClabReportContent *content,
             ClabResult        *result)
{
  content->table = clab_result_dup_summary_table (result);
  content->n_columns = CLAB_SUMMARY_COLUMNS;
  content->right_aligned = g_new0 (gboolean, content->n_columns);
  for (guint c = 1; c < content->n_columns; c++)
    content->right_aligned[c] = TRUE;
}

static GPtrArray *
build_warnings (ClabResult *result)
{
  /* A result file's warnings are said again in the reader's language. */
  g_autoptr(GPtrArray) warnings = clab_stats_dup_warnings (result);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < warnings->len; i++)
    if (g_hash_table_add (seen, g_ptr_array_index (warnings, i)))
      g_ptr_array_add (shown, clab_format_escape_controls (g_ptr_array_index (warnings, i)));
  return shown;
}

ClabReportContent *
_clab_report_content_new (ClabResult *result)
{
  ClabReportContent *content = g_new0 (ClabReportContent, 1);
  g_autofree char *verdict = clab_result_dup_verdict (result);

  content->title = dup_title (result);
  /* The verdict's owner says it; a recorded verdict's reason comes from the file. */
  content->verdict = clab_format_escape_controls (verdict);
  content->conclusive = clab_verdict_is_conclusive (result);
  if (clab_result_get_cancelled (result))
    content->note = g_strdup (_("The run was cancelled; these results are partial."));
  content->machine = build_machine (result);
  content->plan = build_plan (result);
  build_table (content, result);
  content->warnings = build_warnings (result);
  return content;
}

void
_clab_report_content_free (ClabReportContent *content)
{
  if (content == NULL)
    return;
  g_free (content->title);
  g_free (content->verdict);
  g_free (content->note);
  g_clear_pointer (&content->machine, g_ptr_array_unref);
  g_clear_pointer (&content->plan, g_ptr_array_unref);
  g_clear_pointer (&content->table, g_ptr_array_unref);
  g_free (content->right_aligned);
  g_clear_pointer (&content->warnings, g_ptr_array_unref);
  g_free (content);
}

const char *
_clab_report_heading (guint section)
{
  switch (section)
    {
    case CLAB_REPORT_SECTION_MACHINE: return _("Machine");
    case CLAB_REPORT_SECTION_PLAN: return _("Plan");
    case CLAB_REPORT_SECTION_SUMMARY: return _("Summary");
    case CLAB_REPORT_SECTION_WARNINGS: return _("Warnings");
    case CLAB_REPORT_SECTION_CHARTS: return _("Charts");
    default: g_return_val_if_reached ("");
    }
}

void
_clab_report_chart_options (guint             i,
                            ClabChartOptions *options)
{
  static const ClabChartType types[CLAB_REPORT_N_CHARTS] = {
    CLAB_CHART_ELAPSED, CLAB_CHART_CPU, CLAB_CHART_TIMELINE, CLAB_CHART_SCALING,
  };

  g_return_if_fail (i < CLAB_REPORT_N_CHARTS);
  clab_chart_options_init (options);
  options->type = types[i];
  options->theme = CLAB_CHART_THEME_LIGHT;
}
