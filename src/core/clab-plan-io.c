/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-core-resources.h"
#include "clab-plan.h"

/* Plans as JSON ("plan" of a result file), plan files and the built-in presets. */

#define PRESETS_PATH "/io/github/concurrencylab/ConcurrencyLab/presets/"

static void
add_optional_string (JsonBuilder *builder,
                     const char  *key,
                     const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

static void
add_size (JsonBuilder *builder,
          double       size)
{
  json_builder_set_member_name (builder, "size");
  /* Whole sizes stay whole ("size": 2) so that plan files read as people write them. */
  if (isfinite (size) && size == floor (size) && fabs (size) < 1e15)
    json_builder_add_int_value (builder, (gint64) size);
  else
    json_builder_add_double_value (builder, size);
}

static void
add_modes (JsonBuilder *builder,
           ClabPlan    *self)
{
  const ClabMode *modes;
  guint n_modes;

  modes = clab_plan_get_modes (self, &n_modes);
  json_builder_set_member_name (builder, "modes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_modes; i++)
    json_builder_add_string_value (builder, clab_mode_to_string (modes[i]));
  json_builder_end_array (builder);
}

static void
add_sweep (JsonBuilder *builder,
           ClabPlan    *self)
{
  const guint *workers;
  guint n_workers;

  workers = clab_plan_get_sweep_workers (self, &n_workers);
  if (n_workers == 0)
    return;
  json_builder_set_member_name (builder, "sweep_workers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_workers; i++)
    json_builder_add_int_value (builder, workers[i]);
  json_builder_end_array (builder);
}

JsonNode *
clab_plan_to_json (ClabPlan *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);

  json_builder_begin_object (builder);
  add_optional_string (builder, "name", clab_plan_get_name (self));
  add_optional_string (builder, "title", clab_plan_get_title (self));
  add_optional_string (builder, "description", clab_plan_get_description (self));
  json_builder_set_member_name (builder, "workload");
  json_builder_add_string_value (builder, clab_workload_kind_to_string (clab_plan_get_workload (self)));
  add_size (builder, clab_plan_get_size (self));
  add_int (builder, "tasks", clab_plan_get_tasks (self));
  add_int (builder, "workers", clab_plan_get_workers (self));
  add_int (builder, "runs", clab_plan_get_runs (self));
  add_int (builder, "warmup", clab_plan_get_warmup (self));
  add_modes (builder, self);
  json_builder_set_member_name (builder, "command");
  if (clab_plan_get_command (self) != NULL)
    json_builder_add_string_value (builder, clab_plan_get_command (self));
  else
    json_builder_add_null_value (builder);
  add_int (builder, "sample_interval_ms", clab_plan_get_sample_interval_ms (self));
  add_sweep (builder, self);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

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

static const char *
node_get_string (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
node_get_uint (JsonNode *node,
               guint    *value)
{
  double d;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    d = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    d = json_node_get_double (node);
  else
    return FALSE;
  /* 3.0 is as whole as 3: some writers emit every number as a double. */
  if (d < 0 || d > G_MAXUINT || d != floor (d))
    return FALSE;
  *value = (guint) d;
  return TRUE;
}

static gboolean
read_uint (JsonObject  *object,
           const char  *key,
           ClabPlan    *plan,
           const char  *property,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  guint value;

  if (node == NULL)
    return TRUE;
  if (!node_get_uint (node, &value))
    return field_error (key, _("a whole number of 0 or more"), error);
  g_object_set (plan, property, value, NULL);
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *key,
             ClabPlan    *plan,
             const char  *property,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node))
    g_object_set (plan, property, NULL, NULL);
  else if (node_get_string (node) != NULL)
    g_object_set (plan, property, node_get_string (node), NULL);
  else
    return field_error (key, _("a string"), error);
  return TRUE;
}

static gboolean
read_size (JsonObject  *object,
           ClabPlan    *plan,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, "size");
  GType type;

  if (node == NULL)
    return TRUE;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return field_error ("size", _("a number"), error);
  clab_plan_set_size (plan, json_node_get_double (node));
  return TRUE;
}

static gboolean
read_workload (JsonObject  *object,
               ClabPlan    *plan,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, "workload");
  g_autoptr(GString) valid = g_string_new (NULL);
  const char *name;
  ClabWorkloadKind kind;

  if (node == NULL)
    return TRUE;
  name = node_get_string (node);
  if (name == NULL)
    return field_error ("workload", _("a string"), error);
  if (clab_workload_kind_from_string (name, &kind))
    {
      clab_plan_set_workload (plan, kind);
      return TRUE;
    }
  for (kind = 0; kind < CLAB_N_WORKLOADS; kind++)
    g_string_append_printf (valid, "%s%s", kind > 0 ? ", " : "", clab_workload_kind_to_string (kind));
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("Unknown workload “%s”. Workloads: %s."), name, valid->str);
  return FALSE;
}

static gboolean
read_workers (JsonObject  *object,
              ClabPlan    *plan,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, "workers");
  const char *text;
  guint workers;

  if (node == NULL)
    return TRUE;
  if (node_get_uint (node, &workers))
    {
      clab_plan_set_workers (plan, workers);
      return TRUE;
    }
  text = node_get_string (node);
  if (g_strcmp0 (text, "cpus") == 0)
    clab_plan_set_workers (plan, 0);
  else if (g_strcmp0 (text, "cpus-1") == 0)
    clab_plan_set_workers (plan, MAX (1, g_get_num_processors () - 1));
  else
    return field_error ("workers", _("a whole number, “cpus” or “cpus-1”"), error);
  return TRUE;
}

