/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-json-doc.h"
#include "clab-json-reader.h"
#include "clab-result-io-private.h"
#include "clab-result-io.h"

/*
 * The validating reader of the result file: every field is checked for
 * presence and type before it is used; fields it does not know are ignored,
 * so that newer files still load. Stats are taken as written, not recomputed.
 */

typedef ClabJsonReader Reader;

#define REQUIRED CLAB_FIELD_REQUIRED
#define NULLABLE CLAB_FIELD_NULLABLE
#define OPTIONAL CLAB_FIELD_OPTIONAL

static gboolean
read_mode (Reader              *reader,
           const ClabJsonValue *object,
           const char          *name,
           ClabMode            *mode)
{
  const char *str = NULL;

  if (!clab_json_reader_string (reader, object, name, REQUIRED, &str))
    return FALSE;
  if (!clab_mode_from_string (str, mode))
    return clab_json_reader_fail (reader, name, CLAB_JSON_PROBLEM_MODE);
  return TRUE;
}

static gboolean
read_checksum (Reader              *reader,
               const ClabJsonValue *object,
               guint64             *checksum)
{
  const char *str = NULL;

  if (!clab_json_reader_string (reader, object, "checksum", REQUIRED, &str))
    return FALSE;
  if (strlen (str) > 16
      || !g_ascii_string_to_unsigned (str, 16, 0, G_MAXUINT64, checksum, NULL))
    return clab_json_reader_fail (reader, "checksum", CLAB_JSON_PROBLEM_CHECKSUM);
  return TRUE;
}

static gboolean
read_task (Reader              *reader,
           const ClabJsonValue *object,
           ClabTask            *task)
{
  const char *status = NULL;
  const char *reason = NULL;
  gint64 index = 0;

  task->submit_s = NAN;
  if (!clab_json_reader_int (reader, object, "index", REQUIRED, 0, G_MAXUINT, &index)
      || !clab_json_reader_int (reader, object, "worker", REQUIRED,
                                G_MININT64, G_MAXINT64, &task->worker)
      || !clab_json_reader_double (reader, object, "submit_s", OPTIONAL, &task->submit_s)
      || !clab_json_reader_double (reader, object, "start_s", NULLABLE, &task->start_s)
      || !clab_json_reader_double (reader, object, "end_s", NULLABLE, &task->end_s)
      || !clab_json_reader_double (reader, object, "cpu_s", NULLABLE, &task->cpu_s)
      || !clab_json_reader_string (reader, object, "status", REQUIRED, &status)
      || !read_checksum (reader, object, &task->checksum)
      || !clab_json_reader_string (reader, object, "reason", OPTIONAL, &reason))
    return FALSE;
  if (!clab_task_status_from_string (status, &task->status))
    return clab_json_reader_fail (reader, "status", CLAB_JSON_PROBLEM_STATUS);

  task->index = index;
  task->reason = g_strdup (reason);
  return TRUE;
}

static gboolean
read_tasks (Reader              *reader,
            const ClabJsonValue *array,
            ClabRun             *run)
{
  guint n = array->length;

  g_array_set_size (run->tasks, n);
  for (guint i = 0; i < n; i++)
    {
      gsize mark = clab_json_reader_push (reader, "tasks", i);
      const ClabJsonValue *object = clab_json_reader_element (reader, array, i);

      if (object == NULL
          || !read_task (reader, object, &g_array_index (run->tasks, ClabTask, i)))
        return FALSE;
      clab_json_reader_pop (reader, mark);
    }
  return TRUE;
}

static gboolean
read_per_cpu (Reader              *reader,
              const ClabJsonValue *object,
              ClabRun             *run)
{
  const ClabJsonValue *array = NULL;

  if (!clab_json_reader_array (reader, object, "per_cpu_pct", REQUIRED, &array))
    return FALSE;
  if (array->length != run->n_cpus)
    {
      g_set_error (reader->error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("%s.per_cpu_pct has %u values where the run has %u CPUs."),
                   reader->path->str, array->length, run->n_cpus);
      return FALSE;
    }

  for (guint i = 0; i < run->n_cpus; i++)
    {
      const ClabJsonValue *element = &array->children[i];
      double value = NAN;

      if (element->type != CLAB_JSON_NULL && !clab_json_value_get_number (element, &value))
        return clab_json_reader_fail (reader, "per_cpu_pct", CLAB_JSON_PROBLEM_NUMBER);
      g_array_append_val (run->per_cpu_pct, value);
    }
  return TRUE;
}

