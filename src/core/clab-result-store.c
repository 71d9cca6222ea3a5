/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "clab-atomic-file.h"
#include "clab-format.h"
#include "clab-result-io.h"
#include "clab-result-store-private.h"

#define DELETED_DIR   ".deleted"
#define MAX_SLUG      40
#define MAX_NAME      200
#define COPY_CHUNK    (256 * 1024)

G_DEFINE_FINAL_TYPE (ClabResultStore, clab_result_store, G_TYPE_OBJECT)
char *
clab_result_store_dup_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "concurrency-lab", "results", NULL);
}

const char *
clab_result_store_get_directory (ClabResultStore *self)
{
  g_return_val_if_fail (CLAB_IS_RESULT_STORE (self), NULL);
  return self->directory;
}

char *
_clab_result_store_dup_file (const char *directory,
                             const char *id,
                             const char *suffix)
{
  g_autofree char *basename = g_strconcat (id, suffix, NULL);

  return g_build_filename (directory, basename, NULL);
}

static char *
dup_deleted_dir (ClabResultStore *self)
{
  return g_build_filename (self->directory, DELETED_DIR, NULL);
}

/* An ID is one path component of safe characters: never "..", never a slash. */
gboolean
_clab_result_store_check_id (const char  *id,
                             GError     **error)
{
  if (id != NULL && *id != '\0' && *id != '.' && strlen (id) <= 128 &&
      strspn (id, "abcdefghijklmnopqrstuvwxyz0123456789-_.") == strlen (id))
    return TRUE;
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND, _("There is no kept result “%s”."),
               id ? id : "");
  return FALSE;
}

/* What a result of @plan runs, from its workload and tasks. */
char *
clab_result_store_describe_plan (ClabPlan *plan)
{
  guint n = clab_plan_get_tasks (plan);
  g_auto(GStrv) argv = NULL;
  g_autofree char *program = NULL;
  g_autofree char *shown = NULL;

  switch (clab_plan_get_workload (plan))
    {
    case CLAB_WORKLOAD_SLEEP:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sleeping task", "%u sleeping tasks", n), n);
    case CLAB_WORKLOAD_CPU:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u CPU-bound task", "%u CPU-bound tasks", n), n);
    case CLAB_WORKLOAD_LOCK:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task sharing a lock",
                                           "%u tasks sharing a lock", n), n);
    case CLAB_WORKLOAD_IO:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file I/O task", "%u file I/O tasks", n), n);
    case CLAB_WORKLOAD_MEMORY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u memory-bound task",
                                           "%u memory-bound tasks", n), n);
    case CLAB_WORKLOAD_COMMAND:
      argv = clab_plan_dup_command_argv (plan, NULL);
      if (argv == NULL || argv[0] == NULL)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u command", "%u commands", n), n);
      program = g_path_get_basename (argv[0]);
      shown = clab_format_escape_controls (program);
      /* TRANSLATORS: a result's title: how many times a command ran, and its program */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run of %s", "%u runs of %s", n), n, shown);
    case CLAB_N_WORKLOADS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Lower-case letters, digits and single dashes, from a preset name or a file name. */
static char *
make_slug (const char *text)
{
  GString *slug = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0' && slug->len < MAX_SLUG; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "result");
  return g_string_free (slug, FALSE);
}

