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
#include "clab-format.h"
#include "clab-result-io-private.h"
#include "clab-result-io.h"
#include "clab-stats.h"
#include "clab-verdict.h"

/* CSV */

/* RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. */
static void
append_csv_field (GString    *csv,
                  const char *field)
{
  g_autofree char *escaped = clab_format_escape_controls (field);

  if (field == NULL)
    return;
  /* No control character reaches the file: a spreadsheet or a terminal may act on it. */
  field = escaped;
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (csv, field);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

/* A field after a comma: seconds with microsecond resolution (or a ratio with as many
 * decimals), locale-independent; empty when undefined. */
static void
append_csv_number (GString *csv,
                    double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (csv, ',');
  /* A huge value from a file in exponent form, not cut off at the buffer's end. */
  if (isfinite (value))
    g_string_append (csv, g_ascii_formatd (buf, sizeof buf, fabs (value) < 1e15 ? "%.6f" : "%.17g",
                                           value));
}

/* The verdict closes every row, so that a table of tasks still says whether its result
 * can rank the modes; the reason is empty when it can. */
static void
append_csv_task (GString        *csv,
                 const ClabRun  *run,
                 guint           run_index,
                 const ClabTask *task,
                 const char     *reason)
{
  g_string_append_printf (csv, "%s,%u,%s,%u,%u,%" G_GINT64_FORMAT,
                          clab_mode_to_string (run->mode), run_index,
                          run->warmup ? "true" : "false", run->workers,
                          task->index, task->worker);
  append_csv_number (csv, task->submit_s);
  append_csv_number (csv, task->start_s);
  append_csv_number (csv, task->end_s);
  append_csv_number (csv, task->end_s - task->start_s);
  append_csv_number (csv, task->cpu_s);
  g_string_append_printf (csv, ",%s,%016" G_GINT64_MODIFIER "x,",
                          clab_task_status_to_string (task->status), task->checksum);
  append_csv_field (csv, task->reason);
  g_string_append (csv, reason == NULL ? ",true," : ",false,");
  append_csv_field (csv, reason);
  g_string_append (csv, "\r\n");
}

char *
clab_result_to_csv (ClabResult *result)
{
  g_autofree char *reason = NULL;
  GString *csv;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  reason = clab_verdict_dup_reason (result);
  csv = g_string_new ("mode,run,warmup,workers,task,worker,submit_s,start_s,end_s,"
                      "duration_s,cpu_s,status,checksum,reason,"
                      "verdict_conclusive,verdict_reason\r\n");

  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      const ClabModeResult *mode_result = clab_result_get_mode (result, m);

      for (guint r = 0; r < mode_result->runs->len; r++)
        {
          const ClabRun *run = g_ptr_array_index (mode_result->runs, r);

          for (guint t = 0; t < run->tasks->len; t++)
            append_csv_task (csv, run, r, &g_array_index (run->tasks, ClabTask, t), reason);
        }
    }

  return g_string_free (csv, FALSE);
}

static void
append_summary_row (GString              *csv,
                    ClabResult           *result,
                    const ClabModeResult *mode_result,
                    const ClabModeResult *fastest,
                    const char           *reason)
{
  const ClabStats *stats = &mode_result->stats;
  gboolean possible = clab_stats_mode_is_possible (stats);
  ClabAggregate user, system;

  clab_stats_aggregate (result, mode_result, CLAB_QUANTITY_CPU_USER, &user);
  clab_stats_aggregate (result, mode_result, CLAB_QUANTITY_CPU_SYSTEM, &system);
  g_string_append_printf (csv, "%s,%u", clab_mode_to_string (mode_result->mode), stats->n_runs);
  append_csv_number (csv, stats->mean_s);
  append_csv_number (csv, stats->n_runs >= 2 ? stats->stddev_s : NAN);
  append_csv_number (csv, stats->median_s);
  append_csv_number (csv, stats->min_s);
  append_csv_number (csv, stats->max_s);
  append_csv_number (csv, user.mean);
  append_csv_number (csv, system.mean);
  /* An impossible speedup is no finding: the verdict says why. */
  append_csv_number (csv, possible ? stats->speedup : NAN);
  append_csv_number (csv, possible ? stats->speedup_err : NAN);
  g_string_append_printf (csv, ",%s,%s,", mode_result == fastest ? "true" : "false",
                          reason == NULL ? "true" : "false");
  append_csv_field (csv, reason);
  g_string_append (csv, "\r\n");
}