static gboolean
read_sample (Reader              *reader,
             const ClabJsonValue *object,
             ClabRun             *run,
             ClabSample          *sample)
{
  sample->user_pct = sample->system_pct = sample->rss_kib = NAN;

  return clab_json_reader_double (reader, object, "t_s", REQUIRED, &sample->t_s)
         && clab_json_reader_double (reader, object, "cpu_pct", NULLABLE, &sample->cpu_pct)
         && read_per_cpu (reader, object, run)
         && clab_json_reader_double (reader, object, "user_pct", OPTIONAL, &sample->user_pct)
         && clab_json_reader_double (reader, object, "system_pct", OPTIONAL, &sample->system_pct)
         && clab_json_reader_double (reader, object, "iowait_pct", NULLABLE, &sample->iowait_pct)
         && clab_json_reader_double (reader, object, "run_pct", NULLABLE, &sample->run_pct)
         && clab_json_reader_double (reader, object, "rss_kib", OPTIONAL, &sample->rss_kib);
}

static gboolean
read_samples (Reader              *reader,
              const ClabJsonValue *array,
              ClabRun             *run)
{
  guint n = array->length;

  g_array_set_size (run->samples, n);
  for (guint i = 0; i < n; i++)
    {
      gsize mark = clab_json_reader_push (reader, "samples", i);
      const ClabJsonValue *object = clab_json_reader_element (reader, array, i);

      if (object == NULL
          || !read_sample (reader, object, run, &g_array_index (run->samples, ClabSample, i)))
        return FALSE;
      clab_json_reader_pop (reader, mark);
    }
  return TRUE;
}

/* Files without "n_cpus" in a run: the first sample tells, else the system. */
static guint
guess_n_cpus (const ClabJsonValue *samples,
              guint                system_cpus)
{
  const ClabJsonValue *per_cpu;

  if (samples->length == 0)
    return system_cpus;

  per_cpu = clab_json_value_get_member (&samples->children[0], "per_cpu_pct");
  if (per_cpu == NULL || per_cpu->type != CLAB_JSON_ARRAY)
    return system_cpus;

  return per_cpu->length;
}

static gboolean
read_run_measures (Reader              *reader,
                   const ClabJsonValue *object,
                   ClabRun             *run)
{
  return clab_json_reader_double (reader, object, "elapsed_s", REQUIRED, &run->elapsed_s)
         && clab_json_reader_double (reader, object, "cpu_user_s", NULLABLE, &run->cpu_user_s)
         && clab_json_reader_double (reader, object, "cpu_system_s", NULLABLE, &run->cpu_system_s)
         && clab_json_reader_int (reader, object, "peak_rss_kib", REQUIRED,
                                  G_MININT64, G_MAXINT64, &run->peak_rss_kib)
         && clab_json_reader_double (reader, object, "ideal_s", NULLABLE, &run->ideal_s)
         && clab_json_reader_double (reader, object, "overhead_s", NULLABLE, &run->overhead_s)
         && clab_json_reader_int (reader, object, "voluntary_switches", REQUIRED,
                                  G_MININT64, G_MAXINT64, &run->voluntary_switches)
         && clab_json_reader_int (reader, object, "involuntary_switches", REQUIRED,
                                  G_MININT64, G_MAXINT64, &run->involuntary_switches)
         && clab_json_reader_uint (reader, object, "workers", OPTIONAL, &run->workers)
         && clab_json_reader_boolean (reader, object, "cancelled", &run->cancelled)
         && clab_json_reader_boolean (reader, object, "warmup", &run->warmup)
         && clab_json_reader_uint (reader, object, "n_cpus", OPTIONAL, &run->n_cpus);
}

