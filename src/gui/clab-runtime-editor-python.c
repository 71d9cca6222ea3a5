/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-plan-python.h"
#include "clab-python-finder.h"
#include "clab-runtime-editor-private.h"

/* The runtime editor's interpreter and start-method rows: which Pythons there are on PATH,
 * and what each way of starting a process costs. */

static const char * const start_methods[] = { NULL, "fork", "spawn", "forkserver" };

static void interpreters_found_cb (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      data);

const char *
_clab_runtime_editor_start_method_name (guint index)
{
  return start_methods[MIN (index, G_N_ELEMENTS (start_methods) - 1)];
}

const char *
_clab_runtime_editor_start_method_subtitle (guint index)
{
  switch (index)
    {
    case 1: return _("Copies the running interpreter: the cheapest start of a process, but unsafe with threads");
    case 2: return _("A fresh interpreter for every process: the dearest start, several times fork’s");
    case 3: return _("Copies a clean server process started once: between fork and spawn");
    default: return _("The interpreter’s own: fork on Linux before Python 3.14, forkserver since");
    }
}

/* Only once Python is chosen: asking each interpreter costs processes a native plan
 * does not need. */
void
_clab_runtime_editor_find_interpreters (ClabRuntimeEditor *self)
{
  if (self->finding)
    return;
  self->finding = TRUE;
  clab_python_find_interpreters_async (self->cancellable, interpreters_found_cb,
                                       g_object_ref (self));
}

/* The found interpreters, and the plan's own when it is not among them (a path, or one
 * not on PATH: the plan's check says so). */
void
_clab_runtime_editor_fill_pythons (ClabRuntimeEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *wanted = self->plan ? clab_plan_get_python (self->plan) : CLAB_PLAN_DEFAULT_PYTHON;
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->python_names, 0);
  for (guint i = 0; self->interpreters != NULL && i < self->interpreters->len; i++)
    {
      const ClabPythonInterpreter *interpreter = g_ptr_array_index (self->interpreters, i);
      g_autofree char *label = clab_python_interpreter_describe (interpreter);

      if (g_str_equal (interpreter->name, wanted) || g_str_equal (interpreter->path, wanted))
        selected = self->python_names->len;
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->python_names, g_strdup (g_str_equal (interpreter->path, wanted)
                                                     ? interpreter->path : interpreter->name));
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      selected = self->python_names->len;
      gtk_string_list_append (labels, wanted);
      g_ptr_array_add (self->python_names, g_strdup (wanted));
    }
  adw_combo_row_set_model (self->python_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->python_row, selected);
}

guint
_clab_runtime_editor_start_method_index (const char *method)
{
  for (guint i = 1; i < G_N_ELEMENTS (start_methods); i++)
    if (g_strcmp0 (method, start_methods[i]) == 0)
      return i;
  return 0;
}

void
_clab_runtime_editor_show_info (ClabRuntimeEditor    *self,
                                const ClabPythonInfo *info)
{
  g_autofree char *subtitle = NULL;

  /* Short: beside it the row shows the interpreter's name and version. */
  if (info->version != NULL)
    /* TRANSLATORS: e.g. "CPython · GIL · fork": implementation, GIL, default start method */
    subtitle = g_strdup_printf (_("%s · %s · %s"),
                                info->implementation ? info->implementation : "Python",
                                info->gil_enabled ? _("GIL") : _("no GIL"),
                                info->start_method ? info->start_method : "?");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->python_row), subtitle ? subtitle : "");
}

static void
interpreters_found_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  g_autoptr(ClabRuntimeEditor) self = data;
  g_autoptr(GPtrArray) found = clab_python_find_interpreters_finish (result, NULL);

  if (found == NULL)
    return;
  g_clear_pointer (&self->interpreters, g_ptr_array_unref);
  self->interpreters = g_steal_pointer (&found);
  self->syncing = TRUE;
  _clab_runtime_editor_fill_pythons (self);
  self->syncing = FALSE;
}

void
_clab_runtime_editor_fill_fixed_lists (ClabRuntimeEditor *self)
{
  const char *runtimes[] = { _("Native C"), _("Python"), NULL };
  const char *methods[] = { _("Default"), "fork", "spawn", "forkserver", NULL };
  g_autoptr(GtkStringList) runtime_list = gtk_string_list_new (runtimes);
  g_autoptr(GtkStringList) method_list = gtk_string_list_new (methods);

  adw_combo_row_set_model (self->runtime_row, G_LIST_MODEL (runtime_list));
  adw_combo_row_set_model (self->start_method_row, G_LIST_MODEL (method_list));
}
