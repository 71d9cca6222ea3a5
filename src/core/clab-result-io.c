/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-atomic-file.h"
#include "clab-file-read.h"
#include "clab-json-doc.h"
#include "clab-result-io-private.h"
#include "clab-result-io.h"
#include "clab-verdict.h"

/*
 * The JSON writer. It prints straight into a GString: a result can hold
 * hundreds of thousands of tasks and samples, and a json-glib tree of them
 * costs more than a second to build and print. Pretty output puts every task
 * and sample on a line of its own. clab_result_new_from_json() reads it back.
 */

#define MAX_DEPTH 32

typedef struct
{
  GString  *out;
  gboolean  pretty;
  guint     depth;
  gboolean  empty[MAX_DEPTH];       /* nothing written yet in the open container */
  gboolean  multiline[MAX_DEPTH];   /* one member or element per line */
} Writer;

static void
begin (Writer  *w,
       char     bracket,
       gboolean multiline)
{
  g_assert (w->depth + 1 < MAX_DEPTH);

  g_string_append_c (w->out, bracket);
  w->depth++;
  w->empty[w->depth] = TRUE;
  w->multiline[w->depth] = multiline && w->pretty;
}

static void
newline (Writer *w,
         guint   depth)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

static void
end (Writer *w,
     char    bracket)
{
  if (w->multiline[w->depth] && !w->empty[w->depth])
    newline (w, w->depth - 1);
  w->depth--;
  g_string_append_c (w->out, bracket);
}

/* Starts a member or an element of the open container. */
static void
separate (Writer *w)
{
  gboolean empty = w->empty[w->depth];

  if (!empty)
    g_string_append_c (w->out, ',');
  w->empty[w->depth] = FALSE;

  if (w->multiline[w->depth])
    newline (w, w->depth);
  else if (w->pretty && !empty)
    g_string_append_c (w->out, ' ');
}

