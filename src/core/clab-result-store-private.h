/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result-store.h"

G_BEGIN_DECLS

/* What the store's files share: its synchronous half (clab-result-store.c), its list
 * (clab-result-store-list.c) and the queue that runs the _async calls one after another
 * (clab-result-store-async.c). */

#define RESULT_SUFFIX ".json"
#define INFO_SUFFIX   ".info"

struct _ClabResultStore
{
  GObject      parent_instance;

  char        *directory;
  GThreadPool *queue;          /* one thread: the _async calls run in the order made */
  GThread     *queue_thread;
  GMutex       mutex;          /* guards reserved */
  GHashTable  *reserved;       /* IDs handed out by prepare */
};

/* DIRECTORY/ID SUFFIX */
char             *_clab_result_store_dup_file          (const char              *directory,
                                                        const char              *id,
                                                        const char              *suffix);
/* An ID is one path component of safe characters: never "..", never a slash. */
gboolean          _clab_result_store_check_id          (const char              *id,
                                                        GError                 **error);
gboolean          _clab_result_store_is_result_file    (const char              *basename);
gboolean          _clab_result_store_write_info        (const char              *directory,
                                                        const ClabStoredResult  *info,
                                                        GError                 **error);
ClabStoredResult *_clab_result_store_read_info         (ClabResultStore         *self,
                                                        const char              *directory,
                                                        const char              *id,
                                                        GError                 **error);
ClabStoredResult *_clab_result_store_info_from_result  (ClabResultStore         *self,
                                                        const char              *id,
                                                        GError                 **error);

/* The queue's thread function, for g_thread_pool_new. */
void _clab_result_store_run_queued (gpointer data,
                                    gpointer user_data);

G_END_DECLS
