/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clab-line-reader.h"
#include "clab-types.h"

typedef enum
{
  LINE_FOUND,
  LINE_NOT_YET,
  LINE_TOO_LONG,
} LineState;

static LineState
too_long (gsize    max_length,
          GError **error)
{
  g_autofree char *limit = g_format_size_full (max_length, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKER,
               _("A line longer than %s arrived: the program at the other end is broken."),
               limit);
  return LINE_TOO_LONG;
}

/* Takes the first line out of the buffer, or at the end of the stream whatever is left. */
static LineState
take_line (GBufferedInputStream  *stream,
           gsize                  max_length,
           gboolean               at_end,
           char                 **line,
           GError               **error)
{
  gsize available, length;
  const char *buffer = g_buffered_input_stream_peek_buffer (stream, &available);
  const char *newline = memchr (buffer, '\n', available);

  length = newline != NULL ? (gsize) (newline - buffer) : available;
  if (length > max_length)
    return too_long (max_length, error);
  if (newline == NULL && !(at_end && available > 0))
    return LINE_NOT_YET;
  *line = g_strndup (buffer, length);
  /* Served from the buffer: this never blocks. */
  g_input_stream_skip (G_INPUT_STREAM (stream), length + (newline != NULL ? 1 : 0), NULL, NULL);
  return LINE_FOUND;
}

/* A full buffer without a newline grows, up to one byte more than a line may take. */
static void
make_room (GBufferedInputStream *stream,
           gsize                 max_length)
{
  gsize size = g_buffered_input_stream_get_buffer_size (stream);

  if (g_buffered_input_stream_get_available (stream) >= size && size <= max_length)
    g_buffered_input_stream_set_buffer_size (stream, MIN (size * 2, max_length + 1));
}

char *
clab_read_line_bounded (GBufferedInputStream  *stream,
                        gsize                  max_length,
                        GCancellable          *cancellable,
                        GError               **error)
{
  char *line = NULL;

  g_return_val_if_fail (G_IS_BUFFERED_INPUT_STREAM (stream), NULL);

  for (;;)
    {
      gssize n;

      switch (take_line (stream, max_length, FALSE, &line, error))
        {
        case LINE_FOUND:
          return line;
        case LINE_TOO_LONG:
          return NULL;
        case LINE_NOT_YET:
        default:
          break;
        }
      make_room (stream, max_length);
      n = g_buffered_input_stream_fill (stream, -1, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        {
          take_line (stream, max_length, TRUE, &line, error);
          return line;
        }
    }
}

static void read_step (GTask *task);

static void
filled_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *line = NULL;
  gssize n;

  n = g_buffered_input_stream_fill_finish (G_BUFFERED_INPUT_STREAM (source), res, &error);
  if (n < 0)
    g_task_return_error (task, error);
  else if (n > 0)
    read_step (g_steal_pointer (&task));
  else if (take_line (G_BUFFERED_INPUT_STREAM (source), GPOINTER_TO_SIZE (g_task_get_task_data (task)),
                      TRUE, &line, &error) == LINE_TOO_LONG)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, line, g_free);
}

/* Takes over the reference to @task. */
static void
read_step (GTask *task)
{
  GBufferedInputStream *stream = g_task_get_source_object (task);
  gsize max_length = GPOINTER_TO_SIZE (g_task_get_task_data (task));
  GError *error = NULL;
  char *line = NULL;

  switch (take_line (stream, max_length, FALSE, &line, &error))
    {
    case LINE_FOUND:
      g_task_return_pointer (task, line, g_free);
      g_object_unref (task);
      return;
    case LINE_TOO_LONG:
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    case LINE_NOT_YET:
    default:
      make_room (stream, max_length);
      g_buffered_input_stream_fill_async (stream, -1, g_task_get_priority (task),
                                          g_task_get_cancellable (task), filled_cb, task);
    }
}

void
clab_read_line_bounded_async (GBufferedInputStream *stream,
                              gsize                 max_length,
                              int                   io_priority,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (G_IS_BUFFERED_INPUT_STREAM (stream));

  task = g_task_new (stream, cancellable, callback, user_data);
  g_task_set_source_tag (task, clab_read_line_bounded_async);
  g_task_set_priority (task, io_priority);
  g_task_set_task_data (task, GSIZE_TO_POINTER (max_length), NULL);
  read_step (task);
}

char *
clab_read_line_bounded_finish (GBufferedInputStream  *stream,
                               GAsyncResult          *result,
                               GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
