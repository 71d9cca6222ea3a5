/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Line reading with a bound. GDataInputStream grows its buffer until it finds a newline,
 * so a peer that never sends one takes all memory; these stop at @max_length bytes with a
 * CLAB_ERROR_WORKER. A line is returned without its "\n"; at the end of the stream the
 * rest is the last line, and then NULL without an error.
 */

char *clab_read_line_bounded        (GBufferedInputStream  *stream,
                                     gsize                  max_length,
                                     GCancellable          *cancellable,
                                     GError               **error);
void  clab_read_line_bounded_async  (GBufferedInputStream  *stream,
                                     gsize                  max_length,
                                     int                    io_priority,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data);
char *clab_read_line_bounded_finish (GBufferedInputStream  *stream,
                                     GAsyncResult          *result,
                                     GError               **error);

G_END_DECLS
