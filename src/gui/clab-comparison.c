/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-comparison.h"
#include "clab-result-io.h"

struct _ClabComparison
{
  GObject     parent_instance;

  ClabResult *result;
  char       *title;      /* what it ran */
  char       *name;       /* the person's name for it */
  char       *subtitle;
  GDateTime  *time;
  char       *source;
  char       *id;
  char       *path;
};

enum {
  PROP_0,
  PROP_RESULT,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ClabComparison, clab_comparison, G_TYPE_OBJECT)

static ClabComparison *
create (ClabResult *result,
        const char *title,
        const char *subtitle,
        GDateTime  *time)
{
  ClabComparison *self = g_object_new (CLAB_TYPE_COMPARISON, NULL);

  self->result = result ? g_object_ref (result) : NULL;
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  self->time = time ? g_date_time_ref (time) : g_date_time_new_now_local ();
  return self;
}

ClabComparison *
clab_comparison_new (ClabResult *result,
                     const char *title,
                     const char *subtitle)
{
  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  return create (result, title, subtitle, NULL);
}

char *
clab_comparison_dup_plan_title (ClabPlan *plan)
{
  const char *title;

  g_return_val_if_fail (CLAB_IS_PLAN (plan), NULL);

  title = clab_plan_get_shown_title (plan);
  if (title != NULL && *title != '\0')
    return g_strdup (title);
  return clab_result_store_describe_plan (plan);
}

static char *
dup_finished_subtitle (gboolean   cancelled,
                       GDateTime *time)
{
  g_autofree char *clock = g_date_time_format (time, "%X");

  if (cancelled)
    return g_strdup_printf (_("Cancelled at %s"), clock);
  return g_strdup_printf (_("Finished at %s"), clock);
}

static char *
dup_opened_subtitle (const char *hostname,
                     const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  if (hostname != NULL && *hostname != '\0')
    /* Translators: a result file's machine and file name. */
    return g_strdup_printf (_("%s · %s"), hostname, name);
  return g_strdup (name);
}

ClabComparison *
clab_comparison_new_finished (ClabResult *result)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  title = clab_comparison_dup_plan_title (clab_result_get_plan (result));
  subtitle = dup_finished_subtitle (clab_result_get_cancelled (result), now);
  return create (result, title, subtitle, now);
}

ClabComparison *
clab_comparison_new_opened (ClabResult *result,
                            GFile      *file)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *path = NULL;
  ClabComparison *self;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    path = g_file_get_basename (file);
  title = clab_comparison_dup_plan_title (clab_result_get_plan (result));
  subtitle = dup_opened_subtitle (clab_result_get_system (result)->hostname, path);
  self = create (result, title, subtitle, NULL);
  self->source = g_file_get_path (file);
  return self;
}

ClabComparison *
clab_comparison_new_stored (const ClabStoredResult *info)
{
  g_autofree char *subtitle = NULL;
  ClabComparison *self;

  g_return_val_if_fail (info != NULL, NULL);

  if (info->source != NULL)
    subtitle = dup_opened_subtitle (info->hostname, info->source);
  else
    subtitle = dup_finished_subtitle (info->cancelled, info->time);
  self = create (NULL, info->title, subtitle, info->time);
  self->name = g_strdup (info->name);
  self->source = g_strdup (info->source);
  clab_comparison_set_stored (self, info);
  return self;
}

ClabResult *
clab_comparison_get_result (ClabComparison *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARISON (self), NULL);
  return self->result;
}

const char *
clab_comparison_get_title (ClabComparison *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARISON (self), NULL);
  return self->name != NULL ? self->name : self->title;
}

const char *
clab_comparison_get_subtitle (ClabComparison *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARISON (self), NULL);
  return self->subtitle;
}

GDateTime *
clab_comparison_get_time (ClabComparison *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARISON (self), NULL);
  return self->time;
}

const char *
clab_comparison_get_source (ClabComparison *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARISON (self), NULL);
  return self->source;
}

const char *
clab_comparison_get_name (ClabComparison *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARISON (self), NULL);
  return self->name;
}

void
clab_comparison_set_name (ClabComparison *self,
                          const char     *name)
{
  g_return_if_fail (CLAB_IS_COMPARISON (self));

  if (name != NULL && *name == '\0')
    name = NULL;
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
clab_comparison_get_id (ClabComparison *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARISON (self), NULL);
  return self->id;
}

const char *
clab_comparison_get_path (ClabComparison *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARISON (self), NULL);
  return self->path;
}

void
clab_comparison_set_stored (ClabComparison         *self,
                            const ClabStoredResult *info)
{
  g_return_if_fail (CLAB_IS_COMPARISON (self));
  g_return_if_fail (info != NULL);

  g_free (self->id);
  self->id = g_strdup (info->id);
  g_free (self->path);
  self->path = g_strdup (info->path);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  ClabResult *result = clab_result_load (task_data, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
clab_comparison_load_async (ClabComparison      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLAB_IS_COMPARISON (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clab_comparison_load_async);
  if (self->result != NULL)
    g_task_return_pointer (task, g_object_ref (self->result), g_object_unref);
  else if (self->path == NULL)
    g_task_return_new_error (task, CLAB_ERROR, CLAB_ERROR_NOT_FOUND, "%s",
                             _("The result was not kept."));
  else
    {
      g_task_set_task_data (task, g_strdup (self->path), g_free);
      /* The reader cannot stop halfway: a cancel answers at once, and what it reads is
       * dropped. */
      g_task_set_return_on_cancel (task, TRUE);
      g_task_run_in_thread (task, load_thread);
    }
}

ClabResult *
clab_comparison_load_finish (ClabComparison  *self,
                             GAsyncResult    *res,
                             GError         **error)
{
  ClabResult *result;

  g_return_val_if_fail (g_task_is_valid (res, self), NULL);

  result = g_task_propagate_pointer (G_TASK (res), error);
  /* Two loads may cross: the first one read is the one kept. */
  if (result != NULL && self->result == NULL)
    {
      self->result = g_object_ref (result);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
    }
  else if (result != NULL)
    g_set_object (&result, self->result);
  return result;
}

static void
clab_comparison_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ClabComparison *self = CLAB_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_RESULT: g_value_set_object (value, self->result); break;
    case PROP_TITLE: g_value_set_string (value, clab_comparison_get_title (self)); break;
    case PROP_SUBTITLE: g_value_set_string (value, self->subtitle); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_comparison_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ClabComparison *self = CLAB_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_NAME: clab_comparison_set_name (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_comparison_finalize (GObject *object)
{
  ClabComparison *self = CLAB_COMPARISON (object);

  g_clear_object (&self->result);
  g_free (self->title);
  g_free (self->name);
  g_free (self->subtitle);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->source);
  g_free (self->id);
  g_free (self->path);

  G_OBJECT_CLASS (clab_comparison_parent_class)->finalize (object);
}

static void
clab_comparison_class_init (ClabComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clab_comparison_finalize;
  object_class->get_property = clab_comparison_get_property;
  object_class->set_property = clab_comparison_set_property;

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, CLAB_TYPE_RESULT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clab_comparison_init (ClabComparison *self)
{
}
