/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clab-atomic-file.h"
#include "clab-csv-writer.h"
#include "clab-format.h"
#include "clab-plan-python.h"
#include "clab-result-io-private.h"
#include "clab-result-io.h"
#include "clab-stats.h"
#include "clab-verdict.h"

/* Runtime */

char *
clab_result_dup_runtime_label (ClabResult *result,
                               gboolean    brief)
{
  const ClabSystemInfo *system;
  ClabPlan *plan;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  system = clab_result_get_system (result);
  plan = clab_result_get_plan (result);
  /* What the interpreter reported wins; a Python plan without it (a run that never reached
   * the interpreter) still names the one it asked for. */
  if (system != NULL && system->python.version != NULL)
    label = clab_python_info_dup_label (&system->python, brief);
  else if (plan != NULL && clab_plan_get_runtime (plan) == CLAB_RUNTIME_PYTHON)
    /* Translators: the runtime of a result, with the interpreter the plan named: "Python (python3)" */
    label = g_strdup_printf (_("Python (%s)"), clab_plan_get_python (plan));
  else
    label = g_strdup (_("Native C"));
  /* An interpreter's path comes from the file: no control character reaches a terminal. */
  return clab_format_escape_controls (label);
}

/* CSV */

static const char * const task_columns[] = {
  "mode", "run", "warmup", "workers", "task", "worker", "submit_s", "start_s", "end_s",
  "duration_s", "cpu_s", "status", "checksum", "reason", "verdict_conclusive", "verdict_reason",
  "on_cpu_s", "runnable_s", "blocked_s", "runtime", NULL
};

/* The verdict follows every row's own fields, so that a table of tasks still says whether
 * its result can rank the modes (the reason is empty when it can); the columns added since
 * come after it: the scheduler's split of the task (empty where not known, as in older
 * files) and the runtime that ran it. */
static void
append_csv_task (ClabCsvWriter  *csv,
                 const ClabRun  *run,
                 guint           run_index,
                 const ClabTask *task,
                 const char     *reason,
                 const char     *runtime)
{
  clab_csv_writer_string (csv, clab_mode_to_string (run->mode));
  clab_csv_writer_int (csv, run_index);
  clab_csv_writer_boolean (csv, run->warmup);
  clab_csv_writer_int (csv, run->workers);
  clab_csv_writer_int (csv, task->index);
  clab_csv_writer_int (csv, task->worker);
  clab_csv_writer_double (csv, task->submit_s);
  clab_csv_writer_double (csv, task->start_s);
  clab_csv_writer_double (csv, task->end_s);
  clab_csv_writer_double (csv, task->end_s - task->start_s);
  clab_csv_writer_double (csv, task->cpu_s);
  clab_csv_writer_string (csv, clab_task_status_to_string (task->status));
  clab_csv_writer_hex64 (csv, task->checksum);
  clab_csv_writer_string (csv, task->reason);
  clab_csv_writer_boolean (csv, reason == NULL);
  clab_csv_writer_string (csv, reason);
  clab_csv_writer_double (csv, task->sched_known ? task->on_cpu_s : NAN);
  clab_csv_writer_double (csv, task->sched_known ? task->runnable_s : NAN);
  clab_csv_writer_double (csv, task->sched_known ? task->blocked_s : NAN);
  clab_csv_writer_string (csv, runtime);
  clab_csv_writer_end_row (csv);
}

char *
clab_result_to_csv (ClabResult *result)
{
  g_autofree char *reason = NULL;
  g_autofree char *runtime = NULL;
  ClabCsvWriter csv;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  reason = clab_verdict_dup_reason (result);
  runtime = clab_result_dup_runtime_label (result, FALSE);
  clab_csv_writer_init (&csv, g_string_new (NULL));
  clab_csv_writer_strings (&csv, task_columns);
  clab_csv_writer_end_row (&csv);

  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      const ClabModeResult *mode_result = clab_result_get_mode (result, m);

      for (guint r = 0; r < mode_result->runs->len; r++)
        {
          const ClabRun *run = g_ptr_array_index (mode_result->runs, r);

          for (guint t = 0; t < run->tasks->len; t++)
            append_csv_task (&csv, run, r, &g_array_index (run->tasks, ClabTask, t), reason,
                             runtime);
        }
    }

  return g_string_free (csv.out, FALSE);
}

