/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The interpreter as a process: started in a process group of its own that dies with the
 * thread that started it, waited for with a bound, and ended with everything it started. */

/* Starts @argv with @flags (@stderr_fd, when ≥ 0, as its stderr; @tmpdir, when not NULL,
 * as its TMPDIR); a sentence on failure. */
GSubprocess *clab_python_spawn            (const char * const  *argv,
                                           GSubprocessFlags     flags,
                                           int                  stderr_fd,
                                           const char          *tmpdir,
                                           GError             **error);
/* The pid of @proc, which also names its process group; 0 once it was reaped. */
GPid         clab_python_proc_pid         (GSubprocess         *proc);
/* Kills the process group @pgid, if there is one. */
void         clab_python_kill_group       (GPid                 pgid);
/* Runs @context until @done or @timeout_ms pass; returns @done. */
gboolean     clab_python_iterate_until    (GMainContext        *context,
                                           gboolean            *done,
                                           guint                timeout_ms);
/* Waits up to @grace_ms for @proc to exit, ends its group @pgid and reaps it. */
void         clab_python_end_interpreter  (GSubprocess         *proc,
                                           GPid                 pgid,
                                           guint                grace_ms);
/* A temporary folder for interpreters, or NULL (they then use the inherited one). */
char        *clab_python_scratch_new      (void);
/* Removes what @folder holds (and @folder itself when @remove_folder); NULL: nothing. */
void         clab_python_scratch_clear    (const char          *folder,
                                           gboolean             remove_folder);
/* The last non-empty line written to the file @fd (the interpreter's stderr), or NULL. */
char        *clab_python_stderr_last_line (int                  fd);

G_END_DECLS