static ClabRun *
read_run (Reader              *reader,
          const ClabJsonValue *object,
          ClabMode             mode,
          ClabResult          *result)
{
  g_autoptr(ClabRun) run = NULL;
  const ClabJsonValue *tasks = NULL;
  const ClabJsonValue *samples = NULL;

  if (!clab_json_reader_array (reader, object, "tasks", REQUIRED, &tasks)
      || !clab_json_reader_array (reader, object, "samples", REQUIRED, &samples))
    return NULL;

  run = clab_run_new (mode, guess_n_cpus (samples, clab_result_get_system (result)->cpus));
  run->workers = clab_plan_get_workers (clab_result_get_plan (result));

  if (!read_run_measures (reader, object, run)
      || !read_tasks (reader, tasks, run)
      || !read_samples (reader, samples, run))
    return NULL;

  return g_steal_pointer (&run);
}

static gboolean
read_runs (Reader              *reader,
           const ClabJsonValue *object,
           ClabModeResult      *mode_result,
           ClabResult          *result)
{
  const ClabJsonValue *runs = NULL;

  if (!clab_json_reader_array (reader, object, "runs", REQUIRED, &runs))
    return FALSE;

  for (guint i = 0; i < runs->length; i++)
    {
      gsize mark = clab_json_reader_push (reader, "runs", i);
      const ClabJsonValue *run_object = clab_json_reader_element (reader, runs, i);
      ClabRun *run;

      if (run_object == NULL)
        return FALSE;
      run = read_run (reader, run_object, mode_result->mode, result);
      if (run == NULL)
        return FALSE;
      g_ptr_array_add (mode_result->runs, run);
      clab_json_reader_pop (reader, mark);
    }
  return TRUE;
}

/* Defaults for the fields of ClabStats that files of the first design lack. */
static void
derive_stats_defaults (ClabModeResult *mode_result)
{
  ClabStats *stats = &mode_result->stats;

  for (guint i = 0; i < mode_result->runs->len; i++)
    {
      const ClabRun *run = g_ptr_array_index (mode_result->runs, i);

      if (run->warmup)
        continue;
      stats->n_runs++;
      stats->failures += clab_run_count_status (run, CLAB_TASK_FAILED);
      stats->peak_rss_kib = MAX (stats->peak_rss_kib, run->peak_rss_kib);
    }
}

static gboolean
read_stats_members (Reader              *reader,
                    const ClabJsonValue *object,
                    ClabStats           *stats)
{
  return clab_json_reader_double (reader, object, "mean_s", NULLABLE, &stats->mean_s)
         && clab_json_reader_double (reader, object, "stddev_s", NULLABLE, &stats->stddev_s)
         && clab_json_reader_double (reader, object, "median_s", NULLABLE, &stats->median_s)
         && clab_json_reader_double (reader, object, "min_s", NULLABLE, &stats->min_s)
         && clab_json_reader_double (reader, object, "max_s", NULLABLE, &stats->max_s)
         && clab_json_reader_double (reader, object, "speedup", NULLABLE, &stats->speedup)
         && clab_json_reader_double (reader, object, "speedup_err", OPTIONAL, &stats->speedup_err)
         && clab_json_reader_double (reader, object, "efficiency", NULLABLE, &stats->efficiency)
         && clab_json_reader_double (reader, object, "cpu_pct", OPTIONAL, &stats->cpu_pct)
         && clab_json_reader_int (reader, object, "peak_rss_kib", OPTIONAL,
                                  G_MININT64, G_MAXINT64, &stats->peak_rss_kib)
         && clab_json_reader_uint (reader, object, "failures", OPTIONAL, &stats->failures)
         && clab_json_reader_uint (reader, object, "n_runs", OPTIONAL, &stats->n_runs);
}

static gboolean
read_mode_result (Reader              *reader,
                  const ClabJsonValue *object,
                  ClabResult          *result)
{
  ClabModeResult *mode_result;
  const ClabJsonValue *stats;
  ClabMode mode;
  gsize mark;

  if (!read_mode (reader, object, "mode", &mode))
    return FALSE;
  if (clab_result_find_mode (result, mode) != NULL)
    return clab_json_reader_fail (reader, "mode", CLAB_JSON_PROBLEM_DUPLICATE_MODE);

  stats = clab_json_reader_object (reader, object, "stats");
  if (stats == NULL)
    return FALSE;

  mode_result = clab_result_ensure_mode (result, mode);
  if (!read_runs (reader, object, mode_result, result))
    return FALSE;

  derive_stats_defaults (mode_result);
  mark = clab_json_reader_push (reader, "stats", -1);
  if (!read_stats_members (reader, stats, &mode_result->stats))
    return FALSE;
  clab_json_reader_pop (reader, mark);
  return TRUE;
}