static gboolean
read_modes (JsonObject  *object,
            ClabPlan    *plan,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, "modes");
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  g_autofree char *joined = NULL;
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return field_error ("modes", _("a list of mode names"), error);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name = node_get_string (element);

      /* The list is parsed as "a,b": a name must not smuggle in a second one. */
      if (name == NULL || *name == '\0' || strchr (name, ',') != NULL)
        return field_error ("modes", _("a list of mode names"), error);
      g_strv_builder_add (names, name);
    }
  list = g_strv_builder_end (names);
  joined = g_strjoinv (",", list);
  return clab_plan_parse_modes (plan, joined, error);
}

static gboolean
read_sweep (JsonObject  *object,
            ClabPlan    *plan,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, "sweep_workers");
  g_autoptr(GArray) workers = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return field_error ("sweep_workers", _("a list of whole numbers"), error);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      guint value;

      if (!node_get_uint (json_array_get_element (array, i), &value))
        return field_error ("sweep_workers", _("a list of whole numbers"), error);
      g_array_append_val (workers, value);
    }
  clab_plan_set_sweep_workers (plan, (const guint *) (gpointer) workers->data, workers->len);
  return TRUE;
}

static JsonObject *
find_plan_object (JsonNode  *node,
                  GError   **error)
{
  JsonObject *object;
  JsonNode *inner;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                           _("A plan must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  /* A whole result file is a plan too: the plan it was run with. */
  inner = json_object_get_member (object, "plan");
  if (inner != NULL && json_object_has_member (object, "schema"))
    return find_plan_object (inner, error);
  return object;
}

ClabPlan *
clab_plan_new_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  JsonObject *object;

  if (!(object = find_plan_object (node, error)))
    return NULL;

  if (read_string (object, "name", plan, "name", error) &&
      read_string (object, "title", plan, "title", error) &&
      read_string (object, "description", plan, "description", error) &&
      read_workload (object, plan, error) &&
      read_size (object, plan, error) &&
      read_uint (object, "tasks", plan, "tasks", error) &&
      read_workers (object, plan, error) &&
      read_uint (object, "runs", plan, "runs", error) &&
      read_uint (object, "warmup", plan, "warmup", error) &&
      read_modes (object, plan, error) &&
      read_string (object, "command", plan, "command", error) &&
      read_uint (object, "sample_interval_ms", plan, "sample-interval-ms", error) &&
      read_sweep (object, plan, error))
    return g_steal_pointer (&plan);
  return NULL;
}

static ClabPlan *
plan_from_data (const char  *data,
                gssize       length,
                const char  *display_name,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   _("The plan file “%s” is not valid JSON: %s"),
                   display_name, local_error->message);
      return NULL;
    }
  return clab_plan_new_from_json (json_parser_get_root (parser), error);
}

ClabPlan *
clab_plan_load (const char  *path,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND,
                     _("The plan file “%s” does not exist."), path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return plan_from_data (data, (gssize) length, path, error);
}

gboolean
clab_plan_save (ClabPlan    *self,
                const char  *path,
                GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (CLAB_IS_PLAN (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  node = clab_plan_to_json (self);
  text = json_to_string (node, TRUE);
  data = g_strconcat (text, "\n", NULL);
  file = g_file_new_for_path (path);
  /* Written to a temporary file and renamed: a failure leaves the old file whole. */
  return g_file_replace_contents (file, data, strlen (data), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static gpointer
register_resources_once (gpointer data)
{
  /* Static linking drops the resource's constructor unless something else pulled it in. */
  if (!g_resources_get_info (PRESETS_PATH "index.txt", G_RESOURCE_LOOKUP_FLAGS_NONE,
                             NULL, NULL, NULL))
    g_resources_register (clab_core_get_resource ());
  return NULL;
}

static void
ensure_resources (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, register_resources_once, NULL);
}

char **
clab_plan_list_presets (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;

  ensure_resources ();
  bytes = g_resources_lookup_data (PRESETS_PATH "index.txt", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_return_val_if_fail (bytes != NULL, g_new0 (char *, 1));

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (*line != '\0' && *line != '#')
        g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

/* The built-in presets' words are in the catalogue (data/presets/preset-strings.c, made by
 * data/presets/extract-strings.py); a user's own plan files are shown as written. */
static void
translate_preset (ClabPlan *plan)
{
  const char *title = clab_plan_get_title (plan);
  const char *description = clab_plan_get_description (plan);

  if (title != NULL)
    clab_plan_set_title (plan, g_dgettext (GETTEXT_PACKAGE, title));
  if (description != NULL)
    clab_plan_set_description (plan, g_dgettext (GETTEXT_PACKAGE, description));
}

ClabPlan *
clab_plan_load_preset (const char  *name,
                       GError     **error)
{
  g_auto(GStrv) names = clab_plan_list_presets ();
  g_autofree char *path = NULL;
  g_autofree char *list = NULL;
  g_autoptr(GBytes) bytes = NULL;
  ClabPlan *plan;

  g_return_val_if_fail (name != NULL, NULL);

  /* Only listed names: a name like "../x" must not reach the resource lookup. */
  if (!g_strv_contains ((const char * const *) names, name))
    {
      list = g_strjoinv (", ", names);
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND,
                   _("No preset named “%s”. Presets: %s."), name, list);
      return NULL;
    }
  path = g_strconcat (PRESETS_PATH, name, ".json", NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  plan = plan_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), name, error);
  if (plan != NULL)
    translate_preset (plan);
  return plan;
}
