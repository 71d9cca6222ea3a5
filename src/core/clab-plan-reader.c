/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-json-reader.h"
#include "clab-plan.h"
#include "clab-plan-private.h"

/* Plans from JSON text (plan files, presets, the "plan" of a result file, the plan sent to
 * the engine) through the project's own depth-limited parser: json-glib recurses without a
 * limit and overflows the stack on a deeply nested file. */

typedef gboolean (*FieldReader) (const ClabJsonValue  *value,
                                 const char           *key,
                                 const char           *property,
                                 ClabPlan             *plan,
                                 GError              **error);

static gboolean
field_error (const char  *key,
             const char  *expected,
             GError     **error)
{
  /* Translators: %s is a JSON key, the second a description such as “a whole number” */
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The plan field “%s” must be %s."), key, expected);
  return FALSE;
}

static gboolean
value_get_uint (const ClabJsonValue *value,
                guint               *out)
{
  double d;

  /* 3.0 is as whole as 3: some writers emit every number as a double. */
  if (!clab_json_value_get_number (value, &d) || d < 0 || d > G_MAXUINT || d != floor (d))
    return FALSE;
  *out = (guint) d;
  return TRUE;
}

static gboolean
read_uint (const ClabJsonValue  *value,
           const char           *key,
           const char           *property,
           ClabPlan             *plan,
           GError              **error)
{
  guint n;

  if (!value_get_uint (value, &n))
    return field_error (key, _("a whole number of 0 or more"), error);
  g_object_set (plan, property, n, NULL);
  return TRUE;
}

static gboolean
read_number (const ClabJsonValue  *value,
             const char           *key,
             const char           *property,
             ClabPlan             *plan,
             GError              **error)
{
  double d;

  if (!clab_json_value_get_number (value, &d))
    return field_error (key, _("a number"), error);
  g_object_set (plan, property, d, NULL);
  return TRUE;
}

static gboolean
read_string (const ClabJsonValue  *value,
             const char           *key,
             const char           *property,
             ClabPlan             *plan,
             GError              **error)
{
  if (value->type == CLAB_JSON_NULL)
    g_object_set (plan, property, NULL, NULL);
  else if (value->type == CLAB_JSON_STRING)
    g_object_set (plan, property, value->string, NULL);
  else
    return field_error (key, _("a string"), error);
  return TRUE;
}

static gboolean
read_workload (const ClabJsonValue  *value,
               const char           *key,
               const char           *property,
               ClabPlan             *plan,
               GError              **error)
{
  g_autoptr(GString) valid = g_string_new (NULL);
  ClabWorkloadKind kind;

  if (value->type != CLAB_JSON_STRING)
    return field_error (key, _("a string"), error);
  if (clab_workload_kind_from_string (value->string, &kind))
    {
      clab_plan_set_workload (plan, kind);
      return TRUE;
    }
  for (kind = 0; kind < CLAB_N_WORKLOADS; kind++)
    g_string_append_printf (valid, "%s%s", kind > 0 ? ", " : "", clab_workload_kind_to_string (kind));
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("Unknown workload “%s”. Workloads: %s."), value->string, valid->str);
  return FALSE;
}

static gboolean
read_workers (const ClabJsonValue  *value,
              const char           *key,
              const char           *property,
              ClabPlan             *plan,
              GError              **error)
{
  const char *text = value->type == CLAB_JSON_STRING ? value->string : NULL;
  guint workers;

  if (value_get_uint (value, &workers))
    clab_plan_set_workers (plan, workers);
  else if (g_strcmp0 (text, "cpus") == 0)
    clab_plan_set_workers (plan, 0);
  else if (g_strcmp0 (text, "cpus-1") == 0)
    clab_plan_set_workers (plan, MAX (1, g_get_num_processors () - 1));
  /* The article's Pool: cpu_count() - 1, but two at least, so that a pool is a pool. */
  else if (g_strcmp0 (text, "cpus-1-min-2") == 0)
    clab_plan_set_workers (plan, MAX (2, g_get_num_processors () - 1));
  else
    return field_error (key, _("a whole number, “cpus”, “cpus-1” or “cpus-1-min-2”"), error);
  return TRUE;
}

