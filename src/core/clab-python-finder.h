/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One Python interpreter found on PATH. */
typedef struct
{
  char     *name;           /* what a plan names it by: "python3", "python3.13t" */
  char     *path;           /* where PATH found it */
  char     *version;        /* "3.11.2" */
  gboolean  free_threaded;  /* a build without the GIL (Py_GIL_DISABLED) */
} ClabPythonInterpreter;

/* How long one candidate may take to tell its version before it is left out. */
#define CLAB_PYTHON_FINDER_TIMEOUT_MS 5000

void       clab_python_interpreter_free          (ClabPythonInterpreter  *interpreter);
/* "python3 (3.11.2)", "python3.13t (3.13.1, free-threaded)". */
char      *clab_python_interpreter_describe      (const ClabPythonInterpreter *interpreter);
/* The interpreters named python3, python3.X or python3.Xt in the folders of @search_path
 * (a PATH-like list), in PATH order, one per name and per real file, each asked for its
 * version at once; one that fails or takes longer than @timeout_ms is left out. Blocks. */
GPtrArray *clab_python_find_interpreters         (const char             *search_path,
                                                  guint                   timeout_ms,
                                                  GCancellable           *cancellable);
/* clab_python_find_interpreters() on $PATH, in a thread. */
void       clab_python_find_interpreters_async   (GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
/* The array of ClabPythonInterpreter, possibly empty, or NULL when cancelled. */
GPtrArray *clab_python_find_interpreters_finish  (GAsyncResult           *result,
                                                  GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabPythonInterpreter, clab_python_interpreter_free)

G_END_DECLS
