/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result-store.h"

G_BEGIN_DECLS

/* What the store's two files share: its synchronous half (clab-result-store.c) and the
 * queue that runs the _async calls one after another (clab-result-store-async.c). */

struct _ClabResultStore
{
  GObject      parent_instance;

  char        *directory;
  GThreadPool *queue;          /* one thread: the _async calls run in the order made */
  GThread     *queue_thread;
  GMutex       mutex;          /* guards reserved */
  GHashTable  *reserved;       /* IDs handed out by prepare */
};

/* The queue's thread function, for g_thread_pool_new. */
void _clab_result_store_run_queued (gpointer data,
                                    gpointer user_data);

G_END_DECLS
