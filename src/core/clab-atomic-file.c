/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clab-atomic-file.h"

/* Hidden, and with a suffix no file chooser or list of results takes for a result. */
#define TEMP_SUFFIX ".clab-tmp"
/* Keeps ".NAME.XXXXXX.clab-tmp" within NAME_MAX (255) for any NAME. */
#define MAX_TEMP_STEM 200
#define MAX_LINK_HOPS 40
#define N_PENDING 16

struct _ClabAtomicFile
{
  const char *path;    /* as the caller named it, for messages */
  int         fd;
};

/* Temporary files being written, for the signal handler to remove: fixed storage, because
 * a handler may not allocate. A slot's path is only read while its flag is set. */
typedef struct
{
  char path[PATH_MAX];
  int  used;
} Pending;

static Pending pending[N_PENDING];
static const int handled_signals[] = { SIGINT, SIGTERM, SIGHUP };
static gboolean installed[G_N_ELEMENTS (handled_signals)];
static guint n_pending;
static GMutex pending_lock;

static gboolean
set_save_error (GError    **error,
                const char *path,
                int         errsv)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Could not save “%s”: %s."), display, g_strerror (errsv));
  return FALSE;
}

static gboolean
set_not_regular_error (GError     **error,
                       const char  *path,
                       mode_t       mode)
{
  g_autofree char *display = g_filename_display_name (path);
  GIOErrorEnum code = S_ISDIR (mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE;

  if (S_ISDIR (mode))
    g_set_error (error, G_IO_ERROR, code, _("“%s” is not a regular file: it is a folder."), display);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error (error, G_IO_ERROR, code, _("“%s” is not a regular file: it is a device."), display);
  else if (S_ISFIFO (mode))
    g_set_error (error, G_IO_ERROR, code, _("“%s” is not a regular file: it is a pipe."), display);
  else if (S_ISSOCK (mode))
    g_set_error (error, G_IO_ERROR, code, _("“%s” is not a regular file: it is a socket."), display);
  else
    g_set_error (error, G_IO_ERROR, code, _("“%s” is not a regular file."), display);
  return FALSE;
}

/* Signals */

static void
remove_pending_cb (int signum)
{
  for (guint i = 0; i < N_PENDING; i++)
    if (g_atomic_int_get (&pending[i].used))
      unlink (pending[i].path);
  /* Then die of the signal as if this handler had never been there. */
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Only where the signal would kill the process: an ignored signal stays ignored, and
 * someone else's handler keeps the process alive, so the write ends and cleans up itself. */
static void
install_handlers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (handled_signals); i++)
    {
      struct sigaction current, action = { 0 };

      sigaction (handled_signals[i], NULL, &current);
      installed[i] = !(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_DFL;
      if (!installed[i])
        continue;
      action.sa_handler = remove_pending_cb;
      sigemptyset (&action.sa_mask);
      sigaction (handled_signals[i], &action, NULL);
    }
}

static void
restore_handlers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (handled_signals); i++)
    {
      struct sigaction current, action = { 0 };

      sigaction (handled_signals[i], NULL, &current);
      if (!installed[i] || current.sa_handler != remove_pending_cb)
        continue;
      action.sa_handler = SIG_DFL;
      sigemptyset (&action.sa_mask);
      sigaction (handled_signals[i], &action, NULL);
    }
}

/* Takes a slot for @template, which mkstemp then fills in place: the file is known to the
 * handler from the moment it exists. -1 when all slots are taken (the write goes on). */
static int
pending_add (const char *template)
{
  int slot = -1;

  if (strlen (template) >= PATH_MAX)
    return -1;
  g_mutex_lock (&pending_lock);
  for (int i = 0; i < N_PENDING && slot < 0; i++)
    if (!g_atomic_int_get (&pending[i].used))
      slot = i;
  if (slot >= 0)
    {
      strcpy (pending[slot].path, template);
      g_atomic_int_set (&pending[slot].used, 1);
      if (n_pending++ == 0)
        install_handlers ();
    }
  g_mutex_unlock (&pending_lock);
  return slot;
}

static void
pending_remove (int slot)
{
  if (slot < 0)
    return;
  g_mutex_lock (&pending_lock);
  g_atomic_int_set (&pending[slot].used, 0);
  if (--n_pending == 0)
    restore_handlers ();
  g_mutex_unlock (&pending_lock);
}

