/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-result.h"
#include "clab-stored-result.h"

G_BEGIN_DECLS

/*
 * The results the window keeps, one folder of them: each is a result file ID.json beside a
 * small key file ID.info with what a list shows (title, the person's name, when, machine),
 * so that listing a folder of large results reads none of them. A result without a readable
 * info (copied in by hand) is read once and gets one; a damaged result file is skipped with a
 * warning. A deleted result waits in the hidden subfolder .deleted until it is restored or
 * purged. The _async calls run one after another on a thread of the store, in the order they
 * were made: a rename made while the result is still being written applies after it.
 */

#define CLAB_TYPE_RESULT_STORE  (clab_result_store_get_type ())

G_DECLARE_FINAL_TYPE (ClabResultStore, clab_result_store, CLAB, RESULT_STORE, GObject)

/* A store of the results in @directory, which is made when the first result is added. */
ClabResultStore  *clab_result_store_new                   (const char          *directory);
/* $XDG_DATA_HOME/concurrency-lab/results: inside a Flatpak, the app's own data folder. */
char             *clab_result_store_dup_default_directory (void);
const char       *clab_result_store_get_directory         (ClabResultStore     *self);
/* What a result of @plan runs, as a title: "8 CPU-bound tasks". */
char             *clab_result_store_describe_plan         (ClabPlan            *plan);
/* Names a new entry for @result, finished (or opened from @source, may be NULL) at @time,
 * titled @title (NULL: the plan's title, else what it runs), under an ID no other result
 * has or is about to have. Nothing is written until add. */
ClabStoredResult *clab_result_store_prepare               (ClabResultStore     *self,
                                                           ClabResult          *result,
                                                           const char          *title,
                                                           GDateTime           *time,
                                                           const char          *source);
/* Writes @result (a copy of @info's source file where it has one) and its info, each through
 * the atomic writer. */
gboolean          clab_result_store_add                   (ClabResultStore     *self,
                                                           const ClabStoredResult *info,
                                                           ClabResult          *result,
                                                           GError             **error);
void              clab_result_store_add_async             (ClabResultStore     *self,
                                                           const ClabStoredResult *info,
                                                           ClabResult          *result,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean          clab_result_store_add_finish            (ClabResultStore     *self,
                                                           GAsyncResult        *res,
                                                           GError             **error);
/* The kept results, newest first (a GPtrArray of ClabStoredResult). Damaged files are
 * skipped: each adds a sentence to @warnings when given, else is logged as a warning. */
GPtrArray        *clab_result_store_list                  (ClabResultStore     *self,
                                                           GPtrArray           *warnings,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
void              clab_result_store_list_async            (ClabResultStore     *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GPtrArray        *clab_result_store_list_finish           (ClabResultStore     *self,
                                                           GAsyncResult        *res,
                                                           GError             **error);
/* Reads the result @id back. */
ClabResult       *clab_result_store_load                  (ClabResultStore     *self,
                                                           const char          *id,
                                                           GError             **error);
/* Gives the result @id the name @name; NULL or empty goes back to its title. */
gboolean          clab_result_store_rename                (ClabResultStore     *self,
                                                           const char          *id,
                                                           const char          *name,
                                                           GError             **error);
void              clab_result_store_rename_async          (ClabResultStore     *self,
                                                           const char          *id,
                                                           const char          *name,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
/* Moves the result @id aside, where restore finds it until the next purge. */
gboolean          clab_result_store_delete                (ClabResultStore     *self,
                                                           const char          *id,
                                                           GError             **error);
void              clab_result_store_delete_async          (ClabResultStore     *self,
                                                           const char          *id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean          clab_result_store_restore               (ClabResultStore     *self,
                                                           const char          *id,
                                                           GError             **error);
void              clab_result_store_restore_async         (ClabResultStore     *self,
                                                           const char          *id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
/* The outcome of rename, delete or restore _async. */
gboolean          clab_result_store_op_finish             (ClabResultStore     *self,
                                                           GAsyncResult        *res,
                                                           GError             **error);
/* Removes the deleted results for good; returns how many. */
guint             clab_result_store_purge                 (ClabResultStore     *self);
/* Blocks until every _async call made so far has run. */
void              clab_result_store_wait                  (ClabResultStore     *self);
/* The ID of the kept result at @path, or NULL when @path is not one of the store's. */
char             *clab_result_store_dup_id_for_path       (ClabResultStore     *self,
                                                           const char          *path);

G_END_DECLS