/* hyperfine's --export-csv columns, in seconds, with the lab's own after them. */
static const char * const summary_columns[] = {
  "mode", "runs", "mean_s", "stddev_s", "median_s", "min_s", "max_s", "user_s", "system_s",
  "speedup", "speedup_stddev", "fastest", "verdict_conclusive", "verdict_reason", "runtime",
  NULL
};

static void
append_summary_row (ClabCsvWriter        *csv,
                    ClabResult           *result,
                    const ClabModeResult *mode_result,
                    const ClabModeResult *fastest,
                    const char           *reason,
                    const char           *runtime)
{
  const ClabStats *stats = &mode_result->stats;
  gboolean possible = clab_stats_mode_is_possible (stats);
  ClabAggregate user, system;

  clab_stats_aggregate (result, mode_result, CLAB_QUANTITY_CPU_USER, &user);
  clab_stats_aggregate (result, mode_result, CLAB_QUANTITY_CPU_SYSTEM, &system);
  clab_csv_writer_string (csv, clab_mode_to_string (mode_result->mode));
  clab_csv_writer_int (csv, stats->n_runs);
  clab_csv_writer_double (csv, stats->mean_s);
  clab_csv_writer_double (csv, stats->n_runs >= 2 ? stats->stddev_s : NAN);
  clab_csv_writer_double (csv, stats->median_s);
  clab_csv_writer_double (csv, stats->min_s);
  clab_csv_writer_double (csv, stats->max_s);
  clab_csv_writer_double (csv, user.mean);
  clab_csv_writer_double (csv, system.mean);
  /* An impossible speedup is no finding: the verdict says why. */
  clab_csv_writer_double (csv, possible ? stats->speedup : NAN);
  clab_csv_writer_double (csv, possible ? stats->speedup_err : NAN);
  clab_csv_writer_boolean (csv, mode_result == fastest);
  clab_csv_writer_boolean (csv, reason == NULL);
  clab_csv_writer_string (csv, reason);
  clab_csv_writer_string (csv, runtime);
  clab_csv_writer_end_row (csv);
}

char *
clab_result_to_summary_csv (ClabResult *result)
{
  g_autofree char *reason = NULL;
  g_autofree char *runtime = NULL;
  ClabModeResult *fastest;
  ClabCsvWriter csv;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  reason = clab_verdict_dup_reason (result);
  runtime = clab_result_dup_runtime_label (result, FALSE);
  fastest = clab_result_get_fastest (result);
  clab_csv_writer_init (&csv, g_string_new (NULL));
  clab_csv_writer_strings (&csv, summary_columns);
  clab_csv_writer_end_row (&csv);
  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    append_summary_row (&csv, result, clab_result_get_mode (result, m), fastest, reason, runtime);
  return g_string_free (csv.out, FALSE);
}

gboolean
clab_result_save_summary_csv (ClabResult *result,
                              const char *path,
                              GError    **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  csv = clab_result_to_summary_csv (result);
  return clab_atomic_file_replace (path, csv, strlen (csv), error);
}

gboolean
clab_result_save_csv (ClabResult *result,
                      const char *path,
                      GError    **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  csv = clab_result_to_csv (result);
  return clab_atomic_file_replace (path, csv, strlen (csv), error);
}

/* Markdown */

char *
clab_result_dup_heading (ClabResult *result)
{
  ClabPlan *plan;
  ClabWorkloadKind workload;
  const char *name;
  g_autofree char *command = NULL;
  g_autofree char *size = NULL;
  GString *heading = g_string_new (NULL);
  guint tasks;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  plan = clab_result_get_plan (result);
  workload = clab_plan_get_workload (plan);
  name = clab_workload_label (workload);
  tasks = clab_plan_get_tasks (plan);
  command = clab_format_escape_controls (clab_plan_get_command (plan));
  if (workload == CLAB_WORKLOAD_COMMAND)
    /* Translators: "Concurrency Lab: Command `make`, 4 tasks" */
    g_string_append_printf (heading, g_dngettext (GETTEXT_PACKAGE,
                                                  "Concurrency Lab: %s `%s`, %u task",
                                                  "Concurrency Lab: %s `%s`, %u tasks", tasks),
                            name, command ? command : "", tasks);
  else
    {
      size = clab_workload_dup_size_text (workload, clab_plan_get_size (plan));
      /* Translators: "Concurrency Lab: Sleep of 2 s, 10 tasks" */
      g_string_append_printf (heading, g_dngettext (GETTEXT_PACKAGE,
                                                    "Concurrency Lab: %s of %s, %u task",
                                                    "Concurrency Lab: %s of %s, %u tasks", tasks),
                              name, size, tasks);
    }
  /* Only the pools have workers: threads and processes start one per task. */
  if (clab_plan_has_pool (plan))
    /* Translators: follows "…, 10 tasks" in the heading of a Markdown export. */
    g_string_append_printf (heading, g_dngettext (GETTEXT_PACKAGE, ", pools of %u worker",
                                                  ", pools of %u workers", clab_plan_get_workers (plan)),
                            clab_plan_get_workers (plan));
  return g_string_free (heading, FALSE);
}