static gboolean
read_modes (Reader              *reader,
            const ClabJsonValue *root,
            ClabResult          *result)
{
  const ClabJsonValue *modes = NULL;

  if (!clab_json_reader_array (reader, root, "modes", REQUIRED, &modes))
    return FALSE;

  for (guint i = 0; i < modes->length; i++)
    {
      gsize mark = clab_json_reader_push (reader, "modes", i);
      const ClabJsonValue *object = clab_json_reader_element (reader, modes, i);

      if (object == NULL || !read_mode_result (reader, object, result))
        return FALSE;
      clab_json_reader_pop (reader, mark);
    }
  return TRUE;
}

static gboolean
read_system (Reader              *reader,
             const ClabJsonValue *root,
             ClabResult          *result)
{
  const ClabJsonValue *object = clab_json_reader_object (reader, root, "system");
  const char *kernel = NULL;
  const char *cpu_model = NULL;
  const char *hostname = NULL;
  ClabSystemInfo info = { 0 };
  gsize mark;

  if (object == NULL)
    return FALSE;

  mark = clab_json_reader_push (reader, "system", -1);
  if (!clab_json_reader_uint (reader, object, "cpus", REQUIRED, &info.cpus)
      || !clab_json_reader_string (reader, object, "kernel", NULLABLE, &kernel)
      || !clab_json_reader_string (reader, object, "cpu_model", NULLABLE, &cpu_model)
      || !clab_json_reader_string (reader, object, "hostname", NULLABLE, &hostname))
    return FALSE;
  clab_json_reader_pop (reader, mark);

  info.kernel = g_strdup (kernel);
  info.cpu_model = g_strdup (cpu_model);
  info.hostname = g_strdup (hostname);
  clab_result_take_system (result, &info);
  return TRUE;
}

static gboolean
read_warnings (Reader              *reader,
               const ClabJsonValue *root,
               ClabResult          *result)
{
  const ClabJsonValue *warnings = NULL;

  if (!clab_json_reader_array (reader, root, "warnings", OPTIONAL, &warnings))
    return FALSE;

  for (guint i = 0; warnings != NULL && i < warnings->length; i++)
    {
      const ClabJsonValue *warning = &warnings->children[i];

      if (warning->type != CLAB_JSON_STRING)
        {
          clab_json_reader_push (reader, "warnings", i);
          return clab_json_reader_fail (reader, NULL, CLAB_JSON_PROBLEM_STRING);
        }
      clab_result_add_warning (result, warning->string);
    }
  return TRUE;
}

static gboolean
read_sweep_point (Reader              *reader,
                  const ClabJsonValue *object,
                  ClabSweepPoint      *point)
{
  return read_mode (reader, object, "mode", &point->mode)
         && clab_json_reader_uint (reader, object, "workers", REQUIRED, &point->workers)
         && clab_json_reader_double (reader, object, "mean_s", NULLABLE, &point->mean_s)
         && clab_json_reader_double (reader, object, "stddev_s", NULLABLE, &point->stddev_s)
         && clab_json_reader_double (reader, object, "speedup", NULLABLE, &point->speedup)
         && clab_json_reader_double (reader, object, "karp_flatt", NULLABLE, &point->karp_flatt);
}

static gboolean
read_sweep (Reader              *reader,
            const ClabJsonValue *root,
            ClabResult          *result)
{
  GArray *points = clab_result_get_sweep (result);
  const ClabJsonValue *sweep = NULL;

  if (!clab_json_reader_array (reader, root, "sweep", OPTIONAL, &sweep))
    return FALSE;

  for (guint i = 0; sweep != NULL && i < sweep->length; i++)
    {
      gsize mark = clab_json_reader_push (reader, "sweep", i);
      const ClabJsonValue *object = clab_json_reader_element (reader, sweep, i);
      ClabSweepPoint point = { 0 };

      if (object == NULL || !read_sweep_point (reader, object, &point))
        return FALSE;
      g_array_append_val (points, point);
      clab_json_reader_pop (reader, mark);
    }
  return TRUE;
}

