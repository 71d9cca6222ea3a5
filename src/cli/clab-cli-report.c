/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-cli-report.h"
#include "clab-cli-table.h"
#include "clab-format.h"
#include "clab-plan-python.h"
#include "clab-result-io.h"
#include "clab-stats.h"
#include "clab-verdict.h"

#define STYLE_TITLE   "1"
#define STYLE_MODE    "1"
#define STYLE_FASTEST "1;32"
#define STYLE_MEAN    "32"
#define STYLE_RANGE   "36"
#define STYLE_FAILED  "1;31"
#define STYLE_WARNING "1;33"
#define INDENT        "  "

static const char *
paint (gboolean    color,
       const char *style,
       const char *text,
       char      **owned)
{
  if (!color)
    return text;
  *owned = g_strdup_printf ("\033[%sm%s\033[0m", style, text);
  return *owned;
}

static ClabTimeUnit
pick_mean_unit (ClabResult *result)
{
  double largest = 0, smallest = INFINITY;
  ClabTimeUnit unit;

  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    {
      const ClabStats *stats = &clab_result_get_mode (result, i)->stats;

      if (stats->n_runs == 0 || !isfinite (stats->mean_s))
        continue;
      largest = MAX (largest, stats->mean_s);
      smallest = MIN (smallest, stats->mean_s);
    }
  clab_format_pick_unit (largest, smallest, &unit);
  return unit;
}

char *
clab_cli_report_dup_workload (ClabPlan *plan)
{
  ClabWorkloadKind kind = clab_plan_get_workload (plan);
  g_autofree char *command = clab_format_escape_controls (clab_plan_get_command (plan));

  g_autofree char *function = clab_format_escape_controls (clab_plan_get_function_file (plan));
  g_autofree char *python = clab_format_escape_controls (clab_plan_get_python (plan));
  const char *method = clab_plan_get_start_method (plan);
  g_autofree char *size = NULL;

  if (clab_plan_get_runtime (plan) == CLAB_RUNTIME_PYTHON && function != NULL)
    return g_strdup_printf (_("Python (%s): task(index, %g) from %s"), python,
                            clab_plan_get_size (plan), function);
  /* The kind as --workload spells it; the size in words, "5 work units", counted apart. */
  size = clab_workload_dup_size_text (kind, clab_plan_get_size (plan));
  if (clab_plan_get_runtime (plan) == CLAB_RUNTIME_PYTHON && method != NULL)
    return g_strdup_printf (_("Python (%s, %s): %s, %s per task"), python, method,
                            clab_workload_kind_to_string (kind), size);
  if (clab_plan_get_runtime (plan) == CLAB_RUNTIME_PYTHON)
    return g_strdup_printf (_("Python (%s): %s, %s per task"), python,
                            clab_workload_kind_to_string (kind), size);
  if (kind == CLAB_WORKLOAD_COMMAND)
    return g_strdup_printf (_("command: %s"), command);
  return g_strdup_printf (_("%s, %s per task"), clab_workload_kind_to_string (kind), size);
}

char *
clab_cli_report_dup_workers (ClabPlan *plan)
{
  const guint *sweep;
  guint n_sweep;
  g_autoptr(GString) text = g_string_new (NULL);

  sweep = clab_plan_get_sweep_workers (plan, &n_sweep);
  if (n_sweep == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worker", "%u workers",
                                         clab_plan_get_workers (plan)),
                            clab_plan_get_workers (plan));
  for (guint i = 0; i < n_sweep; i++)
    g_string_append_printf (text, i == 0 ? "%u" : ", %u", sweep[i]);
  return g_strdup_printf (_("a sweep of %s workers"), text->str);
}

static char *
dup_runs_text (ClabPlan *plan)
{
  guint runs = clab_plan_get_runs (plan);
  guint warmup = clab_plan_get_warmup (plan);

  if (warmup == 0)
    return g_strdup_printf (_("%u per mode, no warm-up"), runs);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u per mode, after %u warm-up run",
                                       "%u per mode, after %u warm-up runs", warmup),
                          runs, warmup);
}