static void
append_markdown_heading (GString    *md,
                         ClabResult *result)
{
  g_autofree char *heading = clab_result_dup_heading (result);

  g_string_append_printf (md, "# %s\n\n", heading);
}

static void
append_markdown_system (GString              *md,
                        const ClabSystemInfo *system)
{
  g_autofree char *cpu_model = clab_format_escape_controls (system->cpu_model);
  g_autofree char *kernel = clab_format_escape_controls (system->kernel);
  g_autofree char *hostname = clab_format_escape_controls (system->hostname);

  /* Translators: "System: 8 CPUs, AMD Ryzen 7 5800X, Linux 6.1.0, host example" */
  g_string_append_printf (md, g_dngettext (GETTEXT_PACKAGE, "System: %u CPU, %s, %s, host %s\n\n",
                                           "System: %u CPUs, %s, %s, host %s\n\n", system->cpus),
                          system->cpus,
                          cpu_model ? cpu_model : _("unknown CPU"),
                          kernel ? kernel : _("unknown kernel"),
                          hostname ? hostname : _("unknown"));
}

/* Its own paragraph, after the machine: which runtime and interpreter ran. */
static void
append_markdown_runtime (GString    *md,
                         ClabResult *result)
{
  g_autofree char *runtime = clab_result_dup_runtime_label (result, FALSE);

  /* Translators: "Runtime: CPython 3.11.2, GIL enabled, start method fork (/usr/bin/python3)" */
  g_string_append_printf (md, _("Runtime: %s\n\n"), runtime);
}

/* The speedup against sequential where there is one, else as hyperfine: relative to the fastest. */
static char *
format_relative (const ClabModeResult *mode_result,
                 const ClabModeResult *fastest,
                 gboolean              has_baseline)
{
  ClabAggregate a, b;
  double ratio, err;

  if (has_baseline)
    return clab_format_speedup (&mode_result->stats);
  if (fastest == NULL || !isfinite (mode_result->stats.mean_s))
    return g_strdup (CLAB_FORMAT_NONE);

  clab_stats_get_aggregate (&mode_result->stats, &a);
  clab_stats_get_aggregate (&fastest->stats, &b);
  ratio = clab_stats_ratio (&a, &b, &err);
  return clab_format_ratio (ratio, mode_result == fastest ? NAN : err);
}

/* Seconds with three decimals, as the column's heading says; σ only over two runs. */
static char *
format_seconds (double seconds,
                double stddev,
                guint  n)
{
  return clab_format_value_err (seconds, n >= 2 ? stddev : NAN, 3);
}

static char **
dup_summary_row (const ClabModeResult *mode_result,
                 const ClabModeResult *fastest,
                 gboolean              has_baseline,
                 guint                 planned)
{
  const ClabStats *stats = &mode_result->stats;
  char **row = g_new0 (char *, CLAB_SUMMARY_COLUMNS + 1);

  row[0] = g_strdup (clab_mode_to_string (mode_result->mode));
  row[1] = clab_format_runs (stats->n_runs, planned);
  row[2] = format_seconds (stats->mean_s, stats->stddev_s, stats->n_runs);
  row[3] = format_seconds (stats->median_s, NAN, 0);
  row[4] = format_seconds (stats->min_s, NAN, 0);
  row[5] = format_seconds (stats->max_s, NAN, 0);
  row[6] = format_relative (mode_result, fastest, has_baseline);
  row[7] = clab_format_efficiency (stats);
  row[8] = clab_format_cpus_busy (stats);
  row[9] = clab_format_size_kib (stats->peak_rss_kib);
  row[10] = g_strdup_printf ("%u", stats->failures);
  return row;
}

