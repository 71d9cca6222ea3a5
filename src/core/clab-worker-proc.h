/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-worker-protocol.h"

G_BEGIN_DECLS

/* One running concurrency-lab-worker and its two pipes. */
typedef struct _ClabWorkerProc ClabWorkerProc;

/* Descriptors one worker costs its parent: its stdin and stdout pipes and the pidfd GLib
 * watches it with (counted in /proc/self/fd), and the child's ends of the pipes while it
 * starts. */
#define CLAB_WORKER_PROC_FDS 5

/* The environment variable that tells a worker its parent's pid: a worker whose parent is
 * another process has lost the lab that started it, and ends. */
#define CLAB_WORKER_PARENT_ENV "CLAB_WORKER_PARENT"

ClabWorkerProc *clab_worker_proc_spawn  (const char        *const *argv,
                                         GError           **error);
GPid            clab_worker_proc_get_pid (ClabWorkerProc    *self);
/* A task running longer than @limit_s seconds fails with G_IO_ERROR_TIMED_OUT; 0: none. */
void            clab_worker_proc_set_time_limit (ClabWorkerProc *self,
                                                 double          limit_s);
/* @watch is told of the command each task of the worker announces (clab-worker-protocol.h)
 * and, once the task has ended, that it ended. */
void            clab_worker_proc_set_child_watch (ClabWorkerProc   *self,
                                                  ClabCommandWatch  watch,
                                                  gpointer          user_data);
/* Sends "RUN index" and blocks until the worker's answer, the worker's end, cancellation
 * or the time limit. */
gboolean        clab_worker_proc_run    (ClabWorkerProc    *self,
                                         guint              index,
                                         ClabWorkerReport  *report,
                                         GCancellable      *cancellable,
                                         GError           **error);
/* Sends a raw request line and reads one line back (tests use "FDS"). */
char           *clab_worker_proc_ask    (ClabWorkerProc    *self,
                                         const char        *request,
                                         GError           **error);
/* Closes stdin so the worker exits, and reaps it; with @kill, or when it does not exit in
 * time, it is ended (SIGTERM, then SIGKILL). Never waits without a bound. */
void            clab_worker_proc_finish (ClabWorkerProc    *self,
                                         gboolean           kill);
/* Ends the worker after a failed request and returns the reason, NULL when cancelled. */
char           *clab_worker_proc_fail   (ClabWorkerProc    *self,
                                         const GError      *error);
/* Why the worker is gone, e.g. "the worker was killed by signal 11"; call after finish. */
char           *clab_worker_proc_describe_exit (ClabWorkerProc *self);
void            clab_worker_proc_free   (ClabWorkerProc    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabWorkerProc, clab_worker_proc_free)

G_END_DECLS
