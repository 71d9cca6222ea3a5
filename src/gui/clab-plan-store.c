/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "clab-atomic-file.h"
#include "clab-plan-store.h"

#define SUFFIX ".json"
/* Leaves room for the suffix and a temporary file's name within NAME_MAX. */
#define MAX_NAME_BYTES 200
/* A save takes seconds; a temporary file this old was left by a killed process. */
#define STALE_TEMP_AGE (15 * G_TIME_SPAN_MINUTE)

struct _ClabPlanStore
{
  GObject     parent_instance;

  char       *directory;
  GListStore *plans;
};

G_DEFINE_FINAL_TYPE (ClabPlanStore, clab_plan_store, G_TYPE_OBJECT)

char *
clab_plan_store_dup_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "concurrency-lab", "comparisons", NULL);
}

static char *
dup_path (ClabPlanStore *self,
          const char    *name)
{
  g_autofree char *basename = g_strconcat (name, SUFFIX, NULL);

  return g_build_filename (self->directory, basename, NULL);
}

static int
compare_plans (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_utf8_collate (clab_plan_get_title ((ClabPlan *) a),
                         clab_plan_get_title ((ClabPlan *) b));
}

static gboolean
find_plan (ClabPlanStore *self,
           const char    *name,
           guint         *position)
{
  g_autofree char *key = g_utf8_casefold (name, -1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->plans));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClabPlan) plan = g_list_model_get_item (G_LIST_MODEL (self->plans), i);
      g_autofree char *other = g_utf8_casefold (clab_plan_get_title (plan), -1);

      if (g_strcmp0 (key, other) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The file name wins over the title inside: a file renamed by hand keeps its new name. */
static void
add_plan (ClabPlanStore *self,
          const char    *name,
          ClabPlan      *plan)
{
  g_autoptr(ClabPlan) copy = clab_plan_copy (plan);

  clab_plan_set_title (copy, name);
  g_list_store_insert_sorted (self->plans, copy, compare_plans, NULL);
}

static void
scan_directory (ClabPlanStore *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->directory, 0, NULL);
  const char *basename;

  while (dir != NULL && (basename = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *name = NULL;
      g_autoptr(ClabPlan) plan = NULL;
      g_autoptr(GError) error = NULL;

      /* Hidden files, the atomic writer's temporary ones among them, are not comparisons. */
      if (!g_str_has_suffix (basename, SUFFIX) || *basename == '.')
        continue;
      name = g_strndup (basename, strlen (basename) - strlen (SUFFIX));
      plan = clab_plan_store_load (self, name, &error);
      if (plan == NULL)
        {
          g_debug ("Skipping the saved comparison “%s”: %s", basename, error->message);
          continue;
        }
      add_plan (self, name, plan);
    }
}

ClabPlanStore *
clab_plan_store_new (const char *directory)
{
  ClabPlanStore *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (CLAB_TYPE_PLAN_STORE, NULL);
  self->directory = g_strdup (directory);
  clab_atomic_file_remove_stale (self->directory, STALE_TEMP_AGE);
  scan_directory (self);
  return self;
}

const char *
clab_plan_store_get_directory (ClabPlanStore *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN_STORE (self), NULL);
  return self->directory;
}

GListModel *
clab_plan_store_get_plans (ClabPlanStore *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN_STORE (self), NULL);
  return G_LIST_MODEL (self->plans);
}

gboolean
clab_plan_store_check_name (ClabPlanStore  *self,
                            const char     *name,
                            GError        **error)
{
  g_autofree char *stripped = NULL;
  guint position;

  g_return_val_if_fail (CLAB_IS_PLAN_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                         _("Enter a name for the comparison."));
  /* The name becomes a file name: no folders, no hidden files. */
  else if (strchr (name, G_DIR_SEPARATOR) != NULL || *name == '.')
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                         _("A name cannot contain “/” or start with a dot."));
  else if (strlen (name) > MAX_NAME_BYTES)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG,
                         _("The name is too long."));
  else if (find_plan (self, name, &position))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 _("There is already a comparison named “%s”."), name);
  else
    return TRUE;
  return FALSE;
}

gboolean
clab_plan_store_save (ClabPlanStore  *self,
                      const char     *name,
                      ClabPlan       *plan,
                      GError        **error)
{
  g_autoptr(ClabPlan) copy = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CLAB_IS_PLAN_STORE (self), FALSE);
  g_return_val_if_fail (CLAB_IS_PLAN (plan), FALSE);

  if (!clab_plan_store_check_name (self, name, error))
    return FALSE;
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), self->directory, g_strerror (saved_errno));
      return FALSE;
    }
  /* A preset's name and description no longer fit once it is the user's own. */
  copy = clab_plan_copy (plan);
  clab_plan_set_name (copy, NULL);
  clab_plan_set_title (copy, name);
  clab_plan_set_description (copy, NULL);
  path = dup_path (self, name);
  if (!clab_plan_save (copy, path, error))
    return FALSE;
  add_plan (self, name, copy);
  return TRUE;
}

ClabPlan *
clab_plan_store_load (ClabPlanStore  *self,
                      const char     *name,
                      GError        **error)
{
  g_autofree char *path = NULL;
  ClabPlan *plan;

  g_return_val_if_fail (CLAB_IS_PLAN_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  path = dup_path (self, name);
  plan = clab_plan_load (path, error);
  if (plan != NULL)
    clab_plan_set_title (plan, name);
  return plan;
}

gboolean
clab_plan_store_delete (ClabPlanStore  *self,
                        const char     *name,
                        GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  guint position;

  g_return_val_if_fail (CLAB_IS_PLAN_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  path = dup_path (self, name);
  file = g_file_new_for_path (path);
  /* A file already gone by other means still leaves the list. */
  if (!g_file_delete (file, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (find_plan (self, name, &position))
    g_list_store_remove (self->plans, position);
  return TRUE;
}

static void
clab_plan_store_finalize (GObject *object)
{
  ClabPlanStore *self = CLAB_PLAN_STORE (object);

  g_clear_object (&self->plans);
  g_free (self->directory);

  G_OBJECT_CLASS (clab_plan_store_parent_class)->finalize (object);
}

static void
clab_plan_store_class_init (ClabPlanStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = clab_plan_store_finalize;
}

static void
clab_plan_store_init (ClabPlanStore *self)
{
  self->plans = g_list_store_new (CLAB_TYPE_PLAN);
}