static gboolean
read_modes (const ClabJsonValue  *value,
            const char           *key,
            const char           *property,
            ClabPlan             *plan,
            GError              **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  g_autofree char *joined = NULL;

  if (value->type != CLAB_JSON_ARRAY)
    return field_error (key, _("a list of mode names"), error);
  for (guint i = 0; i < value->length; i++)
    {
      const ClabJsonValue *element = &value->children[i];

      /* The list is parsed as "a,b": a name must not smuggle in a second one. */
      if (element->type != CLAB_JSON_STRING || *element->string == '\0'
          || strchr (element->string, ',') != NULL)
        return field_error (key, _("a list of mode names"), error);
      g_strv_builder_add (names, element->string);
    }
  list = g_strv_builder_end (names);
  joined = g_strjoinv (",", list);
  return clab_plan_parse_modes (plan, joined, error);
}

static gboolean
read_sweep (const ClabJsonValue  *value,
            const char           *key,
            const char           *property,
            ClabPlan             *plan,
            GError              **error)
{
  g_autoptr(GArray) workers = g_array_new (FALSE, FALSE, sizeof (guint));

  if (value->type == CLAB_JSON_NULL)
    return TRUE;
  if (value->type != CLAB_JSON_ARRAY)
    return field_error (key, _("a list of whole numbers"), error);
  for (guint i = 0; i < value->length; i++)
    {
      guint n;

      if (!value_get_uint (&value->children[i], &n))
        return field_error (key, _("a list of whole numbers"), error);
      g_array_append_val (workers, n);
    }
  clab_plan_set_sweep_workers (plan, (const guint *) (gpointer) workers->data, workers->len);
  return TRUE;
}

/* Every field of a plan, read in this order; an absent one keeps the default. A new field
 * is one line here (and one in clab_plan_write_json). */
static const struct
{
  const char  *key;
  const char  *property;   /* the ClabPlan property the generic readers set */
  FieldReader  read;
} plan_fields[] = {
  { "name", "name", read_string },
  { "title", "title", read_string },
  { "description", "description", read_string },
  { "workload", NULL, read_workload },
  { "size", "size", read_number },
  { "tasks", "tasks", read_uint },
  { "workers", NULL, read_workers },
  { "runs", "runs", read_uint },
  { "warmup", "warmup", read_uint },
  { "modes", NULL, read_modes },
  { "command", "command", read_string },
  { "sample_interval_ms", "sample-interval-ms", read_uint },
  { "timeout_s", "timeout-s", read_number },
  { "sweep_workers", NULL, read_sweep },
  { "io_folder", "io-folder", read_string },
};

static const ClabJsonValue *
find_plan_object (const ClabJsonValue  *value,
                  GError              **error)
{
  const ClabJsonValue *inner;

  if (value == NULL || value->type != CLAB_JSON_OBJECT)
    {
      g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                           _("A plan must be a JSON object."));
      return NULL;
    }
  /* A whole result file is a plan too: the plan it was run with. */
  inner = clab_json_value_get_member (value, "plan");
  if (inner != NULL && clab_json_value_get_member (value, "schema") != NULL)
    return find_plan_object (inner, error);
  return value;
}

ClabPlan *
clab_plan_new_from_value (const ClabJsonValue  *value,
                          GError              **error)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  const ClabJsonValue *object;

  if (!(object = find_plan_object (value, error)))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (plan_fields); i++)
    {
      const ClabJsonValue *member = clab_json_value_get_member (object, plan_fields[i].key);

      if (member != NULL
          && !plan_fields[i].read (member, plan_fields[i].key, plan_fields[i].property, plan, error))
        return NULL;
    }
  if (!_clab_plan_python_read (plan, object, error))
    return NULL;
  /* A command read from a file runs only once someone who can see it says so. */
  clab_plan_set_command_trusted (plan, clab_plan_get_command (plan) == NULL);
  return g_steal_pointer (&plan);
}

ClabPlan *
clab_plan_new_from_data (const char  *data,
                         gsize        length,
                         const char  *display_name,
                         GError     **error)
{
  g_autoptr(ClabJsonDoc) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *limit = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (length > CLAB_PLAN_MAX_BYTES)
    {
      limit = g_format_size_full (CLAB_PLAN_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   _("The plan “%s” is larger than %s, the most a plan may hold."),
                   display_name, limit);
      return NULL;
    }
  doc = clab_json_doc_parse (data, length, &local_error);
  if (doc == NULL)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   /* Translators: the second %s is e.g. "it ends in the middle (line 3)" */
                   _("“%s” is not a Concurrency Lab plan: %s."),
                   display_name, local_error->message);
      return NULL;
    }
  return clab_plan_new_from_value (clab_json_doc_get_root (doc), error);
}
