/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-plan.h"
#include "clab-result.h"

G_BEGIN_DECLS

#define CLAB_TYPE_RUNNER (clab_runner_get_type ())

G_DECLARE_FINAL_TYPE (ClabRunner, clab_runner, CLAB, RUNNER, GObject)

/*
 * Signals, all emitted on the main context that called clab_runner_run_async():
 *   "progress" (guint tasks_done, guint tasks_total)
 *   "sample"   (ClabMode mode, gconstpointer sample): a ClabSample of the live run
 */

ClabRunner *clab_runner_new             (ClabPlan             *plan);
ClabPlan   *clab_runner_get_plan        (ClabRunner           *self);
/* Overrides the path of concurrency-lab-worker (tests, benchmarks). */
void        clab_runner_set_worker_path (ClabRunner           *self,
                                         const char           *path);
/* Runs every mode R + K times, interleaved, on a thread of its own. */
void        clab_runner_run_async       (ClabRunner           *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* The result, also when cancelled: then it is partial and marked cancelled. */
ClabResult *clab_runner_run_finish      (ClabRunner           *self,
                                         GAsyncResult         *result,
                                         GError              **error);
/* Runs synchronously on the calling thread; progress is not reported. */
ClabResult *clab_runner_run             (ClabRunner           *self,
                                         GCancellable         *cancellable,
                                         GError              **error);
/* Where the worker helper is: $CLAB_WORKER_PATH; libexecdir for an installed program; in
 * a build tree, where meson puts it. */
char       *clab_runner_find_worker     (void);

G_END_DECLS
