/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-json-doc.h"
#include "clab-json-reader.h"
#include "clab-result-io-private.h"
#include "clab-sched.h"

/* The validating reader of one run of a result file: its measures, tasks and samples;
 * companion of clab-result-reader.c. */

typedef ClabJsonReader Reader;

#define REQUIRED CLAB_FIELD_REQUIRED
#define NULLABLE CLAB_FIELD_NULLABLE
#define OPTIONAL CLAB_FIELD_OPTIONAL

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

/* Where a task ran and how its worker thread spent it; older files say nothing of it. */
static gboolean
read_task_sched (Reader              *reader,
                 const ClabJsonValue *object,
                 ClabTask            *task)
{
  task->on_cpu_s = task->runnable_s = task->blocked_s = NAN;
  if (!clab_json_reader_int (reader, object, "pid", OPTIONAL, 0, G_MAXINT64, &task->pid)
      || !clab_json_reader_int (reader, object, "tid", OPTIONAL, 0, G_MAXINT64, &task->tid)
      || !clab_json_reader_double (reader, object, "on_cpu_s", OPTIONAL, &task->on_cpu_s)
      || !clab_json_reader_double (reader, object, "runnable_s", OPTIONAL, &task->runnable_s)
      || !clab_json_reader_double (reader, object, "blocked_s", OPTIONAL, &task->blocked_s))
    return FALSE;
  task->sched_known = isfinite (task->on_cpu_s) && isfinite (task->runnable_s)
                      && isfinite (task->blocked_s);
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
      || !clab_json_reader_string (reader, object, "reason", OPTIONAL, &reason)
      || !read_task_sched (reader, object, task))
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
      /* Two counts, each with its own plural. */
      g_autofree char *values = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value",
                                                              "%u values", array->length),
                                                 array->length);

      /* TRANSLATORS: "modes[0].runs[1].per_cpu_pct has 3 values where the run has 2 CPUs." */
      g_set_error (reader->error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s.per_cpu_pct has %s where the run has %u CPU.",
                                "%s.per_cpu_pct has %s where the run has %u CPUs.", run->n_cpus),
                   reader->path->str, values, run->n_cpus);
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
  sample->user_pct = sample->system_pct = sample->rss_kib = sample->workers_on_cpu = NAN;

  return clab_json_reader_double (reader, object, "t_s", REQUIRED, &sample->t_s)
         && clab_json_reader_double (reader, object, "cpu_pct", NULLABLE, &sample->cpu_pct)
         && read_per_cpu (reader, object, run)
         && clab_json_reader_double (reader, object, "user_pct", OPTIONAL, &sample->user_pct)
         && clab_json_reader_double (reader, object, "system_pct", OPTIONAL, &sample->system_pct)
         && clab_json_reader_double (reader, object, "iowait_pct", NULLABLE, &sample->iowait_pct)
         && clab_json_reader_double (reader, object, "run_pct", NULLABLE, &sample->run_pct)
         && clab_json_reader_double (reader, object, "rss_kib", OPTIONAL, &sample->rss_kib)
         && clab_json_reader_double (reader, object, "workers_on_cpu", OPTIONAL,
                                     &sample->workers_on_cpu);
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

/* A lane's points: [t_s, on_cpu_s, runnable_s] each. */
static gboolean
read_sched_points (Reader              *reader,
                   const ClabJsonValue *array,
                   ClabSchedLane       *lane)
{
  for (guint k = 0; k < array->length; k++)
    {
      const ClabJsonValue *point = &array->children[k];
      ClabSchedPoint p;

      if (point->type != CLAB_JSON_ARRAY || point->length != 3)
        return clab_json_reader_fail (reader, "points", CLAB_JSON_PROBLEM_ARRAY);
      if (!clab_json_value_get_number (&point->children[0], &p.t_s)
          || !clab_json_value_get_number (&point->children[1], &p.on_cpu_s)
          || !clab_json_value_get_number (&point->children[2], &p.runnable_s))
        return clab_json_reader_fail (reader, "points", CLAB_JSON_PROBLEM_NUMBER);
      g_array_append_val (lane->points, p);
    }
  return TRUE;
}

static gboolean
read_sched_lane (Reader              *reader,
                 const ClabJsonValue *object,
                 ClabRun             *run)
{
  const ClabJsonValue *points = NULL;
  gint64 pid = 0, tid = 0;
  double t0_s = NAN;
  ClabSchedLane *lane;

  if (!clab_json_reader_int (reader, object, "pid", REQUIRED, 0, G_MAXINT64, &pid)
      || !clab_json_reader_int (reader, object, "tid", REQUIRED, 1, G_MAXINT64, &tid)
      || !clab_json_reader_double (reader, object, "t0_s", REQUIRED, &t0_s)
      || !clab_json_reader_array (reader, object, "points", REQUIRED, &points))
    return FALSE;
  lane = clab_sched_lane_new (pid, tid, t0_s);
  g_ptr_array_add (run->sched_lanes, lane);
  return read_sched_points (reader, points, lane);
}

/* The worker threads' series, in newer files only. */
static gboolean
read_sched_lanes (Reader              *reader,
                  const ClabJsonValue *object,
                  ClabRun             *run)
{
  const ClabJsonValue *array = NULL;

  if (!clab_json_reader_array (reader, object, "sched_lanes", OPTIONAL, &array))
    return FALSE;
  for (guint i = 0; array != NULL && i < array->length; i++)
    {
      gsize mark = clab_json_reader_push (reader, "sched_lanes", i);
      const ClabJsonValue *lane = clab_json_reader_element (reader, array, i);

      if (lane == NULL || !read_sched_lane (reader, lane, run))
        return FALSE;
      clab_json_reader_pop (reader, mark);
    }
  clab_run_sort_sched_lanes (run);
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

ClabRun *
_clab_result_read_run (Reader              *reader,
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
      || !read_samples (reader, samples, run)
      || !read_sched_lanes (reader, object, run))
    return NULL;

  return g_steal_pointer (&run);
}

