/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-atomic-file.h"
#include "clab-file-read.h"
#include "clab-json-doc.h"
#include "clab-json-writer.h"
#include "clab-result-io-private.h"
#include "clab-result-io.h"
#include "clab-verdict.h"

/* The result file's writer (docs/result-format.md); the reader is clab-result-reader.c.
 * Pretty output puts every task and sample on a line of its own. */

static void
write_plan (ClabJsonWriter *w,
            ClabPlan       *plan)
{
  clab_json_writer_key (w, "plan");
  clab_plan_write_json (plan, w, FALSE);
}

static void
write_system (ClabJsonWriter       *w,
              const ClabSystemInfo *info)
{
  clab_json_writer_key (w, "system");
  clab_json_writer_begin (w, '{', FALSE);
  clab_json_writer_member_int (w, "cpus", info->cpus);
  clab_json_writer_member_string (w, "kernel", info->kernel);
  clab_json_writer_member_string (w, "cpu_model", info->cpu_model);
  clab_json_writer_member_string (w, "hostname", info->hostname);
  /* Only a run on the Python runtime says which interpreter ran it. */
  if (info->python.version != NULL)
    {
      clab_json_writer_key (w, "python");
      clab_json_writer_begin (w, '{', FALSE);
      clab_json_writer_member_string (w, "version", info->python.version);
      clab_json_writer_member_string (w, "implementation", info->python.implementation);
      clab_json_writer_member_string (w, "executable", info->python.executable);
      clab_json_writer_member_boolean (w, "gil_enabled", info->python.gil_enabled);
      clab_json_writer_member_string (w, "start_method", info->python.start_method);
      clab_json_writer_end (w, '}');
    }
  clab_json_writer_end (w, '}');
}

static void
write_stats (ClabJsonWriter  *w,
             const ClabStats *stats)
{
  clab_json_writer_key (w, "stats");
  clab_json_writer_begin (w, '{', FALSE);
  clab_json_writer_member_double (w, "mean_s", stats->mean_s);
  clab_json_writer_member_double (w, "stddev_s", stats->stddev_s);
  clab_json_writer_member_double (w, "median_s", stats->median_s);
  clab_json_writer_member_double (w, "min_s", stats->min_s);
  clab_json_writer_member_double (w, "max_s", stats->max_s);
  clab_json_writer_member_double (w, "speedup", stats->speedup);
  clab_json_writer_member_double (w, "speedup_err", stats->speedup_err);
  clab_json_writer_member_double (w, "efficiency", stats->efficiency);
  clab_json_writer_member_double (w, "cpu_pct", stats->cpu_pct);
  clab_json_writer_member_int (w, "peak_rss_kib", stats->peak_rss_kib);
  clab_json_writer_member_int (w, "failures", stats->failures);
  clab_json_writer_member_int (w, "n_runs", stats->n_runs);
  clab_json_writer_end (w, '}');
}

/* Where a task ran and how its worker thread spent it (clab-sched.h); absent: not known. */
static void
write_task_sched (ClabJsonWriter *w,
                  const ClabTask *task)
{
  if (task->tid != 0)
    {
      clab_json_writer_member_int (w, "pid", task->pid);
      clab_json_writer_member_int (w, "tid", task->tid);
    }
  if (!task->sched_known)
    return;
  clab_json_writer_member_double (w, "on_cpu_s", task->on_cpu_s);
  clab_json_writer_member_double (w, "runnable_s", task->runnable_s);
  clab_json_writer_member_double (w, "blocked_s", task->blocked_s);
}

