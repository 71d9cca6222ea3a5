/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "clab-result.h"
#include "clab-runtime-editor.h"

G_BEGIN_DECLS

/* Shared by the editor's files: the plan's rows (clab-runtime-editor.c), the interpreter and
 * start-method rows (-python.c) and the code's saving and checking (-code.c). */
struct _ClabRuntimeEditor
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkBox              *code_box;
  GtkLabel            *file_label;
  GtkSwitch           *function_switch;
  AdwComboRow         *python_row;
  AdwPreferencesGroup *runtime_group;
  AdwComboRow         *runtime_row;
  GtkSourceView       *source_view;
  AdwComboRow         *start_method_row;

  /* Owned references */
  ClabPlan            *plan;
  GtkSourceBuffer     *buffer;
  GPtrArray           *interpreters;    /* ClabPythonInterpreter, NULL until found */
  GPtrArray           *python_names;    /* what each item of python_row names */
  GCancellable        *cancellable;
  char                *function_path;   /* the code shown, whether or not the plan runs it */
  char                *message;
  guint                check_serial;
  guint                check_id;
  gboolean             checking;
  gboolean             dirty;           /* the code was edited since it was saved */
  gboolean             finding;         /* the interpreters on PATH were asked for */
  gboolean             syncing;
};

/* The interpreter and start-method rows (clab-runtime-editor-python.c). */
const char *_clab_runtime_editor_start_method_name     (guint                 index);
guint       _clab_runtime_editor_start_method_index    (const char           *method);
const char *_clab_runtime_editor_start_method_subtitle (guint                 index);
void        _clab_runtime_editor_fill_fixed_lists      (ClabRuntimeEditor    *self);
void        _clab_runtime_editor_find_interpreters     (ClabRuntimeEditor    *self);
void        _clab_runtime_editor_fill_pythons          (ClabRuntimeEditor    *self);
void        _clab_runtime_editor_show_info             (ClabRuntimeEditor    *self,
                                                        const ClabPythonInfo *info);

/* What "New Function" starts from: a task(index, size) that sleeps for size seconds. */
extern const char _clab_runtime_editor_template[];

/* A path in the functions folder named after @basename that no file has yet. */
char     *_clab_runtime_editor_unique_path   (const char           *basename);
/* Saves @code at @save_path (when not NULL) through the atomic writer, then asks a copy of
 * @plan's interpreter whether the plan can run, in a thread. */
void      _clab_runtime_editor_check_async   (gpointer              source,
                                              ClabPlan             *plan,
                                              const char           *save_path,
                                              const char           *code,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* FALSE when cancelled; else @message is why the plan cannot run (NULL: it can) and @info
 * (cleared by the caller) what the interpreter told of itself. */
gboolean  _clab_runtime_editor_check_finish  (GAsyncResult         *result,
                                              char                **message,
                                              ClabPythonInfo       *info);

/* runtime.open: a file chooser for a .py file, shown as the plan's function. */
void      _clab_runtime_editor_open_action   (GtkWidget            *widget,
                                              const char           *action_name,
                                              GVariant             *parameter);

G_END_DECLS
