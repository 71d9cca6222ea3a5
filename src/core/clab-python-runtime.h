/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-executor.h"
#include "clab-plan-python.h"
#include "clab-result.h"

G_BEGIN_DECLS

/*
 * The Python runtime: each run of a mode is one interpreter running the lab's driver
 * (data/python/clab-python-driver.py, protocol in clab-python-protocol.h), spawned in a
 * process group of its own so that a cancelled run ends it and every process it started.
 */
typedef struct _ClabPythonRuntime ClabPythonRuntime;

/* How long the interpreter may take to load the driver and the person's file. */
#define CLAB_PYTHON_LOAD_TIMEOUT_S 30

/* The driver: $CLAB_PYTHON_DRIVER, the build tree's, or the installed one. */
char              *clab_python_find_driver       (void);
/* Runs the plan's interpreter once with the driver's --check; fills @info (may be NULL)
 * or says in one sentence why the plan cannot run (a missing or too old interpreter, a
 * function file that does not load). Nothing of the plan runs. */
gboolean           clab_python_runtime_check     (ClabPlan           *plan,
                                                  ClabPythonInfo     *info,
                                                  GError            **error);
/* Checks @plan as clab_python_runtime_check() and keeps what its runs need. */
ClabPythonRuntime *clab_python_runtime_new       (ClabPlan           *plan,
                                                  GError            **error);
void               clab_python_runtime_free      (ClabPythonRuntime  *self);
const ClabPythonInfo *clab_python_runtime_get_info (ClabPythonRuntime *self);
/* Starts the interpreter for one run of @mode and waits until it has loaded, before the
 * run's clock starts; a failure is kept and fails the run's tasks. */
void               clab_python_runtime_prepare   (ClabPythonRuntime  *self,
                                                  ClabExecContext    *ctx,
                                                  ClabMode            mode);

/* After the run's sampler stopped: waits a bounded time for the interpreter to exit, ends
 * what is left of its process group and adds the tree's CPU time to the run's. */
void               clab_python_runtime_finish    (ClabPythonRuntime  *self,
                                                  ClabExecContext    *ctx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabPythonRuntime, clab_python_runtime_free)

G_END_DECLS
