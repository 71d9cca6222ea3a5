/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result.h"
#include "clab-runtime-editor.h"

G_BEGIN_DECLS

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
