/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "clab-types.h"

G_BEGIN_DECLS

/* Reads the whole regular file @path, of at most @max_bytes, NUL-terminated. A device, a
 * FIFO, a folder or a larger file is refused before it is read, with a CLAB_ERROR of
 * @code; a file that cannot be opened gives a G_IO_ERROR (G_IO_ERROR_NOT_FOUND if absent). */
gboolean clab_file_read_bounded (const char  *path,
                                 gsize        max_bytes,
                                 ClabError    code,
                                 char       **contents,
                                 gsize       *length,
                                 GError     **error);

G_END_DECLS