static gboolean
id_taken (ClabResultStore *self,
          const char      *id)
{
  g_autofree char *deleted = dup_deleted_dir (self);
  const char *dirs[] = { self->directory, deleted };
  const char *suffixes[] = { RESULT_SUFFIX, INFO_SUFFIX };

  if (g_hash_table_contains (self->reserved, id))
    return TRUE;
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
      {
        g_autofree char *path = _clab_result_store_dup_file (dirs[d], id, suffixes[s]);

        if (g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
          return TRUE;
      }
  return FALSE;
}

/* The time first, so that the files sort as the list does; the plan or the file after it. */
static char *
reserve_id (ClabResultStore *self,
            GDateTime       *time,
            const char      *hint)
{
  g_autofree char *stamp = g_date_time_format (time, "%Y-%m-%d-%H%M%S");
  g_autofree char *slug = make_slug (hint);
  g_autofree char *base = g_strdup_printf ("%s-%s", stamp, slug);
  char *id = g_strdup (base);

  g_mutex_lock (&self->mutex);
  for (guint n = 2; id_taken (self, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_add (self->reserved, g_strdup (id));
  g_mutex_unlock (&self->mutex);
  return id;
}

ClabStoredResult *
clab_result_store_prepare (ClabResultStore *self,
                           ClabResult      *result,
                           const char      *title,
                           GDateTime       *time,
                           const char      *source)
{
  ClabPlan *plan;
  const ClabSystemInfo *system;
  ClabStoredResult *info;
  g_autofree char *source_name = NULL;
  const char *plan_title;

  g_return_val_if_fail (CLAB_IS_RESULT_STORE (self), NULL);
  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (time != NULL, NULL);

  plan = clab_result_get_plan (result);
  system = clab_result_get_system (result);
  plan_title = clab_plan_get_shown_title (plan);
  if (source != NULL)
    {
      source_name = g_path_get_basename (source);
      if (g_str_has_suffix (source_name, RESULT_SUFFIX))
        source_name[strlen (source_name) - strlen (RESULT_SUFFIX)] = '\0';
    }

  info = g_new0 (ClabStoredResult, 1);
  info->id = reserve_id (self, time, source_name ? source_name
                                     : clab_plan_get_name (plan) ? clab_plan_get_name (plan)
                                     : clab_workload_kind_to_string (clab_plan_get_workload (plan)));
  info->path = _clab_result_store_dup_file (self->directory, info->id, RESULT_SUFFIX);
  if (title != NULL && *title != '\0')
    info->title = g_strdup (title);
  else if (plan_title != NULL && *plan_title != '\0')
    info->title = g_strdup (plan_title);
  else
    info->title = clab_result_store_describe_plan (plan);
  info->time = g_date_time_ref (time);
  info->cancelled = clab_result_get_cancelled (result);
  info->hostname = system->hostname && *system->hostname ? g_strdup (system->hostname) : NULL;
  info->source = g_strdup (source);
  return info;
}

gboolean
_clab_result_store_write_info (const char              *directory,
                               const ClabStoredResult  *info,
                               GError                 **error)
{
  g_autofree char *path = _clab_result_store_dup_file (directory, info->id, INFO_SUFFIX);
  gsize length;
  g_autofree char *data = clab_stored_result_to_key_data (info, &length);

  return clab_atomic_file_replace (path, data, length, error);
}

typedef struct
{
  int fd;
} CopySource;

/* Streams the opened file as it is: a file from a newer version keeps what this one skips. */
static gboolean
copy_contents (ClabAtomicFile  *file,
               gpointer         user_data,
               GError         **error)
{
  CopySource *source = user_data;
  g_autofree char *buffer = g_malloc (COPY_CHUNK);
  gssize n;

  while ((n = read (source->fd, buffer, COPY_CHUNK)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read the opened file: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      if (!clab_atomic_file_write (file, buffer, n, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
copy_source (const char  *source,
             const char  *path,
             GError     **error)
{
  CopySource copy = { g_open (source, O_RDONLY | O_CLOEXEC, 0) };
  gboolean ok;

  if (copy.fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s", g_strerror (saved_errno));
      return FALSE;
    }
  ok = clab_atomic_file_replace_with (path, copy_contents, &copy, error);
  close (copy.fd);
  return ok;
}

static gboolean
write_result (const ClabStoredResult  *info,
              ClabResult              *result,
              GError                 **error)
{
  g_autoptr(GError) copy_error = NULL;

  if (info->source != NULL && g_file_test (info->source, G_FILE_TEST_IS_REGULAR))
    {
      if (copy_source (info->source, info->path, &copy_error))
        return TRUE;
      g_debug ("Writing the opened result afresh: %s", copy_error->message);
    }
  return clab_result_save_json (result, info->path, error);
}

gboolean
clab_result_store_add (ClabResultStore         *self,
                       const ClabStoredResult  *info,
                       ClabResult              *result,
                       GError                 **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT_STORE (self), FALSE);
  g_return_val_if_fail (info != NULL && CLAB_IS_RESULT (result), FALSE);

  if (!_clab_result_store_check_id (info->id, error))
    return FALSE;
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the folder “%s”: %s"), self->directory, g_strerror (saved_errno));
      return FALSE;
    }
  if (!write_result (info, result, error))
    return FALSE;
  if (!_clab_result_store_write_info (self->directory, info, error))
    {
      /* Without its info the result would still be listed, under the plan's title. */
      g_unlink (info->path);
      return FALSE;
    }
  g_debug ("Kept the result %s", info->path);
  return TRUE;
}

gboolean
_clab_result_store_is_result_file (const char *basename)
{
  return *basename != '.' && g_str_has_suffix (basename, RESULT_SUFFIX) &&
         !clab_atomic_file_is_temporary (basename);
}

/* One line of text: a name is shown in a list row and written in a key file. */
static char *
clean_name (const char *name)
{
  g_autofree char *valid = NULL;
  char *clean;

  if (name == NULL)
    return NULL;
  valid = g_utf8_make_valid (name, -1);
  for (char *p = valid; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  clean = g_strstrip (g_strdup (valid));
  if (g_utf8_strlen (clean, -1) > MAX_NAME)
    *g_utf8_offset_to_pointer (clean, MAX_NAME) = '\0';
  if (*clean == '\0')
    g_clear_pointer (&clean, g_free);
  return clean;
}

gboolean
clab_result_store_rename (ClabResultStore  *self,
                          const char       *id,
                          const char       *name,
                          GError          **error)
{
  g_autoptr(ClabStoredResult) info = NULL;
  g_autoptr(GError) info_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT_STORE (self), FALSE);

  if (!_clab_result_store_check_id (id, error))
    return FALSE;
  path = _clab_result_store_dup_file (self->directory, id, RESULT_SUFFIX);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND, _("The result file “%s” is gone."), path);
      return FALSE;
    }
  info = _clab_result_store_read_info (self, self->directory, id, &info_error);
  if (info == NULL && (info = _clab_result_store_info_from_result (self, id, error)) == NULL)
    return FALSE;
  g_free (info->name);
  info->name = clean_name (name);
  return _clab_result_store_write_info (self->directory, info, error);
}

static gboolean
move_file (const char  *from,
           const char  *to,
           GError     **error)
{
  int saved_errno;

  if (g_rename (from, to) == 0)
    return TRUE;
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not move “%s”: %s"), from, g_strerror (saved_errno));
  return FALSE;
}

/* Moves the result and its info (when it has one) between two folders, both or neither. */
static gboolean
move_entry (const char  *from_dir,
            const char  *to_dir,
            const char  *id,
            GError     **error)
{
  g_autofree char *result_from = _clab_result_store_dup_file (from_dir, id, RESULT_SUFFIX);
  g_autofree char *result_to = _clab_result_store_dup_file (to_dir, id, RESULT_SUFFIX);
  g_autofree char *info_from = _clab_result_store_dup_file (from_dir, id, INFO_SUFFIX);
  g_autofree char *info_to = _clab_result_store_dup_file (to_dir, id, INFO_SUFFIX);

  if (!g_file_test (result_from, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND, _("The result file “%s” is gone."), result_from);
      return FALSE;
    }
  if (g_file_test (result_to, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Another result is kept as “%s”."), result_to);
      return FALSE;
    }
  if (g_mkdir_with_parents (to_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the folder “%s”: %s"), to_dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (!move_file (result_from, result_to, error))
    return FALSE;
  if (g_file_test (info_from, G_FILE_TEST_EXISTS) && !move_file (info_from, info_to, error))
    {
      g_rename (result_to, result_from);
      return FALSE;
    }
  return TRUE;
}

gboolean
clab_result_store_delete (ClabResultStore  *self,
                          const char       *id,
                          GError          **error)
{
  g_autofree char *deleted = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT_STORE (self), FALSE);

  if (!_clab_result_store_check_id (id, error))
    return FALSE;
  deleted = dup_deleted_dir (self);
  return move_entry (self->directory, deleted, id, error);
}

gboolean
clab_result_store_restore (ClabResultStore  *self,
                           const char       *id,
                           GError          **error)
{
  g_autofree char *deleted = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT_STORE (self), FALSE);

  if (!_clab_result_store_check_id (id, error))
    return FALSE;
  deleted = dup_deleted_dir (self);
  return move_entry (deleted, self->directory, id, error);
}

guint
clab_result_store_purge (ClabResultStore *self)
{
  g_autofree char *deleted = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *basename;
  guint removed = 0;

  g_return_val_if_fail (CLAB_IS_RESULT_STORE (self), 0);

  deleted = dup_deleted_dir (self);
  dir = g_dir_open (deleted, 0, NULL);
  while (dir != NULL && (basename = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (deleted, basename, NULL);

      if (g_unlink (path) == 0 && g_str_has_suffix (basename, RESULT_SUFFIX))
        removed++;
    }
  return removed;
}

char *
clab_result_store_dup_id_for_path (ClabResultStore *self,
                                   const char      *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT_STORE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  parent = g_file_get_parent (file);
  directory = g_file_new_for_path (self->directory);
  basename = g_file_get_basename (file);
  if (parent == NULL || !g_file_equal (parent, directory)
      || !_clab_result_store_is_result_file (basename))
    return NULL;
  id = g_strndup (basename, strlen (basename) - strlen (RESULT_SUFFIX));
  return _clab_result_store_check_id (id, NULL) ? g_steal_pointer (&id) : NULL;
}

ClabResultStore *
clab_result_store_new (const char *directory)
{
  ClabResultStore *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (CLAB_TYPE_RESULT_STORE, NULL);
  self->directory = g_strdup (directory);
  return self;
}

static void
clab_result_store_finalize (GObject *object)
{
  ClabResultStore *self = CLAB_RESULT_STORE (object);

  /* Every queued call holds the store, so the queue is empty by now; the last reference
   * may have gone on the queue's own thread, which must not wait for itself. */
  g_thread_pool_free (self->queue, FALSE, g_thread_self () != self->queue_thread);
  g_free (self->directory);
  g_hash_table_unref (self->reserved);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (clab_result_store_parent_class)->finalize (object);
}

static void
clab_result_store_class_init (ClabResultStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clab_result_store_finalize;
}

static void
clab_result_store_init (ClabResultStore *self)
{
  g_mutex_init (&self->mutex);
  self->reserved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->queue = g_thread_pool_new (_clab_result_store_run_queued, self, 1, FALSE, NULL);
}