/* Each followed worker thread's series, a point [t_s, on_cpu_s, runnable_s] per sample. */
static void
write_sched_lanes (ClabJsonWriter *w,
                   const ClabRun  *run)
{
  clab_json_writer_key (w, "sched_lanes");
  clab_json_writer_begin (w, '[', TRUE);
  for (guint i = 0; i < run->sched_lanes->len; i++)
    {
      const ClabSchedLane *lane = g_ptr_array_index (run->sched_lanes, i);

      clab_json_writer_element (w);
      clab_json_writer_begin (w, '{', FALSE);
      clab_json_writer_member_int (w, "pid", lane->pid);
      clab_json_writer_member_int (w, "tid", lane->tid);
      clab_json_writer_member_double (w, "t0_s", lane->t0_s);
      clab_json_writer_key (w, "points");
      clab_json_writer_begin (w, '[', FALSE);
      for (guint k = 0; k < lane->points->len; k++)
        {
          const ClabSchedPoint *p = &g_array_index (lane->points, ClabSchedPoint, k);

          clab_json_writer_element (w);
          clab_json_writer_begin (w, '[', FALSE);
          clab_json_writer_element (w);
          clab_json_writer_double (w, p->t_s);
          clab_json_writer_element (w);
          clab_json_writer_double (w, p->on_cpu_s);
          clab_json_writer_element (w);
          clab_json_writer_double (w, p->runnable_s);
          clab_json_writer_end (w, ']');
        }
      clab_json_writer_end (w, ']');
      clab_json_writer_end (w, '}');
    }
  clab_json_writer_end (w, ']');
}

static void
write_task (ClabJsonWriter *w,
            const ClabTask *task)
{
  char checksum[17];

  g_snprintf (checksum, sizeof checksum, "%016" G_GINT64_MODIFIER "x", task->checksum);

  clab_json_writer_element (w);
  clab_json_writer_begin (w, '{', FALSE);
  clab_json_writer_member_int (w, "index", task->index);
  clab_json_writer_member_int (w, "worker", task->worker);
  if (!isnan (task->submit_s))
    clab_json_writer_member_double (w, "submit_s", task->submit_s);
  clab_json_writer_member_double (w, "start_s", task->start_s);
  clab_json_writer_member_double (w, "end_s", task->end_s);
  clab_json_writer_member_double (w, "cpu_s", task->cpu_s);
  clab_json_writer_member_string (w, "status", clab_task_status_to_string (task->status));
  clab_json_writer_member_string (w, "checksum", checksum);
  if (task->reason != NULL)
    clab_json_writer_member_string (w, "reason", task->reason);
  write_task_sched (w, task);
  clab_json_writer_end (w, '}');
}

static void
write_sample (ClabJsonWriter *w,
              const ClabRun  *run,
              guint           i)
{
  const ClabSample *sample = &g_array_index (run->samples, ClabSample, i);

  clab_json_writer_element (w);
  clab_json_writer_begin (w, '{', FALSE);
  clab_json_writer_member_double (w, "t_s", sample->t_s);
  clab_json_writer_member_double (w, "cpu_pct", sample->cpu_pct);
  clab_json_writer_key (w, "per_cpu_pct");
  clab_json_writer_begin (w, '[', FALSE);
  for (guint cpu = 0; cpu < run->n_cpus; cpu++)
    {
      guint k = i * run->n_cpus + cpu;
      double pct = k < run->per_cpu_pct->len ? g_array_index (run->per_cpu_pct, double, k) : NAN;

      clab_json_writer_element (w);
      clab_json_writer_double (w, pct);
    }
  clab_json_writer_end (w, ']');
  clab_json_writer_member_double (w, "user_pct", sample->user_pct);
  clab_json_writer_member_double (w, "system_pct", sample->system_pct);
  clab_json_writer_member_double (w, "iowait_pct", sample->iowait_pct);
  clab_json_writer_member_double (w, "run_pct", sample->run_pct);
  clab_json_writer_member_double (w, "rss_kib", sample->rss_kib);
  if (run->sched_lanes != NULL && run->sched_lanes->len > 0)
    clab_json_writer_member_double (w, "workers_on_cpu", sample->workers_on_cpu);
  clab_json_writer_end (w, '}');
}

