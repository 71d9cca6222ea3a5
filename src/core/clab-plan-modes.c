/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-plan.h"
#include "clab-plan-private.h"

/* The plan's two lists: the modes it runs, in order, and the worker counts of a sweep. */

char **
_clab_plan_dup_mode_names (ClabPlan *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->modes->len; i++)
    g_strv_builder_add (builder, clab_mode_to_string (g_array_index (self->modes, ClabMode, i)));
  return g_strv_builder_end (builder);
}

void
_clab_plan_set_mode_names (ClabPlan           *self,
                           const char * const *names)
{
  g_autoptr(GArray) modes = g_array_new (FALSE, FALSE, sizeof (ClabMode));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      ClabMode mode;

      if (clab_mode_from_string (names[i], &mode))
        g_array_append_val (modes, mode);
      else
        g_warning ("Ignoring the unknown mode “%s”", names[i]);
    }
  clab_plan_set_modes (self, (const ClabMode *) (gpointer) modes->data, modes->len);
}

GVariant *
_clab_plan_dup_sweep_variant (ClabPlan *self)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, self->sweep_workers->data,
                                    self->sweep_workers->len, sizeof (guint32));
}

void
_clab_plan_set_sweep_variant (ClabPlan *self,
                              GVariant *variant)
{
  const guint32 *workers = NULL;
  gsize n = 0;

  if (variant != NULL)
    workers = g_variant_get_fixed_array (variant, &n, sizeof (guint32));
  clab_plan_set_sweep_workers (self, workers, n);
}

const ClabMode *
clab_plan_get_modes (ClabPlan *self,
                     guint    *n_modes)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);
  if (n_modes != NULL)
    *n_modes = self->modes->len;
  return (const ClabMode *) (gpointer) self->modes->data;
}

static gboolean
array_equal (GArray        *array,
             gconstpointer  data,
             guint          n)
{
  return array->len == n &&
         (n == 0 || memcmp (array->data, data, n * g_array_get_element_size (array)) == 0);
}

void
clab_plan_set_modes (ClabPlan       *self,
                     const ClabMode *modes,
                     guint           n_modes)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  g_return_if_fail (modes != NULL || n_modes == 0);
  for (guint i = 0; i < n_modes; i++)
    g_return_if_fail (modes[i] < CLAB_N_MODES);

  if (array_equal (self->modes, modes, n_modes))
    return;
  g_array_set_size (self->modes, 0);
  g_array_append_vals (self->modes, modes, n_modes);
  g_object_notify (G_OBJECT (self), "modes");
}

gboolean
clab_plan_has_mode (ClabPlan *self,
                    ClabMode  mode)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), FALSE);
  for (guint i = 0; i < self->modes->len; i++)
    if (g_array_index (self->modes, ClabMode, i) == mode)
      return TRUE;
  return FALSE;
}

gboolean
clab_plan_has_pool (ClabPlan *self)
{
  for (guint i = 0; i < self->modes->len; i++)
    if (clab_mode_is_pool (g_array_index (self->modes, ClabMode, i)))
      return TRUE;
  return FALSE;
}

const guint *
clab_plan_get_sweep_workers (ClabPlan *self,
                             guint    *n_workers)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);
  if (n_workers != NULL)
    *n_workers = self->sweep_workers->len;
  return (const guint *) (gpointer) self->sweep_workers->data;
}

void
clab_plan_set_sweep_workers (ClabPlan    *self,
                             const guint *workers,
                             guint        n_workers)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  g_return_if_fail (workers != NULL || n_workers == 0);

  if (array_equal (self->sweep_workers, workers, n_workers))
    return;
  g_array_set_size (self->sweep_workers, 0);
  g_array_append_vals (self->sweep_workers, workers, n_workers);
  g_object_notify (G_OBJECT (self), "sweep-workers");
}
