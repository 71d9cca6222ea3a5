/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The one writer of every file the lab writes: a temporary file beside the destination,
 * fsync, rename, fsync of the folder. A failure leaves the old file as it was and no
 * temporary file behind, also when SIGINT, SIGTERM or SIGHUP ends the process mid-write.
 * A symbolic link is written through (the link stays, its target is replaced); devices,
 * pipes, sockets and folders are refused.
 */

/* A file being written; only valid inside a ClabAtomicFileFunc. */
typedef struct _ClabAtomicFile ClabAtomicFile;

/* Writes the contents with clab_atomic_file_write(); returns FALSE with @error set to stop. */
typedef gboolean (*ClabAtomicFileFunc) (ClabAtomicFile  *file,
                                        gpointer         user_data,
                                        GError         **error);

/* Appends @length bytes of @data; a failure is a sentence naming the destination. */
gboolean clab_atomic_file_write          (ClabAtomicFile      *file,
                                          const void          *data,
                                          gsize                length,
                                          GError             **error);
/* Replaces @path with what @func writes, or leaves it untouched on any failure. */
gboolean clab_atomic_file_replace_with   (const char          *path,
                                          ClabAtomicFileFunc   func,
                                          gpointer             user_data,
                                          GError             **error);
/* Replaces @path with @length bytes of @data, or leaves it untouched on any failure. */
gboolean clab_atomic_file_replace        (const char          *path,
                                          const void          *data,
                                          gsize                length,
                                          GError             **error);
/* As clab_atomic_file_replace() for a local @file; a remote one goes through GIO. */
gboolean clab_atomic_file_replace_gfile  (GFile               *file,
                                          const void          *data,
                                          gsize                length,
                                          GError             **error);
/* Whether @path could be written: no special file at or behind it, its folder exists. */
gboolean clab_atomic_file_check_target   (const char          *path,
                                          GError             **error);
/* Whether @basename is the name of one of the writer's temporary files. */
gboolean clab_atomic_file_is_temporary   (const char          *basename);
/* Removes temporary files older than @max_age from @directory (left by a killed process). */
guint    clab_atomic_file_remove_stale   (const char          *directory,
                                          GTimeSpan            max_age);

G_END_DECLS