char *
clab_result_to_summary_csv (ClabResult *result)
{
  g_autofree char *reason = NULL;
  ClabModeResult *fastest;
  GString *csv;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  reason = clab_verdict_dup_reason (result);
  fastest = clab_result_get_fastest (result);
  /* hyperfine's --export-csv columns, in seconds, with the lab's own after them. */
  csv = g_string_new ("mode,runs,mean_s,stddev_s,median_s,min_s,max_s,user_s,system_s,"
                      "speedup,speedup_stddev,fastest,verdict_conclusive,verdict_reason\r\n");
  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    append_summary_row (csv, result, clab_result_get_mode (result, m), fastest, reason);
  return g_string_free (csv, FALSE);
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

static void
append_markdown_heading (GString  *md,
                         ClabPlan *plan)
{
  ClabWorkloadKind workload = clab_plan_get_workload (plan);
  const char *name = clab_workload_kind_to_string (workload);
  g_autofree char *command = clab_format_escape_controls (clab_plan_get_command (plan));

  if (workload == CLAB_WORKLOAD_COMMAND)
    /* Translators: "# Concurrency Lab: command `make`, 4 tasks" */
    g_string_append_printf (md, _("# Concurrency Lab: %s `%s`, %u tasks"),
                            name, command ? command : "", clab_plan_get_tasks (plan));
  else
    /* Translators: "# Concurrency Lab: sleep of 2 s, 10 tasks" */
    g_string_append_printf (md, _("# Concurrency Lab: %s of %g %s, %u tasks"),
                            name, clab_plan_get_size (plan), clab_workload_size_unit (workload),
                            clab_plan_get_tasks (plan));
  /* Only the pools have workers: threads and processes start one per task. */
  if (clab_plan_has_pool (plan))
    /* Translators: follows "…, 10 tasks" in the heading of a Markdown export. */
    g_string_append_printf (md, g_dngettext (GETTEXT_PACKAGE, ", pools of %u worker",
                                             ", pools of %u workers", clab_plan_get_workers (plan)),
                            clab_plan_get_workers (plan));
  g_string_append (md, "\n\n");
}

static void
append_markdown_system (GString              *md,
                        const ClabSystemInfo *system)
{
  g_autofree char *cpu_model = clab_format_escape_controls (system->cpu_model);
  g_autofree char *kernel = clab_format_escape_controls (system->kernel);
  g_autofree char *hostname = clab_format_escape_controls (system->hostname);

  /* Translators: "System: 8 CPUs, AMD Ryzen 7 5800X, Linux 6.1.0, host example" */
  g_string_append_printf (md, _("System: %u CPUs, %s, %s, host %s\n\n"),
                          system->cpus,
                          cpu_model ? cpu_model : _("unknown CPU"),
                          kernel ? kernel : _("unknown kernel"),
                          hostname ? hostname : _("unknown"));
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

static void
append_markdown_row (GString              *md,
                     const ClabModeResult *mode_result,
                     const ClabModeResult *fastest,
                     gboolean              has_baseline,
                     guint                 planned)
{
  const ClabStats *stats = &mode_result->stats;
  g_autofree char *runs = clab_format_runs (stats->n_runs, planned);
  g_autofree char *mean = format_seconds (stats->mean_s, stats->stddev_s, stats->n_runs);
  g_autofree char *median = format_seconds (stats->median_s, NAN, 0);
  g_autofree char *min = format_seconds (stats->min_s, NAN, 0);
  g_autofree char *max = format_seconds (stats->max_s, NAN, 0);
  g_autofree char *relative = format_relative (mode_result, fastest, has_baseline);
  g_autofree char *efficiency = clab_format_efficiency (stats);
  g_autofree char *cpu = clab_format_percent (stats->cpu_pct);
  g_autofree char *rss = clab_format_size_kib (stats->peak_rss_kib);

  g_string_append_printf (md, "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s | %u |\n",
                          clab_mode_to_string (mode_result->mode), runs, mean, median, min, max,
                          relative, efficiency, cpu, rss, stats->failures);
}

static void
append_markdown_table (GString    *md,
                       ClabResult *result)
{
  ClabModeResult *sequential = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL);
  g_autoptr(GPtrArray) ranked = clab_verdict_dup_ranked (result);
  ClabModeResult *fastest = ranked->len > 0 ? g_ptr_array_index (ranked, 0) : NULL;
  gboolean has_baseline = sequential != NULL && sequential->stats.n_runs > 0;

  guint planned = clab_plan_get_runs (clab_result_get_plan (result));

  g_string_append_printf (md, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                          _("Mode"), _("Runs"), _("Mean [s]"), _("Median [s]"), _("Min [s]"),
                          _("Max [s]"), has_baseline ? _("Speedup") : _("Relative"),
                          _("Efficiency"), _("CPU %"), _("Peak RSS"), _("Failures"));
  g_string_append (md, "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");

  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    append_markdown_row (md, clab_result_get_mode (result, i), fastest, has_baseline, planned);
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
  const GPtrArray *warnings = clab_result_get_warnings (result);

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

  append_markdown_heading (md, clab_result_get_plan (result));
  append_markdown_system (md, clab_result_get_system (result));
  if (clab_result_get_cancelled (result))
    g_string_append_printf (md, "%s\n\n", _("The run was cancelled; these results are partial."));
  append_markdown_table (md, result);
  g_string_append_printf (md, "**%s**\n\n", verdict);
  append_markdown_sweep (md, result);
  append_markdown_warnings (md, result);

  return g_string_free (md, FALSE);
}

/* Plain text */

#define N_TEXT_COLUMNS 11

static void
add_text_row (GPtrArray            *rows,
              const ClabModeResult *mode_result,
              const ClabModeResult *fastest,
              gboolean              has_baseline,
              guint                 planned)
{
  const ClabStats *stats = &mode_result->stats;
  char **row = g_new0 (char *, N_TEXT_COLUMNS + 1);

  row[0] = g_strdup (clab_mode_to_string (mode_result->mode));
  row[1] = clab_format_runs (stats->n_runs, planned);
  row[2] = clab_format_duration_spread (stats->mean_s, stats->stddev_s, stats->n_runs);
  row[3] = clab_format_duration (stats->median_s);
  row[4] = clab_format_duration (stats->min_s);
  row[5] = clab_format_duration (stats->max_s);
  row[6] = format_relative (mode_result, fastest, has_baseline);
  row[7] = clab_format_efficiency (stats);
  row[8] = clab_format_percent (stats->cpu_pct);
  row[9] = clab_format_size_kib (stats->peak_rss_kib);
  row[10] = g_strdup_printf ("%u", stats->failures);
  g_ptr_array_add (rows, row);
}

/* Columns as wide as their widest cell, the first to the left and numbers to the right. */
static void
append_aligned (GString   *out,
                GPtrArray *rows)
{
  guint widths[N_TEXT_COLUMNS] = { 0 };

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < N_TEXT_COLUMNS; c++)
      widths[c] = MAX (widths[c], g_utf8_strlen (((char **) rows->pdata[r])[c], -1));
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = rows->pdata[r];

      for (guint c = 0; c < N_TEXT_COLUMNS; c++)
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
  g_autofree char *raw_verdict = NULL, *verdict = NULL;
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
    has_baseline ? _("Speedup") : _("Relative"), _("Efficiency"), _("CPU"), _("Peak RSS"),
    _("Failures"), NULL }));
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    add_text_row (rows, clab_result_get_mode (result, i), fastest, has_baseline, planned);

  text = g_string_new (NULL);
  append_markdown_heading (text, clab_result_get_plan (result));
  g_string_erase (text, 0, strlen ("# "));
  append_markdown_system (text, clab_result_get_system (result));
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
