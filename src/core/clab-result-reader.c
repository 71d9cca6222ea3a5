/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-json-doc.h"
#include "clab-json-reader.h"
#include "clab-result-io-private.h"
#include "clab-result-io.h"
#include "clab-stats.h"

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
      run = _clab_result_read_run (reader, run_object, mode_result->mode, result);
      if (run == NULL)
        return FALSE;
      g_ptr_array_add (mode_result->runs, run);
      clab_json_reader_pop (reader, mark);
    }
  return TRUE;
}

/* Defaults for the fields of ClabStats that files of the first design lack. */
static void
derive_stats_defaults (ClabResult     *result,
                       ClabModeResult *mode_result)
{
  ClabStats *stats = &mode_result->stats;

  for (guint i = 0; i < mode_result->runs->len; i++)
    {
      const ClabRun *run = g_ptr_array_index (mode_result->runs, i);

      if (!clab_stats_run_counts (result, run))
        continue;
      stats->n_runs++;
      stats->failures += clab_run_count_failures (run);
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

  derive_stats_defaults (result, mode_result);
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

/* "system.python", written only by runs on the Python runtime. */
static gboolean
read_python (Reader              *reader,
             const ClabJsonValue *system,
             ClabPythonInfo      *info)
{
  const ClabJsonValue *object = clab_json_value_get_member (system, "python");
  const char *version = NULL, *implementation = NULL, *executable = NULL, *method = NULL;
  gsize mark;

  if (object == NULL || object->type == CLAB_JSON_NULL)
    return TRUE;
  if (!(object = clab_json_reader_object (reader, system, "python")))
    return FALSE;
  mark = clab_json_reader_push (reader, "python", -1);
  if (!clab_json_reader_string (reader, object, "version", REQUIRED, &version)
      || !clab_json_reader_string (reader, object, "implementation", NULLABLE, &implementation)
      || !clab_json_reader_string (reader, object, "executable", NULLABLE, &executable)
      || !clab_json_reader_boolean (reader, object, "gil_enabled", &info->gil_enabled)
      || !clab_json_reader_string (reader, object, "start_method", NULLABLE, &method))
    return FALSE;
  clab_json_reader_pop (reader, mark);
  info->version = g_strdup (version);
  info->implementation = g_strdup (implementation);
  info->executable = g_strdup (executable);
  info->start_method = g_strdup (method);
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
      || !clab_json_reader_string (reader, object, "hostname", NULLABLE, &hostname)
      || !read_python (reader, object, &info.python))
    {
      clab_python_info_clear (&info.python);
      return FALSE;
    }
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
         && clab_json_reader_uint (reader, object, "n_runs", OPTIONAL, &point->n_runs)
         && clab_json_reader_double (reader, object, "mean_s", NULLABLE, &point->mean_s)
         && clab_json_reader_double (reader, object, "stddev_s", NULLABLE, &point->stddev_s)
         && clab_json_reader_double (reader, object, "speedup", NULLABLE, &point->speedup)
         && clab_json_reader_double (reader, object, "speedup_err", OPTIONAL, &point->speedup_err)
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
      ClabSweepPoint point = { .speedup_err = NAN };

      if (object == NULL || !read_sweep_point (reader, object, &point))
        return FALSE;
      g_array_append_val (points, point);
      clab_json_reader_pop (reader, mark);
    }
  return TRUE;
}

/* Files written before the verdict was recorded have none: it is judged when asked for. */
static gboolean
read_verdict (Reader              *reader,
              const ClabJsonValue *root,
              ClabResult          *result)
{
  const ClabJsonValue *verdict = NULL;
  const char *reason = NULL;
  gboolean conclusive = FALSE;
  gsize mark;

  verdict = clab_json_value_get_member (root, "verdict");
  if (verdict == NULL || verdict->type == CLAB_JSON_NULL)
    return TRUE;
  verdict = clab_json_reader_object (reader, root, "verdict");
  if (verdict == NULL)
    return FALSE;
  mark = clab_json_reader_push (reader, "verdict", -1);
  if (!clab_json_reader_boolean (reader, verdict, "conclusive", &conclusive)
      || !clab_json_reader_string (reader, verdict, "reason", NULLABLE, &reason))
    return FALSE;
  clab_json_reader_pop (reader, mark);
  /* A verdict that does not say whether it ranks anything is judged again. */
  if (clab_json_value_get_member (verdict, "conclusive") != NULL)
    clab_result_set_recorded_verdict (result, conclusive, reason);
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
                   _("it has no “schema”."));
      return FALSE;
    }

  if (!g_str_equal (schema->string, CLAB_RESULT_SCHEMA))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("it is of the format “%s”, and this version reads only “%s”."),
                   schema->string, CLAB_RESULT_SCHEMA);
      return FALSE;
    }
  return TRUE;
}

static ClabPlan *
read_plan (const ClabJsonValue *root,
           GError             **error)
{
  const ClabJsonValue *value = clab_json_value_get_member (root, "plan");
  g_autoptr(GError) local_error = NULL;
  ClabPlan *plan;

  if (value == NULL || value->type != CLAB_JSON_OBJECT)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("plan is missing or not an object."));
      return NULL;
    }

  plan = clab_plan_new_from_value (value, &local_error);
  if (plan == NULL)
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                 _("its plan is not valid: %s"),
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
      || !read_amdahl (reader, root, result)
      || !read_verdict (reader, root, result))
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
                   _("it is not a JSON object."));
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