/* Where to write */

static char *
read_link (const char *path)
{
  g_autofree char *folder = NULL;
  char target[PATH_MAX];
  ssize_t length = readlink (path, target, sizeof target - 1);

  if (length < 0)
    return NULL;
  target[length] = '\0';
  if (g_path_is_absolute (target))
    return g_strdup (target);
  folder = g_path_get_dirname (path);
  return g_build_filename (folder, target, NULL);
}

/* Follows symbolic links to the file they name, which need not exist (a dangling link). */
static char *
follow_links (const char  *path,
              GStatBuf    *st,
              gboolean    *exists,
              GError     **error)
{
  g_autofree char *target = g_strdup (path);

  for (guint hops = 0; g_lstat (target, st) == 0 && S_ISLNK (st->st_mode); hops++)
    {
      char *next = hops < MAX_LINK_HOPS ? read_link (target) : NULL;

      if (next == NULL)
        {
          set_save_error (error, path, hops < MAX_LINK_HOPS ? errno : ELOOP);
          return NULL;
        }
      g_free (target);
      target = next;
    }
  *exists = g_lstat (target, st) == 0;
  if (!*exists && errno != ENOENT)
    set_save_error (error, path, errno);
  else if (*exists && !S_ISREG (st->st_mode))
    set_not_regular_error (error, path, st->st_mode);
  else
    return g_steal_pointer (&target);
  return NULL;
}

/* The absolute path to replace for @path, with the old file's status in @old if it exists. */
static char *
resolve_target (const char  *path,
                GStatBuf    *old,
                gboolean    *exists,
                GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *real_folder = NULL;
  g_autofree char *base = NULL;
  GStatBuf st;

  /* Whatever the links lead to, even a /proc/self/fd link to a pipe that names no file. */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      set_not_regular_error (error, path, st.st_mode);
      return NULL;
    }
  target = follow_links (path, old, exists, error);
  if (target == NULL)
    return NULL;
  folder = g_path_get_dirname (target);
  real_folder = realpath (folder, NULL);
  if (real_folder == NULL)
    {
      set_save_error (error, path, errno);
      return NULL;
    }
  base = g_path_get_basename (target);
  return g_build_filename (real_folder, base, NULL);
}

/* Writing */

static char *
temp_template (const char *target)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);

  if (strlen (base) > MAX_TEMP_STEM)
    base[MAX_TEMP_STEM] = '\0';
  return g_strdup_printf ("%s/.%s.XXXXXX" TEMP_SUFFIX, folder, base);
}

