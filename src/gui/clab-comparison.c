/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-comparison.h"
#include "clab-workload.h"

struct _ClabComparison
{
  GObject     parent_instance;

  ClabResult *result;
  char       *title;
  char       *subtitle;
};

enum {
  PROP_0,
  PROP_RESULT,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ClabComparison, clab_comparison, G_TYPE_OBJECT)

ClabComparison *
clab_comparison_new (ClabResult *result,
                     const char *title,
                     const char *subtitle)
{
  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  return g_object_new (CLAB_TYPE_COMPARISON,
                       "result", result,
                       "title", title,
                       "subtitle", subtitle,
                       NULL);
}

static char *
dup_plan_title (ClabResult *result)
{
  ClabPlan *plan = clab_result_get_plan (result);
  const char *title = clab_plan_get_title (plan);

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  /* Translators: a plan without a name, e.g. "sleep × 4 tasks". */
  return g_strdup_printf (_("%s × %u tasks"),
                          clab_workload_kind_to_string (clab_plan_get_workload (plan)),
                          clab_plan_get_tasks (plan));
}

ClabComparison *
clab_comparison_new_finished (ClabResult *result)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%X");
  g_autofree char *title = dup_plan_title (result);
  g_autofree char *subtitle = NULL;

  if (clab_result_get_cancelled (result))
    subtitle = g_strdup_printf (_("Cancelled at %s"), time);
  else
    subtitle = g_strdup_printf (_("Finished at %s"), time);
  return clab_comparison_new (result, title, subtitle);
}

ClabComparison *
clab_comparison_new_opened (ClabResult *result,
                            GFile      *file)
{
  const ClabSystemInfo *system = clab_result_get_system (result);
  g_autofree char *title = dup_plan_title (result);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *subtitle = NULL;

  if (system->hostname != NULL && *system->hostname != '\0')
    /* Translators: a result file's machine and file name. */
    subtitle = g_strdup_printf (_("%s · %s"), system->hostname, name);
  else
    subtitle = g_strdup (name);
  return clab_comparison_new (result, title, subtitle);
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
  return self->title;
}

const char *
clab_comparison_get_subtitle (ClabComparison *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARISON (self), NULL);
  return self->subtitle;
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
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_SUBTITLE: g_value_set_string (value, self->subtitle); break;
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
    case PROP_RESULT: self->result = g_value_dup_object (value); break;
    case PROP_TITLE: self->title = g_value_dup_string (value); break;
    case PROP_SUBTITLE: self->subtitle = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_comparison_finalize (GObject *object)
{
  ClabComparison *self = CLAB_COMPARISON (object);

  g_clear_object (&self->result);
  g_free (self->title);
  g_free (self->subtitle);

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
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clab_comparison_init (ClabComparison *self)
{
}