/* Every string of a result file is escaped: a host name must not retitle the terminal. */
static void
append_machine (GString              *out,
                const ClabSystemInfo *system)
{
  g_autofree char *cpu_model = clab_format_escape_controls (system->cpu_model);
  g_autofree char *kernel = clab_format_escape_controls (system->kernel);
  g_autofree char *hostname = clab_format_escape_controls (system->hostname);

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%sMachine   %u CPU, %s (%s, %s)\n",
                                            "%sMachine   %u CPUs, %s (%s, %s)\n", system->cpus),
                          INDENT, system->cpus,
                          cpu_model != NULL ? cpu_model : _("unknown CPU"),
                          kernel != NULL ? kernel : _("unknown kernel"),
                          hostname != NULL ? hostname : _("unknown host"));
}

/* Every report names its runtime, as every export does: a native one too, so that a
 * report beside a Python one says which is which. */
static void
append_runtime (GString    *out,
                ClabResult *result)
{
  g_autofree char *label = clab_result_dup_runtime_label (result, FALSE);

  g_string_append_printf (out, _("%sRuntime   %s\n"), INDENT, label);
}

static void
append_header (GString    *out,
               ClabResult *result,
               gboolean    color)
{
  ClabPlan *plan = clab_result_get_plan (result);
  const ClabSystemInfo *system = clab_result_get_system (result);
  g_autofree char *title = clab_format_escape_controls (clab_plan_get_shown_title (plan));
  g_autofree char *name = clab_format_escape_controls (clab_plan_get_name (plan));
  g_autofree char *heading = NULL, *owned = NULL, *workload = NULL, *workers = NULL, *runs = NULL;

  if (title != NULL && name != NULL)
    heading = g_strdup_printf (_("Concurrency Lab: %s (%s)"), title, name);
  else
    heading = g_strdup_printf (_("Concurrency Lab: %s"),
                               title != NULL ? title : name != NULL ? name : _("custom plan"));
  workload = clab_cli_report_dup_workload (plan);
  workers = clab_cli_report_dup_workers (plan);
  runs = dup_runs_text (plan);
  g_string_append_printf (out, "%s\n", paint (color, STYLE_TITLE, heading, &owned));
  g_string_append_printf (out, _("%sWorkload  %s\n"), INDENT, workload);
  /* Only the pools have workers: threads and processes start one per task. */
  if (clab_plan_has_pool (plan))
    g_string_append_printf (out, _("%sTasks     %u per run; pools: %s\n"), INDENT,
                            clab_plan_get_tasks (plan), workers);
  else
    g_string_append_printf (out, _("%sTasks     %u per run\n"), INDENT, clab_plan_get_tasks (plan));
  g_string_append_printf (out, _("%sRuns      %s\n"), INDENT, runs);
  append_runtime (out, result);
  append_machine (out, system);
}

static double
mean_overhead (ClabResult           *result,
               const ClabModeResult *mode_result)
{
  ClabAggregate overhead;

  clab_stats_aggregate (result, mode_result, CLAB_QUANTITY_OVERHEAD, &overhead);
  return overhead.mean;
}

static ClabTimeUnit
pick_overhead_unit (ClabResult *result)
{
  double largest = 0, smallest = INFINITY;
  ClabTimeUnit unit;

  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    {
      double overhead = mean_overhead (result, clab_result_get_mode (result, i));

      if (!isfinite (overhead))
        continue;
      largest = MAX (largest, overhead);
      smallest = MIN (smallest, overhead);
    }
  clab_format_pick_unit (largest, smallest, &unit);
  return unit;
}

static void
add_table_header (ClabCliTable   *table,
                  const ClabTimeUnit *unit,
                  const ClabTimeUnit *overhead_unit)
{
  clab_cli_table_add_row (table);
  clab_cli_table_add_cell (table, NULL, _("Mode"));
  clab_cli_table_add_cell (table, NULL, _("Runs"));
  clab_cli_table_add_cellf (table, NULL, _("Mean ± σ (%s)"), unit->name);
  clab_cli_table_add_cellf (table, NULL, _("Median (%s)"), unit->name);
  clab_cli_table_add_cellf (table, NULL, _("Min … Max (%s)"), unit->name);
  clab_cli_table_add_cell (table, NULL, _("Speedup"));
  clab_cli_table_add_cell (table, NULL, _("Efficiency"));
  /* TRANSLATORS: a column heading: how many CPUs a mode's runs kept busy on average, "1.84" */
  clab_cli_table_add_cell (table, NULL, _("CPUs busy"));
  clab_cli_table_add_cell (table, NULL, _("Peak RSS"));
  clab_cli_table_add_cellf (table, NULL, _("Overhead (%s)"), overhead_unit->name);
  clab_cli_table_add_cell (table, NULL, _("Failures"));
}

