/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small /proc files read without GIO: cheap enough for a sampler's every tick, and
 * close-on-exec for the spawns that race it. The text ends in a NUL; both return the
 * number of bytes read, or -1. */
gssize clab_proc_read_text   (const char *path,
                              char       *buf,
                              gsize       size);
/* A /proc file kept open writes its text afresh on every read from offset 0. */
gssize clab_proc_reread_text (int         fd,
                              char       *buf,
                              gsize       size);

/* The parent of process @pid, 0 where it is gone or /proc does not say. */
GPid   clab_proc_read_ppid   (GPid        pid);

G_END_DECLS