GPtrArray *
clab_result_dup_summary_table (ClabResult *result)
{
  GPtrArray *table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  ClabModeResult *sequential;
  g_autoptr(GPtrArray) ranked = NULL;
  ClabModeResult *fastest;
  gboolean has_baseline;
  guint planned;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  sequential = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL);
  ranked = clab_verdict_dup_ranked (result);
  fastest = ranked->len > 0 ? g_ptr_array_index (ranked, 0) : NULL;
  has_baseline = sequential != NULL && sequential->stats.n_runs > 0;
  planned = clab_plan_get_runs (clab_result_get_plan (result));
  g_ptr_array_add (table, g_strdupv ((char *[]) {
    _("Mode"), _("Runs"), _("Mean [s]"), _("Median [s]"), _("Min [s]"), _("Max [s]"),
    has_baseline ? _("Speedup") : _("Relative"), _("Efficiency"), _("CPUs busy"),
    _("Peak RSS"), _("Failures"), NULL }));
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    g_ptr_array_add (table, dup_summary_row (clab_result_get_mode (result, i), fastest,
                                             has_baseline, planned));
  return table;
}

static void
append_markdown_table (GString    *md,
                       ClabResult *result)
{
  g_autoptr(GPtrArray) table = clab_result_dup_summary_table (result);

  for (guint r = 0; r < table->len; r++)
    {
      char **row = g_ptr_array_index (table, r);

      /* A mode's name is code: the plan and the CLI spell it so. */
      if (r == 0)
        g_string_append_printf (md, "| %s |", row[0]);
      else
        g_string_append_printf (md, "| `%s` |", row[0]);
      for (guint c = 1; row[c] != NULL; c++)
        g_string_append_printf (md, " %s |", row[c]);
      g_string_append_c (md, '\n');
      if (r == 0)
        g_string_append (md, "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    }
  g_string_append_c (md, '\n');
}

static void
append_markdown_sweep (GString    *md,
                       ClabResult *result)
{
  GArray *sweep = clab_result_get_sweep (result);

  if (sweep->len == 0)
    return;

  g_string_append_printf (md, "## %s\n\n| %s | %s | %s | %s | %s |\n|:---|---:|---:|---:|---:|\n",
                          _("Scaling"), _("Mode"), _("Workers"), _("Mean [s]"),
                          _("Speedup"), _("Serial fraction (Karp–Flatt)"));
  for (guint i = 0; i < sweep->len; i++)
    {
      const ClabSweepPoint *point = &g_array_index (sweep, ClabSweepPoint, i);
      g_autofree char *mean = format_seconds (point->mean_s, point->stddev_s, point->n_runs);
      g_autofree char *speedup = clab_format_point_speedup (result, point);
      g_autofree char *karp_flatt = clab_format_karp_flatt (result, point);

      g_string_append_printf (md, "| `%s` | %u | %s | %s | %s |\n",
                              clab_mode_to_string (point->mode), point->workers,
                              mean, speedup, karp_flatt);
    }
  g_string_append_c (md, '\n');

  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    {
      double serial = clab_result_get_amdahl_serial (result, mode);

      if (isfinite (serial))
        g_string_append_printf (md, _("Amdahl’s law fits %s with a serial fraction of %.3f.\n\n"),
                                clab_mode_to_string (mode), serial);
    }
}

static void
append_markdown_warnings (GString    *md,
                          ClabResult *result)
{
  /* A result file's warnings are said again in the reader's language. */
  g_autoptr(GPtrArray) warnings = clab_stats_dup_warnings (result);

  if (warnings->len == 0)
    return;

  g_string_append_printf (md, "## %s\n\n", _("Warnings"));
  for (guint i = 0; i < warnings->len; i++)
    {
      g_autofree char *warning = clab_format_escape_controls (g_ptr_array_index (warnings, i));

      g_string_append_printf (md, "- %s\n", warning);
    }
  g_string_append_c (md, '\n');
}

char *
clab_result_to_markdown (ClabResult *result)
{
  g_autofree char *raw_verdict = NULL;
  g_autofree char *verdict = NULL;
  GString *md;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  md = g_string_new (NULL);
  raw_verdict = clab_result_dup_verdict (result);
  /* A recorded verdict's reason comes from the file. */
  verdict = clab_format_escape_controls (raw_verdict);

  append_markdown_heading (md, result);
  append_markdown_system (md, clab_result_get_system (result));
  append_markdown_runtime (md, result);
  if (clab_result_get_cancelled (result))
    g_string_append_printf (md, "%s\n\n", _("The run was cancelled; these results are partial."));
  append_markdown_table (md, result);
  g_string_append_printf (md, "**%s**\n\n", verdict);
  append_markdown_sweep (md, result);
  append_markdown_warnings (md, result);

  return g_string_free (md, FALSE);
}

/* Plain text */

static void
add_text_row (GPtrArray            *rows,
              const ClabModeResult *mode_result,
              const ClabModeResult *fastest,
              gboolean              has_baseline,
              guint                 planned)
{
  const ClabStats *stats = &mode_result->stats;
  char **row = g_new0 (char *, CLAB_SUMMARY_COLUMNS + 1);

  row[0] = g_strdup (clab_mode_to_string (mode_result->mode));
  row[1] = clab_format_runs (stats->n_runs, planned);
  row[2] = clab_format_duration_spread (stats->mean_s, stats->stddev_s, stats->n_runs);
  row[3] = clab_format_duration (stats->median_s);
  row[4] = clab_format_duration (stats->min_s);
  row[5] = clab_format_duration (stats->max_s);
  row[6] = format_relative (mode_result, fastest, has_baseline);
  row[7] = clab_format_efficiency (stats);
  row[8] = clab_format_cpus_busy (stats);
  row[9] = clab_format_size_kib (stats->peak_rss_kib);
  row[10] = g_strdup_printf ("%u", stats->failures);
  g_ptr_array_add (rows, row);
}

/* Columns as wide as their widest cell, the first to the left and numbers to the right. */
static void
append_aligned (GString   *out,
                GPtrArray *rows)
{
  guint widths[CLAB_SUMMARY_COLUMNS] = { 0 };

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < CLAB_SUMMARY_COLUMNS; c++)
      widths[c] = MAX (widths[c], g_utf8_strlen (((char **) rows->pdata[r])[c], -1));
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = rows->pdata[r];

      for (guint c = 0; c < CLAB_SUMMARY_COLUMNS; c++)
        {
          guint pad = widths[c] - g_utf8_strlen (row[c], -1);

          if (c == 0)
            g_string_append_printf (out, "%s%*s", row[c], pad, "");
          else
            g_string_append_printf (out, "  %*s%s", pad, "", row[c]);
        }
      g_string_append_c (out, '\n');
    }
}