static void
add_empty_cells (ClabCliTable *table,
                 guint         n)
{
  for (guint i = 0; i < n; i++)
    clab_cli_table_add_cell (table, NULL, CLAB_FORMAT_NONE);
}

/* Impossible speedups show as a dash: the verdict says why. */
static void
add_speedup_cells (ClabCliTable    *table,
                   const ClabStats *stats)
{
  g_autofree char *speedup = clab_format_speedup (stats);
  g_autofree char *efficiency = clab_format_efficiency (stats);

  clab_cli_table_add_cell (table, isfinite (stats->speedup) ? STYLE_MODE : NULL, speedup);
  clab_cli_table_add_cell (table, NULL, efficiency);
}

static void
add_mode_row (ClabCliTable         *table,
              ClabResult           *result,
              ClabMode              mode,
              const ClabModeResult *mode_result,
              gboolean              fastest,
              const ClabTimeUnit       *unit,
              const ClabTimeUnit       *overhead_unit)
{
  const ClabStats *stats = mode_result != NULL ? &mode_result->stats : NULL;
  guint planned = clab_plan_get_runs (clab_result_get_plan (result));
  g_autofree char *runs = NULL, *mean = NULL, *median = NULL, *min = NULL, *max = NULL;
  g_autofree char *overhead = NULL, *cpu = NULL, *rss = NULL;

  clab_cli_table_add_row (table);
  clab_cli_table_add_cell (table, fastest ? STYLE_FASTEST : STYLE_MODE, clab_mode_to_string (mode));
  runs = clab_format_runs (stats != NULL ? stats->n_runs : 0, planned);
  /* A mode cancelled before a run counted still says how many it had. */
  clab_cli_table_add_cell (table, stats == NULL || stats->n_runs < planned ? STYLE_WARNING : NULL,
                           runs);
  if (stats == NULL || stats->n_runs == 0)
    {
      add_empty_cells (table, 9);
      return;
    }
  mean = clab_format_in_unit_spread (unit, stats->mean_s, stats->stddev_s, stats->n_runs);
  median = clab_format_in_unit (unit, stats->median_s);
  min = clab_format_in_unit (unit, stats->min_s);
  max = clab_format_in_unit (unit, stats->max_s);
  overhead = clab_format_in_unit (overhead_unit, mean_overhead (result, mode_result));
  cpu = clab_format_cpus_busy (stats);
  rss = clab_format_size_kib (stats->peak_rss_kib);
  clab_cli_table_add_cell (table, STYLE_MEAN, mean);
  clab_cli_table_add_cell (table, STYLE_MEAN, median);
  clab_cli_table_add_cellf (table, STYLE_RANGE, "%s … %s", min, max);
  add_speedup_cells (table, stats);
  clab_cli_table_add_cell (table, NULL, cpu);
  clab_cli_table_add_cell (table, NULL, rss);
  clab_cli_table_add_cell (table, NULL, overhead);
  clab_cli_table_add_cellf (table, stats->failures > 0 ? STYLE_FAILED : NULL, "%u", stats->failures);
}

static void
append_modes_table (GString    *out,
                    ClabResult *result,
                    gboolean    color)
{
  g_autoptr(ClabCliTable) table = clab_cli_table_new ("lrrrrrrrrrr");
  ClabModeResult *fastest = clab_result_get_fastest (result);
  ClabTimeUnit unit = pick_mean_unit (result);
  ClabTimeUnit overhead_unit = pick_overhead_unit (result);
  const ClabMode *modes;
  guint n_modes;

  modes = clab_plan_get_modes (clab_result_get_plan (result), &n_modes);
  add_table_header (table, &unit, &overhead_unit);
  for (guint i = 0; i < n_modes; i++)
    {
      ClabModeResult *mode_result = clab_result_find_mode (result, modes[i]);

      add_mode_row (table, result, modes[i], mode_result,
                    n_modes > 1 && mode_result != NULL && mode_result == fastest,
                    &unit, &overhead_unit);
    }
  clab_cli_table_print (table, out, INDENT, color);
}

