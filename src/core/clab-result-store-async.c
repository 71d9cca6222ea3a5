/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-result-store-private.h"

/* The queue: one thread runs the _async calls in the order they were made. */

typedef struct
{
  GTask          *task;
  GTaskThreadFunc func;
  GMutex         *mutex;   /* a wait() marker when set */
  GCond          *cond;
  gboolean       *done;
} QueuedOp;

void
_clab_result_store_run_queued (gpointer data,
                               gpointer user_data)
{
  ClabResultStore *self = user_data;
  QueuedOp *op = data;

  self->queue_thread = g_thread_self ();
  if (op->mutex != NULL)
    {
      g_mutex_lock (op->mutex);
      *op->done = TRUE;
      g_cond_signal (op->cond);
      g_mutex_unlock (op->mutex);
    }
  else
    {
      op->func (op->task, g_task_get_source_object (op->task), g_task_get_task_data (op->task),
                g_task_get_cancellable (op->task));
      g_object_unref (op->task);
    }
  g_free (op);
}

static void
queue_task (ClabResultStore *self,
            GTask           *task,
            GTaskThreadFunc  func)
{
  QueuedOp *op = g_new0 (QueuedOp, 1);

  op->task = g_object_ref (task);
  op->func = func;
  g_thread_pool_push (self->queue, op, NULL);
}

void
clab_result_store_wait (ClabResultStore *self)
{
  GMutex mutex;
  GCond cond;
  gboolean done = FALSE;
  QueuedOp *op = g_new0 (QueuedOp, 1);

  g_return_if_fail (CLAB_IS_RESULT_STORE (self));

  g_mutex_init (&mutex);
  g_cond_init (&cond);
  op->mutex = &mutex;
  op->cond = &cond;
  op->done = &done;
  g_mutex_lock (&mutex);
  g_thread_pool_push (self->queue, op, NULL);
  while (!done)
    g_cond_wait (&cond, &mutex);
  g_mutex_unlock (&mutex);
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);
}

typedef struct
{
  ClabStoredResult *info;
  ClabResult       *result;
  char             *id;
  char             *name;
} OpData;

static void
op_data_free (OpData *data)
{
  g_clear_pointer (&data->info, clab_stored_result_free);
  g_clear_object (&data->result);
  g_free (data->id);
  g_free (data->name);
  g_free (data);
}

static GTask *
new_task (ClabResultStore     *self,
          gpointer             tag,
          OpData              *data,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  return task;
}

static void
return_boolean (GTask    *task,
                gboolean  ok,
                GError   *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
add_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;

  return_boolean (task, clab_result_store_add (source, data->info, data->result, &error), error);
}

void
clab_result_store_add_async (ClabResultStore        *self,
                             const ClabStoredResult *info,
                             ClabResult             *result,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  OpData *data;

  g_return_if_fail (CLAB_IS_RESULT_STORE (self));
  g_return_if_fail (info != NULL && CLAB_IS_RESULT (result));

  data = g_new0 (OpData, 1);
  data->info = clab_stored_result_copy (info);
  data->result = g_object_ref (result);
  task = new_task (self, clab_result_store_add_async, data, cancellable, callback, user_data);
  queue_task (self, task, add_thread);
}

gboolean
clab_result_store_add_finish (ClabResultStore  *self,
                              GAsyncResult     *res,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (res, self), FALSE);
  return g_task_propagate_boolean (G_TASK (res), error);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *list = clab_result_store_list (source, NULL, cancellable, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

void
clab_result_store_list_async (ClabResultStore     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLAB_IS_RESULT_STORE (self));

  task = new_task (self, clab_result_store_list_async, g_new0 (OpData, 1), cancellable, callback, user_data);
  queue_task (self, task, list_thread);
}

GPtrArray *
clab_result_store_list_finish (ClabResultStore  *self,
                               GAsyncResult     *res,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (res, self), NULL);
  return g_task_propagate_pointer (G_TASK (res), error);
}

static void
rename_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;

  return_boolean (task, clab_result_store_rename (source, data->id, data->name, &error), error);
}

static void
delete_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;

  return_boolean (task, clab_result_store_delete (source, data->id, &error), error);
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;

  return_boolean (task, clab_result_store_restore (source, data->id, &error), error);
}

static void
queue_op (ClabResultStore     *self,
          GTaskThreadFunc      func,
          const char          *id,
          const char          *name,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpData *data = g_new0 (OpData, 1);

  data->id = g_strdup (id);
  data->name = g_strdup (name);
  task = new_task (self, clab_result_store_op_finish, data, cancellable, callback, user_data);
  queue_task (self, task, func);
}

void
clab_result_store_rename_async (ClabResultStore     *self,
                                const char          *id,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CLAB_IS_RESULT_STORE (self));
  queue_op (self, rename_thread, id, name, cancellable, callback, user_data);
}

void
clab_result_store_delete_async (ClabResultStore     *self,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CLAB_IS_RESULT_STORE (self));
  queue_op (self, delete_thread, id, NULL, cancellable, callback, user_data);
}

void
clab_result_store_restore_async (ClabResultStore     *self,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CLAB_IS_RESULT_STORE (self));
  queue_op (self, restore_thread, id, NULL, cancellable, callback, user_data);
}

gboolean
clab_result_store_op_finish (ClabResultStore  *self,
                             GAsyncResult     *res,
                             GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (res, self), FALSE);
  return g_task_propagate_boolean (G_TASK (res), error);
}
