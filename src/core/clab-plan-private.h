/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-json-doc.h"
#include "clab-json-writer.h"
#include "clab-plan-python.h"

G_BEGIN_DECLS

/* Shared between clab-plan.c and its companion clab-plan-python.c, which keeps the plan's
 * runtime fields (runtime, python, start_method, function_file). */
typedef struct _ClabPlanPython ClabPlanPython;

/* The plan's fields, shared by clab-plan.c (the type, its properties and scalar fields) and
 * clab-plan-modes.c (its lists); the runtime fields live in clab-plan-python.c. */
struct _ClabPlan
{
  GObject           parent_instance;

  char             *name;
  char             *title;
  char             *description;
  char             *command;
  char             *io_folder;      /* the io workload's folder; NULL: the temporary one */
  GArray           *modes;          /* of ClabMode */
  GArray           *sweep_workers;  /* of guint */
  double            size;
  ClabWorkloadKind  workload;
  guint             tasks;
  guint             workers;        /* 0: the number of CPUs */
  guint             runs;
  guint             warmup;
  guint             sample_interval_ms;
  double            timeout_s;           /* per task; 0: none */
  gboolean          command_untrusted;   /* read from a file, not typed */
  ClabPlanPython   *python;              /* runtime fields: clab-plan-python.c */
};

/* The "modes" and "sweep-workers" properties as GObject values (clab-plan-modes.c). */
char          **_clab_plan_dup_mode_names       (ClabPlan                *self);
void            _clab_plan_set_mode_names       (ClabPlan                *self,
                                                 const char * const      *names);
GVariant       *_clab_plan_dup_sweep_variant    (ClabPlan                *self);
void            _clab_plan_set_sweep_variant    (ClabPlan                *self,
                                                 GVariant                *variant);

ClabPlanPython *_clab_plan_python_new           (void);
void            _clab_plan_python_copy_into     (const ClabPlanPython    *from,
                                                 ClabPlanPython          *to);
void            _clab_plan_python_free          (ClabPlanPython          *fields);
/* The plan's own runtime fields (clab-plan.c). */
ClabPlanPython *_clab_plan_get_python_fields    (ClabPlan                *self);
/* Installs the runtime properties with ids from @first_id on. */
void            _clab_plan_python_install_properties (GObjectClass       *klass,
                                                      guint               first_id);
/* Property ids counted from @first_id; FALSE for an id that is not one of them. */
gboolean        _clab_plan_python_get_property  (ClabPlan                *self,
                                                 guint                    id,
                                                 GValue                  *value);
gboolean        _clab_plan_python_set_property  (ClabPlan                *self,
                                                 guint                    id,
                                                 const GValue            *value);
/* Reads "runtime", "python", "start_method" and "function_file" from a plan object. */
gboolean        _clab_plan_python_read          (ClabPlan                *self,
                                                 const ClabJsonValue     *object,
                                                 GError                 **error);
/* Writes them, only for the Python runtime: native plans stay as they were. */
void            _clab_plan_python_write_json    (ClabPlan                *self,
                                                 ClabJsonWriter          *writer);
/* Checks the runtime fields without starting anything (see clab_python_runtime_check()). */
gboolean        _clab_plan_python_validate      (ClabPlan                *self,
                                                 const ClabMachineLimits *limits,
                                                 GError                 **error);

G_END_DECLS