static void
append_warnings (GString    *out,
                 ClabResult *result,
                 gboolean    color)
{
  /* A result file's warnings are said again in the reader's language. */
  g_autoptr(GPtrArray) warnings = clab_stats_dup_warnings (result);
  g_autofree char *owned = NULL;
  const char *label;

  if (warnings->len == 0)
    return;
  label = paint (color, STYLE_WARNING, _("Warning:"), &owned);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < warnings->len; i++)
    {
      g_autofree char *warning = clab_format_escape_controls (g_ptr_array_index (warnings, i));

      g_string_append_printf (out, "%s %s\n", label, warning);
    }
}

#define MAX_REASONS 3

/* Counts each distinct reason once per mode, so that 200 identical failures take one line. */
static GHashTable *
count_reasons (ClabResult           *result,
               const ClabModeResult *mode_result)
{
  GHashTable *reasons = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) runs = clab_stats_dup_counted_runs (result, mode_result);

  for (guint r = 0; r < runs->len; r++)
    {
      const ClabRun *run = g_ptr_array_index (runs, r);

      for (guint t = 0; t < run->tasks->len; t++)
        {
          const ClabTask *task = &g_array_index (run->tasks, ClabTask, t);
          const char *reason = task->reason != NULL ? task->reason : _("no reason given");
          guint count;

          if (!clab_task_status_is_failure (task->status))
            continue;
          count = GPOINTER_TO_UINT (g_hash_table_lookup (reasons, reason));
          g_hash_table_insert (reasons, (gpointer) reason, GUINT_TO_POINTER (count + 1));
        }
    }
  return reasons;
}

static void
add_failure_rows (ClabCliTable         *table,
                  ClabResult           *result,
                  const ClabModeResult *mode_result)
{
  g_autoptr(GHashTable) reasons = count_reasons (result, mode_result);
  GHashTableIter iter;
  gpointer reason, count;
  guint shown = 0;

  g_hash_table_iter_init (&iter, reasons);
  while (g_hash_table_iter_next (&iter, &reason, &count) && shown < MAX_REASONS)
    {
      clab_cli_table_add_row (table);
      clab_cli_table_add_cell (table, STYLE_MODE,
                               shown == 0 ? clab_mode_to_string (mode_result->mode) : "");
      clab_cli_table_add_cellf (table, STYLE_FAILED, "%u ×", GPOINTER_TO_UINT (count));
      clab_cli_table_add_cell (table, NULL, reason);
      shown++;
    }
}

static void
append_failures (GString    *out,
                 ClabResult *result,
                 gboolean    color)
{
  g_autoptr(ClabCliTable) table = clab_cli_table_new ("lrl");
  g_autofree char *owned = NULL;

  clab_cli_table_add_row (table);
  clab_cli_table_add_cell (table, NULL, _("Mode"));
  clab_cli_table_add_cell (table, NULL, _("Tasks"));
  clab_cli_table_add_cell (table, NULL, _("Why they failed"));
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    add_failure_rows (table, result, clab_result_get_mode (result, i));
  if (clab_cli_table_get_n_rows (table) < 2)
    return;
  g_string_append_printf (out, "\n%s\n", paint (color, STYLE_TITLE, _("Failed tasks"), &owned));
  clab_cli_table_print (table, out, INDENT, color);
}

static void
add_sweep_row (ClabCliTable         *table,
               ClabResult           *result,
               const ClabSweepPoint *point,
               gboolean              first_of_mode,
               const ClabTimeUnit   *unit)
{
  g_autofree char *mean = clab_format_in_unit_spread (unit, point->mean_s, point->stddev_s,
                                                      point->n_runs);
  g_autofree char *speedup = clab_format_point_speedup (result, point);
  g_autofree char *karp_flatt = clab_format_karp_flatt (result, point);

  clab_cli_table_add_row (table);
  clab_cli_table_add_cell (table, STYLE_MODE, first_of_mode ? clab_mode_to_string (point->mode) : "");
  clab_cli_table_add_cellf (table, NULL, "%u", point->workers);
  clab_cli_table_add_cell (table, STYLE_MEAN, mean);
  clab_cli_table_add_cell (table, STYLE_MODE, speedup);
  clab_cli_table_add_cell (table, NULL, karp_flatt);
}