/* The members are read in place: a lookup per member would be quadratic. */
static gboolean
read_amdahl (Reader              *reader,
             const ClabJsonValue *root,
             ClabResult          *result)
{
  const ClabJsonValue *amdahl = clab_json_value_get_member (root, "amdahl");
  gsize mark;

  if (amdahl == NULL || amdahl->type == CLAB_JSON_NULL)
    return TRUE;
  if (amdahl->type != CLAB_JSON_OBJECT)
    return clab_json_reader_fail (reader, "amdahl", CLAB_JSON_PROBLEM_OBJECT);

  mark = clab_json_reader_push (reader, "amdahl", -1);
  for (guint i = 0; i < amdahl->length; i++)
    {
      const ClabJsonValue *member = &amdahl->children[i];
      double fraction = NAN;
      ClabMode mode;

      if (!clab_mode_from_string (member->key, &mode))
        return clab_json_reader_fail (reader, member->key, CLAB_JSON_PROBLEM_MODE);
      if (member->type != CLAB_JSON_NULL && !clab_json_value_get_number (member, &fraction))
        return clab_json_reader_fail (reader, member->key, CLAB_JSON_PROBLEM_NUMBER);
      clab_result_set_amdahl_serial (result, mode, fraction);
    }
  clab_json_reader_pop (reader, mark);
  return TRUE;
}

static gboolean
check_schema (const ClabJsonValue *root,
              GError             **error)
{
  const ClabJsonValue *schema = clab_json_value_get_member (root, "schema");

  if (schema == NULL || schema->type != CLAB_JSON_STRING)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("The data has no schema, so it is not a Concurrency Lab result."));
      return FALSE;
    }

  if (!g_str_equal (schema->string, CLAB_RESULT_SCHEMA))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("The schema “%s” is not the supported “%s”."),
                   schema->string, CLAB_RESULT_SCHEMA);
      return FALSE;
    }
  return TRUE;
}

/* The plan has its own reader, over json-glib; it is small. */
static ClabPlan *
read_plan (const ClabJsonValue *root,
           GError             **error)
{
  const ClabJsonValue *value = clab_json_value_get_member (root, "plan");
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  ClabPlan *plan;

  if (value == NULL || value->type != CLAB_JSON_OBJECT)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("plan is missing or not an object."));
      return NULL;
    }

  node = clab_json_value_to_node (value);
  plan = clab_plan_new_from_json (node, &local_error);
  if (plan == NULL)
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                 _("The plan of the result is not valid: %s"),
                 local_error ? local_error->message : "");
  return plan;
}

static gboolean
read_result (Reader              *reader,
             const ClabJsonValue *root,
             ClabResult          *result)
{
  gboolean cancelled = FALSE;

  if (!read_system (reader, root, result)
      || !read_modes (reader, root, result)
      || !read_warnings (reader, root, result)
      || !clab_json_reader_boolean (reader, root, "cancelled", &cancelled)
      || !read_sweep (reader, root, result)
      || !read_amdahl (reader, root, result))
    return FALSE;

  clab_result_set_cancelled (result, cancelled);
  return TRUE;
}

ClabResult *
clab_result_new_from_doc (const ClabJsonValue *root,
                          GError             **error)
{
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(ClabPlan) plan = NULL;
  Reader reader;
  gboolean ok;

  if (root->type != CLAB_JSON_OBJECT)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("The data is not a JSON object, so it is not a Concurrency Lab result."));
      return NULL;
    }

  if (!check_schema (root, error))
    return NULL;
  plan = read_plan (root, error);
  if (plan == NULL)
    return NULL;

  result = clab_result_new (plan);
  clab_json_reader_init (&reader, error);
  ok = read_result (&reader, root, result);
  clab_json_reader_clear (&reader);

  return ok ? g_steal_pointer (&result) : NULL;
}

ClabResult *
clab_result_new_from_json (JsonNode *node,
                           GError  **error)
{
  g_autoptr(ClabJsonDoc) doc = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = clab_json_doc_new_from_node (node, &local_error);
  if (doc == NULL)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("The data is not valid JSON (%s)."), local_error->message);
      return NULL;
    }

  return clab_result_new_from_doc (clab_json_doc_get_root (doc), error);
}
