/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-stored-result.h"

#define INFO_GROUP "Result"

G_DEFINE_BOXED_TYPE (ClabStoredResult, clab_stored_result, clab_stored_result_copy,
                     clab_stored_result_free)

ClabStoredResult *
clab_stored_result_copy (const ClabStoredResult *info)
{
  ClabStoredResult *copy = g_new0 (ClabStoredResult, 1);

  copy->id = g_strdup (info->id);
  copy->path = g_strdup (info->path);
  copy->title = g_strdup (info->title);
  copy->name = g_strdup (info->name);
  copy->time = info->time ? g_date_time_ref (info->time) : NULL;
  copy->cancelled = info->cancelled;
  copy->hostname = g_strdup (info->hostname);
  copy->source = g_strdup (info->source);
  return copy;
}

void
clab_stored_result_free (ClabStoredResult *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->path);
  g_free (info->title);
  g_free (info->name);
  g_clear_pointer (&info->time, g_date_time_unref);
  g_free (info->hostname);
  g_free (info->source);
  g_free (info);
}

const char *
clab_stored_result_get_display_name (const ClabStoredResult *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->name != NULL ? info->name : info->title;
}

char *
clab_stored_result_to_key_data (const ClabStoredResult *info,
                                gsize                  *length)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *time = g_date_time_format_iso8601 (info->time);

  g_key_file_set_string (keys, INFO_GROUP, "Title", info->title);
  if (info->name != NULL)
    g_key_file_set_string (keys, INFO_GROUP, "Name", info->name);
  g_key_file_set_string (keys, INFO_GROUP, "Time", time);
  g_key_file_set_boolean (keys, INFO_GROUP, "Cancelled", info->cancelled);
  if (info->hostname != NULL)
    g_key_file_set_string (keys, INFO_GROUP, "Host", info->hostname);
  if (info->source != NULL)
    g_key_file_set_string (keys, INFO_GROUP, "Source", info->source);
  return g_key_file_to_data (keys, length, NULL);
}

/* A value the list can show: one valid UTF-8 string, else none. */
static char *
dup_info_string (GKeyFile   *keys,
                 const char *key)
{
  g_autofree char *value = g_key_file_get_string (keys, INFO_GROUP, key, NULL);

  if (value == NULL || *value == '\0' || !g_utf8_validate (value, -1, NULL))
    return NULL;
  return g_steal_pointer (&value);
}

ClabStoredResult *
clab_stored_result_new_from_key_data (const char  *data,
                                      gsize        length,
                                      GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *time = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(ClabStoredResult) info = NULL;

  if (!g_key_file_load_from_data (keys, data, length, G_KEY_FILE_NONE, error))
    return NULL;
  time = dup_info_string (keys, "Time");
  if (time != NULL)
    parsed = g_date_time_new_from_iso8601 (time, NULL);
  info = g_new0 (ClabStoredResult, 1);
  info->title = dup_info_string (keys, "Title");
  if (parsed == NULL || info->title == NULL)
    {
      g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "no title or time");
      return NULL;
    }
  info->name = dup_info_string (keys, "Name");
  info->time = g_date_time_to_local (parsed);
  info->cancelled = g_key_file_get_boolean (keys, INFO_GROUP, "Cancelled", NULL);
  info->hostname = dup_info_string (keys, "Host");
  info->source = dup_info_string (keys, "Source");
  return g_steal_pointer (&info);
}