static void
append_amdahl (GString    *out,
               ClabResult *result,
               GArray     *sweep)
{
  ClabMode last = CLAB_N_MODES;

  for (guint i = 0; i < sweep->len; i++)
    {
      const ClabSweepPoint *point = &g_array_index (sweep, ClabSweepPoint, i);
      double serial;
      g_autofree char *fraction = NULL;

      if (point->mode == last)
        continue;
      last = point->mode;
      serial = clab_result_get_amdahl_serial (result, point->mode);
      if (!isfinite (serial))
        continue;
      fraction = clab_format_percent_precise (serial * 100);
      /* TRANSLATORS: indentation, a mode, its serial fraction: "… fits threads with a
       * serial fraction of 12.5 %." */
      g_string_append_printf (out, _("%sAmdahl's law fits %s with a serial fraction of %s.\n"),
                              INDENT, clab_mode_to_string (point->mode), fraction);
    }
}

static void
pick_sweep_unit (GArray       *sweep,
                 ClabTimeUnit *unit)
{
  double largest = 0, smallest = INFINITY;

  for (guint i = 0; i < sweep->len; i++)
    {
      double mean = g_array_index (sweep, ClabSweepPoint, i).mean_s;

      if (!isfinite (mean))
        continue;
      largest = MAX (largest, mean);
      smallest = MIN (smallest, mean);
    }
  clab_format_pick_unit (largest, smallest, unit);
}

static void
append_sweep (GString    *out,
              ClabResult *result,
              gboolean    color)
{
  GArray *sweep = clab_result_get_sweep (result);
  g_autoptr(ClabCliTable) table = NULL;
  g_autofree char *owned = NULL;
  ClabMode last = CLAB_N_MODES;
  ClabTimeUnit unit;

  if (sweep == NULL || sweep->len == 0)
    return;
  pick_sweep_unit (sweep, &unit);
  table = clab_cli_table_new ("lrrrr");
  clab_cli_table_add_row (table);
  clab_cli_table_add_cell (table, NULL, _("Mode"));
  clab_cli_table_add_cell (table, NULL, _("Workers"));
  clab_cli_table_add_cellf (table, NULL, _("Mean ± σ (%s)"), unit.name);
  clab_cli_table_add_cell (table, NULL, _("Speedup"));
  clab_cli_table_add_cell (table, NULL, _("Karp–Flatt e"));
  for (guint i = 0; i < sweep->len; i++)
    {
      const ClabSweepPoint *point = &g_array_index (sweep, ClabSweepPoint, i);

      add_sweep_row (table, result, point, point->mode != last, &unit);
      last = point->mode;
    }
  g_string_append_printf (out, "\n%s\n",
                          paint (color, STYLE_TITLE, _("Scaling with the number of workers"), &owned));
  clab_cli_table_print (table, out, INDENT, color);
  append_amdahl (out, result, sweep);
}

char *
clab_cli_report_format_verdict (ClabResult *result,
                                gboolean    color)
{
  g_autofree char *raw = NULL, *verdict = NULL, *owned = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  /* A recorded verdict's reason comes from the file. */
  raw = clab_result_dup_verdict (result);
  verdict = clab_format_escape_controls (raw);
  if (verdict == NULL || verdict[0] == '\0')
    return g_strdup_printf ("%s\n", _("No mode completed a run."));
  return g_strdup_printf ("%s\n", paint (color, clab_verdict_is_conclusive (result)
                                                 ? STYLE_TITLE : STYLE_WARNING,
                                          verdict, &owned));
}

char *
clab_cli_report_format (ClabResult *result,
                        gboolean    color)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *verdict = NULL, *owned = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  append_header (out, result, color);
  if (clab_result_get_cancelled (result))
    g_string_append_printf (out, "%s%s\n", INDENT,
                            paint (color, STYLE_WARNING, _("Cancelled: the result is partial."), &owned));
  g_string_append_c (out, '\n');
  append_modes_table (out, result, color);
  verdict = clab_cli_report_format_verdict (result, color);
  g_string_append_printf (out, "\n%s", verdict);
  append_warnings (out, result, color);
  append_failures (out, result, color);
  append_sweep (out, result, color);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
