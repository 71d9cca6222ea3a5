/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-atomic-file.h"
#include "clab-core-resources.h"
#include "clab-file-read.h"
#include "clab-json-writer.h"
#include "clab-plan.h"
#include "clab-plan-private.h"

/* Plans as JSON, plan files and the built-in presets; reading is in clab-plan-reader.c. */

#define PRESETS_PATH "/io/github/concurrencylab/ConcurrencyLab/presets/"

/* Members that are NULL are left out, so a plan without them reads as it was written. */
static void
write_optional_string (ClabJsonWriter *w,
                       const char     *key,
                       const char     *value)
{
  if (value != NULL)
    clab_json_writer_member_string (w, key, value);
}

static void
write_size (ClabJsonWriter *w,
            double          size)
{
  clab_json_writer_key (w, "size");
  /* Whole sizes stay whole ("size": 2) so that plan files read as people write them. */
  if (isfinite (size) && size == floor (size) && fabs (size) < 1e15)
    clab_json_writer_int (w, (gint64) size);
  else
    clab_json_writer_double (w, size);
}

static void
write_modes (ClabJsonWriter *w,
             ClabPlan       *self)
{
  const ClabMode *modes;
  guint n_modes;

  modes = clab_plan_get_modes (self, &n_modes);
  clab_json_writer_key (w, "modes");
  clab_json_writer_begin (w, '[', FALSE);
  for (guint i = 0; i < n_modes; i++)
    {
      clab_json_writer_element (w);
      clab_json_writer_string (w, clab_mode_to_string (modes[i]));
    }
  clab_json_writer_end (w, ']');
}

static void
write_sweep (ClabJsonWriter *w,
             ClabPlan       *self)
{
  const guint *workers;
  guint n_workers;

  workers = clab_plan_get_sweep_workers (self, &n_workers);
  if (n_workers == 0)
    return;
  clab_json_writer_key (w, "sweep_workers");
  clab_json_writer_begin (w, '[', FALSE);
  for (guint i = 0; i < n_workers; i++)
    {
      clab_json_writer_element (w);
      clab_json_writer_int (w, workers[i]);
    }
  clab_json_writer_end (w, ']');
}

void
clab_plan_write_json (ClabPlan       *self,
                      ClabJsonWriter *w,
                      gboolean        multiline)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  g_return_if_fail (w != NULL);

  clab_json_writer_begin (w, '{', multiline);
  write_optional_string (w, "name", clab_plan_get_name (self));
  write_optional_string (w, "title", clab_plan_get_title (self));
  write_optional_string (w, "description", clab_plan_get_description (self));
  clab_json_writer_member_string (w, "workload",
                                  clab_workload_kind_to_string (clab_plan_get_workload (self)));
  write_size (w, clab_plan_get_size (self));
  clab_json_writer_member_int (w, "tasks", clab_plan_get_tasks (self));
  clab_json_writer_member_int (w, "workers", clab_plan_get_workers (self));
  clab_json_writer_member_int (w, "runs", clab_plan_get_runs (self));
  clab_json_writer_member_int (w, "warmup", clab_plan_get_warmup (self));
  write_modes (w, self);
  clab_json_writer_member_string (w, "command", clab_plan_get_command (self));
  clab_json_writer_member_int (w, "sample_interval_ms", clab_plan_get_sample_interval_ms (self));
  /* Only a set limit: plans without one stay as they were. */
  if (clab_plan_get_timeout_s (self) != 0)
    clab_json_writer_member_double (w, "timeout_s", clab_plan_get_timeout_s (self));
  write_sweep (w, self);
  /* Only a chosen folder: plans on the temporary folder stay as they were. */
  write_optional_string (w, "io_folder", clab_plan_get_io_folder (self));
  _clab_plan_python_write_json (self, w);
  clab_json_writer_end (w, '}');
}

char *
clab_plan_to_json_string (ClabPlan *self,
                          gboolean  pretty)
{
  GString *out;
  ClabJsonWriter w;

  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);

  out = g_string_new (NULL);
  clab_json_writer_init (&w, out, pretty);
  clab_plan_write_json (self, &w, TRUE);
  if (pretty)
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

ClabPlan *
clab_plan_load (const char  *path,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!clab_file_read_bounded (path, CLAB_PLAN_MAX_BYTES, CLAB_ERROR_INVALID_PLAN,
                               &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND,
                     _("The plan file “%s” does not exist."), path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  display = g_filename_display_name (path);
  return clab_plan_new_from_data (data, length, display, error);
}

gboolean
clab_plan_save (ClabPlan    *self,
                const char  *path,
                GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CLAB_IS_PLAN (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = clab_plan_to_json_string (self, TRUE);
  return clab_atomic_file_replace (path, text, strlen (text), error);
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

/* The preset @name as its file spells it, untranslated. */
static ClabPlan *
load_preset_original (const char  *name,
                      GError     **error)
{
  g_auto(GStrv) names = clab_plan_list_presets ();
  g_autofree char *path = NULL;
  g_autofree char *list = NULL;
  g_autoptr(GBytes) bytes = NULL;

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
  return clab_plan_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  name, error);
}

ClabPlan *
clab_plan_load_preset (const char  *name,
                       GError     **error)
{
  ClabPlan *plan;

  g_return_val_if_fail (name != NULL, NULL);

  plan = load_preset_original (name, error);
  if (plan == NULL)
    return NULL;
  translate_preset (plan);
  /* The built-in presets' commands are part of the program. */
  clab_plan_set_command_trusted (plan, TRUE);
  return plan;
}

static gpointer
load_originals_once (gpointer data)
{
  g_auto(GStrv) names = clab_plan_list_presets ();
  GPtrArray *originals = g_ptr_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      ClabPlan *original = load_preset_original (names[i], NULL);

      if (original != NULL)
        g_ptr_array_add (originals, original);
    }
  return originals;
}

/* The untranslated built-in preset that @self names, or NULL; kept for the program's life,
 * since every chart and list asks again. A plan without a name still has its preset's
 * title when the command line changed only the size (its default plan) and wrote it in
 * English: that title is the preset's, whoever asks. */
static ClabPlan *
lookup_preset_original (ClabPlan *self)
{
  static GOnce once = G_ONCE_INIT;
  const char *name = clab_plan_get_name (self);
  const char *title = clab_plan_get_title (self);
  GPtrArray *originals = g_once (&once, load_originals_once, NULL);

  for (guint i = 0; i < originals->len; i++)
    {
      ClabPlan *original = g_ptr_array_index (originals, i);

      if (name != NULL ? g_strcmp0 (name, clab_plan_get_name (original)) == 0
                       : g_strcmp0 (title, clab_plan_get_title (original)) == 0)
        return original;
    }
  return NULL;
}

/* @text translated when it is still @original's own words, else as written. */
static const char *
shown_words (const char *text,
             const char *original)
{
  if (text != NULL && original != NULL && g_str_equal (text, original))
    return g_dgettext (GETTEXT_PACKAGE, original);
  return text;
}

const char *
clab_plan_get_shown_title (ClabPlan *self)
{
  ClabPlan *original;

  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);

  original = lookup_preset_original (self);
  return shown_words (clab_plan_get_title (self),
                      original != NULL ? clab_plan_get_title (original) : NULL);
}

const char *
clab_plan_get_shown_description (ClabPlan *self)
{
  ClabPlan *original;

  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);

  original = lookup_preset_original (self);
  return shown_words (clab_plan_get_description (self),
                      original != NULL ? clab_plan_get_description (original) : NULL);
}