gboolean
clab_atomic_file_write (ClabAtomicFile  *file,
                        const void      *data,
                        gsize            length,
                        GError         **error)
{
  const char *p = data;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  while (length > 0)
    {
      gssize written = write (file->fd, p, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return set_save_error (error, file->path, written < 0 ? errno : ENOSPC);
      p += written;
      length -= written;
    }
  return TRUE;
}

/* A replaced file keeps its permissions and, where allowed (root), its owner. */
static gboolean
keep_mode (ClabAtomicFile  *file,
           const GStatBuf  *old,
           GError         **error)
{
  if (fchown (file->fd, old->st_uid, old->st_gid) != 0)
    g_debug ("Could not keep the owner of “%s”: %s", file->path, g_strerror (errno));
  if (fchmod (file->fd, old->st_mode & 07777) != 0)
    return set_save_error (error, file->path, errno);
  return TRUE;
}

static gboolean
call_writer (ClabAtomicFile      *file,
             ClabAtomicFileFunc   func,
             gpointer             user_data,
             GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  if (func (file, user_data, &local_error))
    return TRUE;
  if (local_error == NULL)
    return set_save_error (error, file->path, EIO);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The data must be on disk before the rename, or a crash could leave neither version;
 * a file system that cannot sync at all (EINVAL) has nothing better to offer. */
static gboolean
sync_and_close (ClabAtomicFile  *file,
                GError         **error)
{
  int fd = file->fd;

  file->fd = -1;
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      int errsv = errno;

      close (fd);
      return set_save_error (error, file->path, errsv);
    }
  if (close (fd) != 0)
    return set_save_error (error, file->path, errno);
  return TRUE;
}

/* Makes the rename itself durable; some file systems cannot sync a folder, which is fine. */
static void
sync_folder (const char *target)
{
  g_autofree char *folder = g_path_get_dirname (target);
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  if (fsync (fd) != 0)
    g_debug ("Could not sync the folder “%s”: %s", folder, g_strerror (errno));
  close (fd);
}

static gboolean
write_target (const char          *path,
              const char          *target,
              const GStatBuf      *old,
              ClabAtomicFileFunc   func,
              gpointer             user_data,
              GError             **error)
{
  g_autofree char *template = temp_template (target);
  int slot = pending_add (template);
  char *tmp_path = slot >= 0 ? pending[slot].path : template;
  ClabAtomicFile file = { path, -1 };
  gboolean ok;

  file.fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (file.fd < 0)
    {
      int errsv = errno;

      pending_remove (slot);
      return set_save_error (error, path, errsv);
    }
  ok = (old == NULL || keep_mode (&file, old, error))
       && call_writer (&file, func, user_data, error)
       && sync_and_close (&file, error);
  if (ok && g_rename (tmp_path, target) != 0)
    ok = set_save_error (error, path, errno);
  if (!ok)
    {
      if (file.fd >= 0)
        close (file.fd);
      g_unlink (tmp_path);
    }
  pending_remove (slot);
  if (ok)
    {
      sync_folder (target);
      g_debug ("Wrote “%s”", target);
    }
  return ok;
}

gboolean
clab_atomic_file_replace_with (const char          *path,
                               ClabAtomicFileFunc   func,
                               gpointer             user_data,
                               GError             **error)
{
  g_autofree char *target = NULL;
  GStatBuf old;
  gboolean exists = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = resolve_target (path, &old, &exists, error);
  if (target == NULL)
    return FALSE;
  return write_target (path, target, exists ? &old : NULL, func, user_data, error);
}

typedef struct
{
  const void *data;
  gsize       length;
} Contents;

static gboolean
write_contents_cb (ClabAtomicFile  *file,
                   gpointer         user_data,
                   GError         **error)
{
  const Contents *contents = user_data;

  return clab_atomic_file_write (file, contents->data, contents->length, error);
}

gboolean
clab_atomic_file_replace (const char  *path,
                          const void  *data,
                          gsize        length,
                          GError     **error)
{
  Contents contents = { data, length };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  return clab_atomic_file_replace_with (path, write_contents_cb, &contents, error);
}

gboolean
clab_atomic_file_replace_gfile (GFile       *file,
                                const void  *data,
                                gsize        length,
                                GError     **error)
{
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* A document portal's file has a local path (a FUSE mount) and takes the same road. */
  path = g_file_peek_path (file);
  if (path != NULL)
    return clab_atomic_file_replace (path, data, length, error);
  /* A remote location has no folder of ours to rename in: GIO replaces it as best it can. */
  return g_file_replace_contents (file, data, length, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

gboolean
clab_atomic_file_check_target (const char  *path,
                               GError     **error)
{
  g_autofree char *target = NULL;
  GStatBuf old;
  gboolean exists;

  g_return_val_if_fail (path != NULL, FALSE);

  target = resolve_target (path, &old, &exists, error);
  return target != NULL;
}

/* Stale temporary files */

gboolean
clab_atomic_file_is_temporary (const char *basename)
{
  g_return_val_if_fail (basename != NULL, FALSE);

  return basename[0] == '.' && g_str_has_suffix (basename, TEMP_SUFFIX);
}

guint
clab_atomic_file_remove_stale (const char *directory,
                               GTimeSpan   max_age)
{
  g_autoptr(GDir) dir = NULL;
  gint64 now = g_get_real_time ();
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (directory != NULL, 0);

  dir = g_dir_open (directory, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!clab_atomic_file_is_temporary (name))
        continue;
      path = g_build_filename (directory, name, NULL);
      /* A write in progress touches its file; only one left alone for long is stale. */
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode)
          || now - (gint64) st.st_mtime * G_USEC_PER_SEC < max_age)
        continue;
      if (g_unlink (path) == 0)
        {
          g_debug ("Removed the stale temporary file “%s”", path);
          removed++;
        }
    }
  return removed;
}
