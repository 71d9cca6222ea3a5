/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "clab-plan.h"

G_BEGIN_DECLS

#define CLAB_TYPE_RUNTIME_EDITOR (clab_runtime_editor_get_type ())

G_DECLARE_FINAL_TYPE (ClabRuntimeEditor, clab_runtime_editor, CLAB, RUNTIME_EDITOR, GtkWidget)

/*
 * The plan's runtime: native C or Python, and for Python the interpreter, the start method
 * and the person's own function, in a source view. It edits the plan it is given in place,
 * tells each edit with "changed", and checks a Python plan with its interpreter off the main
 * thread: "notify::message" tells the outcome.
 */

/* Edits @plan (kept, not copied) from now on; NULL edits nothing. */
void        clab_runtime_editor_set_plan      (ClabRuntimeEditor *self,
                                               ClabPlan          *plan);
/* Why the interpreter says the plan cannot run, or NULL (also while checking). */
const char *clab_runtime_editor_get_message   (ClabRuntimeEditor *self);
/* Whether a check of the plan by its interpreter is under way or about to start. */
gboolean    clab_runtime_editor_get_checking  (ClabRuntimeEditor *self);
/* Shows @file's code as the plan's function, kept as a copy beside the person's plans. */
void        clab_runtime_editor_load_function (ClabRuntimeEditor *self,
                                               GFile             *file);
/* The folder of the functions the editor writes: $XDG_DATA_HOME/concurrency-lab/functions. */
char       *clab_runtime_editor_functions_dir (void);

G_END_DECLS