char *
clab_result_to_summary_text (ClabResult *result)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) ranked = NULL;
  g_autofree char *raw_verdict = NULL, *verdict = NULL, *heading = NULL;
  ClabModeResult *sequential;
  ClabModeResult *fastest;
  gboolean has_baseline;
  guint planned;
  GString *text;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  sequential = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL);
  has_baseline = sequential != NULL && sequential->stats.n_runs > 0;
  ranked = clab_verdict_dup_ranked (result);
  fastest = ranked->len > 0 ? g_ptr_array_index (ranked, 0) : NULL;
  planned = clab_plan_get_runs (clab_result_get_plan (result));
  g_ptr_array_add (rows, g_strdupv ((char *[]) {
    _("Mode"), _("Runs"), _("Mean ± σ"), _("Median"), _("Min"), _("Max"),
    has_baseline ? _("Speedup") : _("Relative"), _("Efficiency"), _("CPUs busy"),
    _("Peak RSS"), _("Failures"), NULL }));
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    add_text_row (rows, clab_result_get_mode (result, i), fastest, has_baseline, planned);

  text = g_string_new (NULL);
  heading = clab_result_dup_heading (result);
  g_string_append_printf (text, "%s\n\n", heading);
  append_markdown_system (text, clab_result_get_system (result));
  append_markdown_runtime (text, result);
  append_aligned (text, rows);
  raw_verdict = clab_result_dup_verdict (result);
  verdict = clab_format_escape_controls (raw_verdict);
  g_string_append_printf (text, "\n%s\n", verdict);
  return g_string_free (text, FALSE);
}

gboolean
clab_result_save_markdown (ClabResult *result,
                           const char *path,
                           GError    **error)
{
  g_autofree char *md = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  md = clab_result_to_markdown (result);
  return clab_atomic_file_replace (path, md, strlen (md), error);
}
