/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-plan.h"

G_BEGIN_DECLS

/* What runs a plan's tasks: the C engine, or CPython's own threads, pools and processes. */
typedef enum
{
  CLAB_RUNTIME_NATIVE,
  CLAB_RUNTIME_PYTHON,
  CLAB_N_RUNTIMES
} ClabRuntime;

#define CLAB_PLAN_DEFAULT_PYTHON "python3"

const char  *clab_runtime_to_string             (ClabRuntime  runtime);
gboolean     clab_runtime_from_string           (const char  *str,
                                                 ClabRuntime *runtime);
/* Whether @method is fork, spawn or forkserver. */
gboolean     clab_start_method_is_known         (const char  *method);

ClabRuntime  clab_plan_get_runtime              (ClabPlan    *self);
void         clab_plan_set_runtime              (ClabPlan    *self,
                                                 ClabRuntime  runtime);
/* The interpreter, a name looked up on PATH or a path: "python3" unless set. */
const char  *clab_plan_get_python               (ClabPlan    *self);
void         clab_plan_set_python               (ClabPlan    *self,
                                                 const char  *python);
/* fork, spawn or forkserver; NULL: the interpreter's default, recorded in the result. */
const char  *clab_plan_get_start_method         (ClabPlan    *self);
void         clab_plan_set_start_method         (ClabPlan    *self,
                                                 const char  *method);
/* A Python file defining task(index, size), run instead of the workload; NULL: none. */
const char  *clab_plan_get_function_file        (ClabPlan    *self);
void         clab_plan_set_function_file        (ClabPlan    *self,
                                                 const char  *path);

G_END_DECLS
