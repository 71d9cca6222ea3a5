/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-result.h"
#include "clab-result-store.h"

G_BEGIN_DECLS

#define CLAB_TYPE_COMPARISON (clab_comparison_get_type ())

G_DECLARE_FINAL_TYPE (ClabComparison, clab_comparison, CLAB, COMPARISON, GObject)

/* A finished run or an opened result file, as the sidebar lists it. */
ClabComparison *clab_comparison_new          (ClabResult     *result,
                                              const char     *title,
                                              const char     *subtitle);
/* Names a finished run by the plan it ran and the time it finished. */
ClabComparison *clab_comparison_new_finished (ClabResult     *result);
/* Names an opened result by its plan, its machine and @file. */
ClabComparison *clab_comparison_new_opened   (ClabResult     *result,
                                              GFile          *file);
/* A result kept by the store in an earlier session; its result is read when first shown. */
ClabComparison *clab_comparison_new_stored   (const ClabStoredResult *info);
/* The result, or NULL while a kept one has not been read yet. */
ClabResult     *clab_comparison_get_result   (ClabComparison *self);
/* The name the person gave it, else what it ran. */
const char     *clab_comparison_get_title    (ClabComparison *self);
const char     *clab_comparison_get_subtitle (ClabComparison *self);
/* When it finished, or was opened. */
GDateTime      *clab_comparison_get_time     (ClabComparison *self);
/* The file it was opened from, or NULL for a run of this app. */
const char     *clab_comparison_get_source   (ClabComparison *self);
/* The name the person gave it, or NULL. */
const char     *clab_comparison_get_name     (ClabComparison *self);
void            clab_comparison_set_name     (ClabComparison *self,
                                              const char     *name);
/* Where the store keeps it: its ID and file, both NULL until it is kept. */
const char     *clab_comparison_get_id       (ClabComparison *self);
const char     *clab_comparison_get_path     (ClabComparison *self);
void            clab_comparison_set_stored   (ClabComparison *self,
                                              const ClabStoredResult *info);
/* Reads a kept result in a thread (at once when it is read already). */
void            clab_comparison_load_async   (ClabComparison *self,
                                              GCancellable   *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer        user_data);
ClabResult     *clab_comparison_load_finish  (ClabComparison *self,
                                              GAsyncResult   *res,
                                              GError        **error);
/* The title a result of @plan gets: the plan's own, else what it runs ("8 CPU-bound tasks"). */
char           *clab_comparison_dup_plan_title (ClabPlan     *plan);

G_END_DECLS
