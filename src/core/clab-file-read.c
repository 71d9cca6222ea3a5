/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "clab-file-read.h"

#define CHUNK (64 * 1024)

static gboolean
too_large (const char  *path,
           gsize        max_bytes,
           ClabError    code,
           GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *limit = g_format_size_full (max_bytes, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, CLAB_ERROR, code,
               _("“%s” is larger than %s, the most this kind of file may hold."), display, limit);
  return FALSE;
}

static gboolean
errno_error (const char  *path,
             int          saved_errno,
             GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not read “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

/* Straight into @data, which is sized for the file already: a result of tens of MiB is not
 * copied twice. /proc files say they are empty and still hold data: the loop, not st_size,
 * bounds it. */
static gboolean
read_all (int          fd,
          const char  *path,
          gsize        max_bytes,
          ClabError    code,
          GString     *data,
          GError     **error)
{
  for (;;)
    {
      gsize length = data->len;
      gssize n;

      if (data->allocated_len - length <= 1)
        {
          g_string_set_size (data, length + CHUNK);
          g_string_truncate (data, length);
        }
      n = read (fd, data->str + length, data->allocated_len - length - 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return errno_error (path, errno, error);
      if (n == 0)
        return TRUE;
      if ((gsize) n > max_bytes - length)
        return too_large (path, max_bytes, code, error);
      g_string_set_size (data, length + n);
    }
}

gboolean
clab_file_read_bounded (const char  *path,
                        gsize        max_bytes,
                        ClabError    code,
                        char       **contents,
                        gsize       *length,
                        GError     **error)
{
  g_autoptr(GString) data = NULL;
  g_autofree char *display = NULL;
  struct stat st;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);

  /* O_NONBLOCK: opening a FIFO must not wait for a writer before fstat() can refuse it. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    return errno_error (path, errno, error);
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      return errno_error (path, saved, error);
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      display = g_filename_display_name (path);
      g_set_error (error, CLAB_ERROR, code,
                   _("“%s” is not a regular file, so it is not read."), display);
      return FALSE;
    }
  if (st.st_size < 0 || (guint64) st.st_size > max_bytes)
    {
      close (fd);
      return too_large (path, max_bytes, code, error);
    }
  data = g_string_sized_new ((gsize) st.st_size + 1);
  ok = read_all (fd, path, max_bytes, code, data, error);
  close (fd);
  if (!ok)
    return FALSE;
  if (length != NULL)
    *length = data->len;
  *contents = g_string_free (g_steal_pointer (&data), FALSE);
  return TRUE;
}
