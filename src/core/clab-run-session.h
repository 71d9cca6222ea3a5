/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-plan.h"
#include "clab-result.h"

G_BEGIN_DECLS

#define CLAB_TYPE_RUN_SESSION (clab_run_session_get_type ())

G_DECLARE_FINAL_TYPE (ClabRunSession, clab_run_session, CLAB, RUN_SESSION, GObject)

/*
 * One comparison run for a user interface: the engine runs in a helper process
 * (`concurrency-lab-cli session`, see clab-session-protocol.h) at the command line's
 * priority, so that what it measures is the run alone — not the window's threads, heap
 * or drawing — and is what the command line would measure.
 *
 * Signals, emitted on the main context that called clab_run_session_run_async():
 *   "progress" (guint tasks_done, guint tasks_total)
 *   "sample"   (ClabMode mode): the live result has a new sample of that mode's run
 */

ClabRunSession *clab_run_session_new             (ClabPlan            *plan);
ClabPlan       *clab_run_session_get_plan        (ClabRunSession      *self);
/* Overrides the path of the engine (tests). */
void            clab_run_session_set_engine_path (ClabRunSession      *self,
                                                  const char          *path);
/* The runs so far, one per mode, built from the live samples, for a live chart. */
ClabResult     *clab_run_session_get_live_result (ClabRunSession      *self);
/* Starts the engine; cancelling @cancellable asks it to stop and still returns what it
 * measured (the partial result, marked cancelled). */
void            clab_run_session_run_async       (ClabRunSession      *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
ClabResult     *clab_run_session_run_finish      (ClabRunSession      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Where the engine is: $CLAB_CLI_PATH; bindir for an installed program; in a build tree,
 * where meson puts it. */
char           *clab_run_session_find_engine     (void);

G_END_DECLS