static void
write_run (ClabJsonWriter *w,
           const ClabRun  *run)
{
  clab_json_writer_element (w);
  clab_json_writer_begin (w, '{', TRUE);
  clab_json_writer_member_double (w, "elapsed_s", run->elapsed_s);
  clab_json_writer_member_double (w, "cpu_user_s", run->cpu_user_s);
  clab_json_writer_member_double (w, "cpu_system_s", run->cpu_system_s);
  clab_json_writer_member_int (w, "peak_rss_kib", run->peak_rss_kib);
  clab_json_writer_member_double (w, "ideal_s", run->ideal_s);
  clab_json_writer_member_double (w, "overhead_s", run->overhead_s);
  clab_json_writer_member_int (w, "voluntary_switches", run->voluntary_switches);
  clab_json_writer_member_int (w, "involuntary_switches", run->involuntary_switches);
  clab_json_writer_member_int (w, "workers", run->workers);
  clab_json_writer_member_boolean (w, "cancelled", run->cancelled);
  clab_json_writer_member_boolean (w, "warmup", run->warmup);
  clab_json_writer_member_int (w, "n_cpus", run->n_cpus);

  clab_json_writer_key (w, "tasks");
  clab_json_writer_begin (w, '[', TRUE);
  for (guint i = 0; i < run->tasks->len; i++)
    write_task (w, &g_array_index (run->tasks, ClabTask, i));
  clab_json_writer_end (w, ']');

  clab_json_writer_key (w, "samples");
  clab_json_writer_begin (w, '[', TRUE);
  for (guint i = 0; i < run->samples->len; i++)
    write_sample (w, run, i);
  clab_json_writer_end (w, ']');
  if (run->sched_lanes != NULL && run->sched_lanes->len > 0)
    write_sched_lanes (w, run);
  clab_json_writer_end (w, '}');
}

static void
write_modes (ClabJsonWriter *w,
             ClabResult     *result)
{
  clab_json_writer_key (w, "modes");
  clab_json_writer_begin (w, '[', TRUE);
  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      const ClabModeResult *mode_result = clab_result_get_mode (result, m);

      clab_json_writer_element (w);
      clab_json_writer_begin (w, '{', TRUE);
      clab_json_writer_member_string (w, "mode", clab_mode_to_string (mode_result->mode));
      write_stats (w, &mode_result->stats);
      clab_json_writer_key (w, "runs");
      clab_json_writer_begin (w, '[', TRUE);
      for (guint r = 0; r < mode_result->runs->len; r++)
        write_run (w, g_ptr_array_index (mode_result->runs, r));
      clab_json_writer_end (w, ']');
      clab_json_writer_end (w, '}');
    }
  clab_json_writer_end (w, ']');
}

static void
write_warnings (ClabJsonWriter *w,
                ClabResult     *result)
{
  const GPtrArray *warnings = clab_result_get_warnings (result);

  clab_json_writer_key (w, "warnings");
  clab_json_writer_begin (w, '[', TRUE);
  for (guint i = 0; i < warnings->len; i++)
    {
      clab_json_writer_element (w);
      clab_json_writer_string (w, g_ptr_array_index (warnings, i));
    }
  clab_json_writer_end (w, ']');
}

static void
write_sweep (ClabJsonWriter *w,
             ClabResult     *result)
{
  GArray *sweep = clab_result_get_sweep (result);

  clab_json_writer_key (w, "sweep");
  clab_json_writer_begin (w, '[', TRUE);
  for (guint i = 0; i < sweep->len; i++)
    {
      const ClabSweepPoint *point = &g_array_index (sweep, ClabSweepPoint, i);

      clab_json_writer_element (w);
      clab_json_writer_begin (w, '{', FALSE);
      clab_json_writer_member_string (w, "mode", clab_mode_to_string (point->mode));
      clab_json_writer_member_int (w, "workers", point->workers);
      clab_json_writer_member_int (w, "n_runs", point->n_runs);
      clab_json_writer_member_double (w, "mean_s", point->mean_s);
      clab_json_writer_member_double (w, "stddev_s", point->stddev_s);
      clab_json_writer_member_double (w, "speedup", point->speedup);
      clab_json_writer_member_double (w, "speedup_err", point->speedup_err);
      clab_json_writer_member_double (w, "karp_flatt", point->karp_flatt);
      clab_json_writer_end (w, '}');
    }
  clab_json_writer_end (w, ']');
}