static void
append_string (GString    *out,
               const char *str)
{
  g_autofree char *valid = NULL;

  if (str == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* Nine decimals where they fit: nanoseconds for times, far finer than the
 * sampler's ticks for percentages; and much faster than printf ("%.17g"). */
static gboolean
append_fixed (GString *out,
              double   value)
{
  char buf[32];
  char *p = buf + sizeof buf;
  double magnitude = fabs (value);
  gint64 scaled;
  gint64 whole;
  gint64 fraction;
  int digits = 9;

  if (value != 0 && (magnitude < 1e-3 || magnitude >= 1e9))
    return FALSE;

  scaled = llround (magnitude * 1e9);
  whole = scaled / 1000000000;
  fraction = scaled % 1000000000;

  *--p = '\0';
  while (digits > 0 && fraction % 10 == 0)
    {
      fraction /= 10;
      digits--;
    }
  if (digits > 0)
    {
      for (int i = 0; i < digits; i++, fraction /= 10)
        *--p = '0' + fraction % 10;
      *--p = '.';
    }
  do
    *--p = '0' + whole % 10;
  while ((whole /= 10) > 0);
  if (value < 0 && scaled != 0)
    *--p = '-';

  g_string_append (out, p);
  return TRUE;
}

/* Null where undefined: JSON has no NaN. Readers agree to about 1e-9 either way. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    g_string_append (out, "null");
  else if (!append_fixed (out, value))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf,
                                           fabs (value) < 1 ? "%.10g" : "%.17g", value));
}

static void
key (Writer     *w,
     const char *name)
{
  separate (w);
  append_string (w->out, name);
  g_string_append (w->out, w->pretty ? ": " : ":");
}

static void
member_double (Writer     *w,
               const char *name,
               double      value)
{
  key (w, name);
  append_double (w->out, value);
}

static void
member_int (Writer     *w,
            const char *name,
            gint64      value)
{
  key (w, name);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

static void
member_string (Writer     *w,
               const char *name,
               const char *value)
{
  key (w, name);
  append_string (w->out, value);
}

static void
member_boolean (Writer     *w,
                const char *name,
                gboolean    value)
{
  key (w, name);
  g_string_append (w->out, value ? "true" : "false");
}

/* Any parsed JSON on one line; used for the plan, which has its own writer. */
static void
write_value (Writer              *w,
             const ClabJsonValue *value)
{
  switch (value->type)
    {
    case CLAB_JSON_BOOLEAN:
      g_string_append (w->out, value->boolean ? "true" : "false");
      break;
    case CLAB_JSON_INT:
      g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value->integer);
      break;
    case CLAB_JSON_DOUBLE:
      append_double (w->out, value->number);
      break;
    case CLAB_JSON_STRING:
      append_string (w->out, value->string);
      break;
    case CLAB_JSON_ARRAY:
    case CLAB_JSON_OBJECT:
      begin (w, value->type == CLAB_JSON_ARRAY ? '[' : '{', FALSE);
      for (guint i = 0; i < value->length; i++)
        {
          if (value->type == CLAB_JSON_OBJECT)
            key (w, value->children[i].key);
          else
            separate (w);
          write_value (w, &value->children[i]);
        }
      end (w, value->type == CLAB_JSON_ARRAY ? ']' : '}');
      break;
    case CLAB_JSON_NULL:
    default:
      g_string_append (w->out, "null");
    }
}

static void
write_plan (Writer   *w,
            ClabPlan *plan)
{
  g_autoptr(JsonNode) node = clab_plan_to_json (plan);
  g_autoptr(ClabJsonDoc) doc = clab_json_doc_new_from_node (node, NULL);

  key (w, "plan");
  if (doc != NULL)
    write_value (w, clab_json_doc_get_root (doc));
  else
    g_string_append (w->out, "null");
}

static void
write_system (Writer               *w,
              const ClabSystemInfo *info)
{
  key (w, "system");
  begin (w, '{', FALSE);
  member_int (w, "cpus", info->cpus);
  member_string (w, "kernel", info->kernel);
  member_string (w, "cpu_model", info->cpu_model);
  member_string (w, "hostname", info->hostname);
  end (w, '}');
}

static void
write_stats (Writer          *w,
             const ClabStats *stats)
{
  key (w, "stats");
  begin (w, '{', FALSE);
  member_double (w, "mean_s", stats->mean_s);
  member_double (w, "stddev_s", stats->stddev_s);
  member_double (w, "median_s", stats->median_s);
  member_double (w, "min_s", stats->min_s);
  member_double (w, "max_s", stats->max_s);
  member_double (w, "speedup", stats->speedup);
  member_double (w, "speedup_err", stats->speedup_err);
  member_double (w, "efficiency", stats->efficiency);
  member_double (w, "cpu_pct", stats->cpu_pct);
  member_int (w, "peak_rss_kib", stats->peak_rss_kib);
  member_int (w, "failures", stats->failures);
  member_int (w, "n_runs", stats->n_runs);
  end (w, '}');
}

static void
write_task (Writer         *w,
            const ClabTask *task)
{
  char checksum[17];

  g_snprintf (checksum, sizeof checksum, "%016" G_GINT64_MODIFIER "x", task->checksum);

  separate (w);
  begin (w, '{', FALSE);
  member_int (w, "index", task->index);
  member_int (w, "worker", task->worker);
  if (!isnan (task->submit_s))
    member_double (w, "submit_s", task->submit_s);
  member_double (w, "start_s", task->start_s);
  member_double (w, "end_s", task->end_s);
  member_double (w, "cpu_s", task->cpu_s);
  member_string (w, "status", clab_task_status_to_string (task->status));
  member_string (w, "checksum", checksum);
  if (task->reason != NULL)
    member_string (w, "reason", task->reason);
  end (w, '}');
}

static void
write_sample (Writer        *w,
              const ClabRun *run,
              guint          i)
{
  const ClabSample *sample = &g_array_index (run->samples, ClabSample, i);

  separate (w);
  begin (w, '{', FALSE);
  member_double (w, "t_s", sample->t_s);
  member_double (w, "cpu_pct", sample->cpu_pct);
  key (w, "per_cpu_pct");
  begin (w, '[', FALSE);
  for (guint cpu = 0; cpu < run->n_cpus; cpu++)
    {
      guint k = i * run->n_cpus + cpu;
      double pct = k < run->per_cpu_pct->len ? g_array_index (run->per_cpu_pct, double, k) : NAN;

      separate (w);
      append_double (w->out, pct);
    }
  end (w, ']');
  member_double (w, "user_pct", sample->user_pct);
  member_double (w, "system_pct", sample->system_pct);
  member_double (w, "iowait_pct", sample->iowait_pct);
  member_double (w, "run_pct", sample->run_pct);
  member_double (w, "rss_kib", sample->rss_kib);
  end (w, '}');
}

static void
write_run (Writer        *w,
           const ClabRun *run)
{
  separate (w);
  begin (w, '{', TRUE);
  member_double (w, "elapsed_s", run->elapsed_s);
  member_double (w, "cpu_user_s", run->cpu_user_s);
  member_double (w, "cpu_system_s", run->cpu_system_s);
  member_int (w, "peak_rss_kib", run->peak_rss_kib);
  member_double (w, "ideal_s", run->ideal_s);
  member_double (w, "overhead_s", run->overhead_s);
  member_int (w, "voluntary_switches", run->voluntary_switches);
  member_int (w, "involuntary_switches", run->involuntary_switches);
  member_int (w, "workers", run->workers);
  member_boolean (w, "cancelled", run->cancelled);
  member_boolean (w, "warmup", run->warmup);
  member_int (w, "n_cpus", run->n_cpus);

  key (w, "tasks");
  begin (w, '[', TRUE);
  for (guint i = 0; i < run->tasks->len; i++)
    write_task (w, &g_array_index (run->tasks, ClabTask, i));
  end (w, ']');

  key (w, "samples");
  begin (w, '[', TRUE);
  for (guint i = 0; i < run->samples->len; i++)
    write_sample (w, run, i);
  end (w, ']');
  end (w, '}');
}

static void
write_modes (Writer     *w,
             ClabResult *result)
{
  key (w, "modes");
  begin (w, '[', TRUE);
  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      const ClabModeResult *mode_result = clab_result_get_mode (result, m);

      separate (w);
      begin (w, '{', TRUE);
      member_string (w, "mode", clab_mode_to_string (mode_result->mode));
      write_stats (w, &mode_result->stats);
      key (w, "runs");
      begin (w, '[', TRUE);
      for (guint r = 0; r < mode_result->runs->len; r++)
        write_run (w, g_ptr_array_index (mode_result->runs, r));
      end (w, ']');
      end (w, '}');
    }
  end (w, ']');
}

