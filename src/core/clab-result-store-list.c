/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "clab-atomic-file.h"
#include "clab-file-read.h"
#include "clab-result-io.h"
#include "clab-result-store-private.h"

/* The store's list: the kept results, newest first, from their small info files (the result
 * itself is read only when its info is missing or damaged), and loading one of them. */

/* A result of a million tasks takes seconds to write; one this old was left by a killed app. */
#define STALE_TEMP_AGE (15 * G_TIME_SPAN_MINUTE)

ClabStoredResult *
_clab_result_store_read_info (ClabResultStore  *self,
                              const char       *directory,
                              const char       *id,
                              GError          **error)
{
  g_autofree char *path = _clab_result_store_dup_file (directory, id, INFO_SUFFIX);
  g_autoptr(ClabStoredResult) info = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* A few hundred bytes: anything much larger is not an info file. */
  if (!clab_file_read_bounded (path, 64 * 1024, CLAB_ERROR_INVALID_RESULT, &contents, &length, error))
    return NULL;
  info = clab_stored_result_new_from_key_data (contents, length, NULL);
  if (info == NULL)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT, _("Its info file “%s” is damaged."), path);
      return NULL;
    }
  info->id = g_strdup (id);
  info->path = _clab_result_store_dup_file (directory, id, RESULT_SUFFIX);
  return g_steal_pointer (&info);
}

/* A result without its info: read it, once, and write the info it lacks. */
ClabStoredResult *
_clab_result_store_info_from_result (ClabResultStore  *self,
                                     const char       *id,
                                     GError          **error)
{
  g_autofree char *path = _clab_result_store_dup_file (self->directory, id, RESULT_SUFFIX);
  g_autoptr(ClabResult) result = clab_result_load (path, error);
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GDateTime) time = NULL;
  ClabStoredResult *info;
  const ClabSystemInfo *system;
  const char *title;
  GStatBuf st;

  if (result == NULL)
    return NULL;
  if (g_stat (path, &st) == 0)
    time = g_date_time_new_from_unix_local (st.st_mtime);
  else
    time = g_date_time_new_now_local ();
  system = clab_result_get_system (result);
  title = clab_plan_get_shown_title (clab_result_get_plan (result));
  info = g_new0 (ClabStoredResult, 1);
  info->id = g_strdup (id);
  info->path = g_steal_pointer (&path);
  info->title = title && *title ? g_strdup (title)
                                : clab_result_store_describe_plan (clab_result_get_plan (result));
  info->time = g_steal_pointer (&time);
  info->cancelled = clab_result_get_cancelled (result);
  info->hostname = system->hostname && *system->hostname ? g_strdup (system->hostname) : NULL;
  if (!_clab_result_store_write_info (self->directory, info, &write_error))
    g_debug ("Could not write the info of %s: %s", id, write_error->message);
  return info;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const ClabStoredResult *x = *(const ClabStoredResult * const *) a;
  const ClabStoredResult *y = *(const ClabStoredResult * const *) b;
  int by_time = g_date_time_compare (y->time, x->time);

  return by_time != 0 ? by_time : g_strcmp0 (y->id, x->id);
}

GPtrArray *
clab_result_store_list (ClabResultStore  *self,
                        GPtrArray        *warnings,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) clab_stored_result_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) dir_error = NULL;
  const char *basename;

  g_return_val_if_fail (CLAB_IS_RESULT_STORE (self), NULL);

  dir = g_dir_open (self->directory, 0, &dir_error);
  if (dir == NULL)
    {
      if (g_error_matches (dir_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&list);
      g_propagate_error (error, g_steal_pointer (&dir_error));
      return NULL;
    }
  clab_atomic_file_remove_stale (self->directory, STALE_TEMP_AGE);
  while ((basename = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autoptr(GError) info_error = NULL;
      g_autoptr(GError) result_error = NULL;
      ClabStoredResult *info;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!_clab_result_store_is_result_file (basename))
        continue;
      id = g_strndup (basename, strlen (basename) - strlen (RESULT_SUFFIX));
      if (!_clab_result_store_check_id (id, NULL))
        continue;
      info = _clab_result_store_read_info (self, self->directory, id, &info_error);
      if (info == NULL)
        info = _clab_result_store_info_from_result (self, id, &result_error);
      if (info == NULL)
        {
          g_autofree char *warning = g_strdup_printf (_("Skipped the result file “%s”: %s"),
                                                      basename, result_error->message);

          if (warnings != NULL)
            g_ptr_array_add (warnings, g_steal_pointer (&warning));
          else
            g_warning ("%s", warning);
          continue;
        }
      g_ptr_array_add (list, info);
    }
  g_ptr_array_sort (list, compare_newest_first);
  return g_steal_pointer (&list);
}

ClabResult *
clab_result_store_load (ClabResultStore  *self,
                        const char       *id,
                        GError          **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT_STORE (self), NULL);

  if (!_clab_result_store_check_id (id, error))
    return NULL;
  path = _clab_result_store_dup_file (self->directory, id, RESULT_SUFFIX);
  return clab_result_load (path, error);
}