/* The verdict as judged when the file was written, so that a reader need not judge again. */
static void
write_verdict (ClabJsonWriter *w,
               ClabResult     *result)
{
  g_autofree char *text = clab_result_dup_verdict (result);
  g_autofree char *reason = clab_verdict_dup_reason (result);

  clab_json_writer_key (w, "verdict");
  clab_json_writer_begin (w, '{', FALSE);
  clab_json_writer_member_string (w, "text", text);
  clab_json_writer_member_boolean (w, "conclusive", reason == NULL);
  clab_json_writer_member_string (w, "reason", reason);
  clab_json_writer_end (w, '}');
}

static void
write_amdahl (ClabJsonWriter *w,
              ClabResult     *result)
{
  clab_json_writer_key (w, "amdahl");
  clab_json_writer_begin (w, '{', FALSE);
  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    {
      double fraction = clab_result_get_amdahl_serial (result, mode);

      if (isfinite (fraction))
        clab_json_writer_member_double (w, clab_mode_to_string (mode), fraction);
    }
  clab_json_writer_end (w, '}');
}

char *
clab_result_to_json_string (ClabResult *result,
                            gboolean    pretty)
{
  ClabJsonWriter w;
  GString *out;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  out = g_string_new (NULL);
  clab_json_writer_init (&w, out, pretty);
  clab_json_writer_begin (&w, '{', TRUE);
  clab_json_writer_member_string (&w, "schema", CLAB_RESULT_SCHEMA);
  write_plan (&w, clab_result_get_plan (result));
  write_system (&w, clab_result_get_system (result));
  write_modes (&w, result);
  write_verdict (&w, result);
  write_warnings (&w, result);
  clab_json_writer_member_boolean (&w, "cancelled", clab_result_get_cancelled (result));
  write_sweep (&w, result);
  write_amdahl (&w, result);
  clab_json_writer_end (&w, '}');
  if (pretty)
    g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

gboolean
clab_result_save_json (ClabResult *result,
                       const char *path,
                       GError    **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = clab_result_to_json_string (result, TRUE);

  return clab_atomic_file_replace (path, text, strlen (text), error);
}

static ClabJsonDoc *
parse (const char  *data,
       gsize        length,
       const char  *display_name,
       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  ClabJsonDoc *doc = clab_json_doc_parse (data, length, &local_error);

  if (doc == NULL)
    /* Translators: the second %s is e.g. "it ends in the middle (line 167)" */
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                 _("“%s” is not a Concurrency Lab result: %s."),
                 display_name, local_error->message);
  return doc;
}

static ClabResult *
new_from_doc (ClabJsonDoc  *doc,
              const char   *display_name,
              GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  ClabResult *result = clab_result_new_from_doc (clab_json_doc_get_root (doc), &local_error);

  if (result == NULL)
    /* Translators: the second %s is a sentence, e.g. "modes[0].stats is missing or not an
     * object." */
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                 _("“%s” is not a Concurrency Lab result: %s"),
                 display_name, local_error->message);
  return result;
}

ClabResult *
clab_result_new_from_data (const char  *data,
                           gsize        length,
                           const char  *display_name,
                           GError     **error)
{
  g_autoptr(ClabJsonDoc) doc = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = parse (data, length, display_name, error);
  return doc != NULL ? new_from_doc (doc, display_name, error) : NULL;
}

ClabResult *
clab_result_load (const char *path,
                  GError    **error)
{
  g_autoptr(ClabJsonDoc) doc = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!clab_file_read_bounded (path, CLAB_RESULT_MAX_BYTES, CLAB_ERROR_INVALID_RESULT,
                               &contents, &length, error))
    return NULL;

  /* The file's name, not its folder: a toast has room for a sentence, not a path. */
  display = g_filename_display_basename (path);
  doc = parse (contents, length, display, error);
  /* The document holds copies of its strings: the text goes before the result is built. */
  g_clear_pointer (&contents, g_free);
  return doc != NULL ? new_from_doc (doc, display, error) : NULL;
}