static void
write_warnings (Writer     *w,
                ClabResult *result)
{
  const GPtrArray *warnings = clab_result_get_warnings (result);

  key (w, "warnings");
  begin (w, '[', TRUE);
  for (guint i = 0; i < warnings->len; i++)
    {
      separate (w);
      append_string (w->out, g_ptr_array_index (warnings, i));
    }
  end (w, ']');
}

static void
write_sweep (Writer     *w,
             ClabResult *result)
{
  GArray *sweep = clab_result_get_sweep (result);

  key (w, "sweep");
  begin (w, '[', TRUE);
  for (guint i = 0; i < sweep->len; i++)
    {
      const ClabSweepPoint *point = &g_array_index (sweep, ClabSweepPoint, i);

      separate (w);
      begin (w, '{', FALSE);
      member_string (w, "mode", clab_mode_to_string (point->mode));
      member_int (w, "workers", point->workers);
      member_int (w, "n_runs", point->n_runs);
      member_double (w, "mean_s", point->mean_s);
      member_double (w, "stddev_s", point->stddev_s);
      member_double (w, "speedup", point->speedup);
      member_double (w, "speedup_err", point->speedup_err);
      member_double (w, "karp_flatt", point->karp_flatt);
      end (w, '}');
    }
  end (w, ']');
}

/* The verdict as judged when the file was written, so that a reader need not judge again. */
static void
write_verdict (Writer     *w,
               ClabResult *result)
{
  g_autofree char *text = clab_result_dup_verdict (result);
  g_autofree char *reason = clab_verdict_dup_reason (result);

  key (w, "verdict");
  begin (w, '{', FALSE);
  member_string (w, "text", text);
  member_boolean (w, "conclusive", reason == NULL);
  member_string (w, "reason", reason);
  end (w, '}');
}

static void
write_amdahl (Writer     *w,
              ClabResult *result)
{
  key (w, "amdahl");
  begin (w, '{', FALSE);
  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    {
      double fraction = clab_result_get_amdahl_serial (result, mode);

      if (isfinite (fraction))
        member_double (w, clab_mode_to_string (mode), fraction);
    }
  end (w, '}');
}

char *
clab_result_to_json_string (ClabResult *result,
                            gboolean    pretty)
{
  Writer w = { 0 };

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  w.out = g_string_new (NULL);
  w.pretty = pretty;

  begin (&w, '{', TRUE);
  member_string (&w, "schema", CLAB_RESULT_SCHEMA);
  write_plan (&w, clab_result_get_plan (result));
  write_system (&w, clab_result_get_system (result));
  write_modes (&w, result);
  write_verdict (&w, result);
  write_warnings (&w, result);
  member_boolean (&w, "cancelled", clab_result_get_cancelled (result));
  write_sweep (&w, result);
  write_amdahl (&w, result);
  end (&w, '}');
  if (pretty)
    g_string_append_c (w.out, '\n');

  return g_string_free (w.out, FALSE);
}

JsonNode *
clab_result_to_json (ClabResult *result)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  text = clab_result_to_json_string (result, FALSE);
  return json_from_string (text, NULL);
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

ClabResult *
clab_result_load (const char *path,
                  GError    **error)
{
  g_autoptr(ClabJsonDoc) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  ClabResult *result;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!clab_file_read_bounded (path, CLAB_RESULT_MAX_BYTES, CLAB_ERROR_INVALID_RESULT,
                               &contents, &length, error))
    return NULL;

  display = g_filename_display_name (path);
  doc = clab_json_doc_parse (contents, length, &local_error);
  if (doc == NULL)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("Could not load “%s”: it is not valid JSON (%s)."),
                   display, local_error->message);
      return NULL;
    }

  result = clab_result_new_from_doc (clab_json_doc_get_root (doc), error);
  if (result == NULL)
    g_prefix_error (error, _("Could not load “%s”: "), display);

  return result;
}
