/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "clab-json-doc.h"
#include "clab-json-writer.h"
#include "clab-types.h"

G_BEGIN_DECLS

#define CLAB_TYPE_PLAN (clab_plan_get_type ())

G_DECLARE_FINAL_TYPE (ClabPlan, clab_plan, CLAB, PLAN, GObject)

#define CLAB_MAX_WORKERS 1024
#define CLAB_MAX_TASKS   1000000
/* The largest plan read from a file or a pipe: a plan is a few hundred bytes. */
#define CLAB_PLAN_MAX_BYTES (1024 * 1024)

/* What a machine lets one run hold at once; G_MAXUINT64 where there is no limit. */
typedef struct
{
  guint64 processes_per_user;   /* RLIMIT_NPROC, soft: threads count too */
  guint64 threads_max;          /* kernel.threads-max */
  guint64 pid_max;              /* kernel.pid_max: every thread takes an id too */
  guint64 open_files_max;       /* RLIMIT_NOFILE, hard: the runner raises the soft one to it */
  guint64 open_files_in_use;    /* descriptors this process holds already */
  guint64 memory_available;     /* bytes, MemAvailable */
} ClabMachineLimits;

ClabPlan         *clab_plan_new                    (void);
ClabPlan         *clab_plan_copy                   (ClabPlan          *self);
/* Name, title and description are set by presets; all three may be NULL. */
const char       *clab_plan_get_name               (ClabPlan          *self);
void              clab_plan_set_name               (ClabPlan          *self,
                                                    const char        *name);
const char       *clab_plan_get_title              (ClabPlan          *self);
void              clab_plan_set_title              (ClabPlan          *self,
                                                    const char        *title);
const char       *clab_plan_get_description        (ClabPlan          *self);
void              clab_plan_set_description        (ClabPlan          *self,
                                                    const char        *description);
ClabWorkloadKind  clab_plan_get_workload           (ClabPlan          *self);
void              clab_plan_set_workload           (ClabPlan          *self,
                                                    ClabWorkloadKind   workload);
double            clab_plan_get_size               (ClabPlan          *self);
void              clab_plan_set_size               (ClabPlan          *self,
                                                    double             size);
guint             clab_plan_get_tasks              (ClabPlan          *self);
void              clab_plan_set_tasks              (ClabPlan          *self,
                                                    guint              tasks);
/* Workers: the number of CPUs unless set. */
guint             clab_plan_get_workers            (ClabPlan          *self);
void              clab_plan_set_workers            (ClabPlan          *self,
                                                    guint              workers);
guint             clab_plan_get_runs               (ClabPlan          *self);
void              clab_plan_set_runs               (ClabPlan          *self,
                                                    guint              runs);
guint             clab_plan_get_warmup             (ClabPlan          *self);
void              clab_plan_set_warmup             (ClabPlan          *self,
                                                    guint              warmup);
const char       *clab_plan_get_command            (ClabPlan          *self);
void              clab_plan_set_command            (ClabPlan          *self,
                                                    const char        *command);
/* The folder the io workload writes its temporary files in; NULL: the temporary folder. */
const char       *clab_plan_get_io_folder          (ClabPlan          *self);
void              clab_plan_set_io_folder          (ClabPlan          *self,
                                                    const char        *folder);
/* Whether the command may run without asking: FALSE for a command read from a file
 * (a plan, a result, a saved comparison), TRUE for one typed in this session. */
gboolean          clab_plan_get_command_trusted    (ClabPlan          *self);
void              clab_plan_set_command_trusted    (ClabPlan          *self,
                                                    gboolean           trusted);
guint             clab_plan_get_sample_interval_ms (ClabPlan          *self);
void              clab_plan_set_sample_interval_ms (ClabPlan          *self,
                                                    guint              interval_ms);
#define CLAB_PLAN_MIN_TIMEOUT_S 0.001
#define CLAB_PLAN_MAX_TIMEOUT_S 86400.0
/* The time limit of each task in seconds; a task past it is stopped as timed out. 0: none. */
double            clab_plan_get_timeout_s          (ClabPlan          *self);
void              clab_plan_set_timeout_s          (ClabPlan          *self,
                                                    double             timeout_s);
/* Modes in the order the user gave; a run interleaves them in this order. */
const ClabMode   *clab_plan_get_modes              (ClabPlan          *self,
                                                    guint             *n_modes);
void              clab_plan_set_modes              (ClabPlan          *self,
                                                    const ClabMode    *modes,
                                                    guint              n_modes);
gboolean          clab_plan_has_mode               (ClabPlan          *self,
                                                    ClabMode           mode);
/* Whether a mode of @self has workers at all: only the pools do, the per-task modes start
 * a thread or a process per task. */
gboolean          clab_plan_has_pool               (ClabPlan          *self);
/* Worker counts of a scaling sweep; none means a single worker count. */
const guint      *clab_plan_get_sweep_workers      (ClabPlan          *self,
                                                    guint             *n_workers);
void              clab_plan_set_sweep_workers      (ClabPlan          *self,
                                                    const guint       *workers,
                                                    guint              n_workers);
/* Parses a comma separated list such as "threads,processes". */
gboolean          clab_plan_parse_modes            (ClabPlan          *self,
                                                    const char        *list,
                                                    GError           **error);
/* Checks every value, for the command workload that the program exists, and that this
 * machine can hold what the plan starts at once. */
gboolean          clab_plan_validate               (ClabPlan          *self,
                                                    GError           **error);
/* As clab_plan_validate(), against @limits instead of this machine's. */
gboolean          clab_plan_validate_with_limits   (ClabPlan          *self,
                                                    const ClabMachineLimits *limits,
                                                    GError           **error);
/* Reads this machine's and this process's limits. */
void              clab_machine_limits_init_local   (ClabMachineLimits *limits);
/* Returns the argv of the command workload, or NULL with @error set. */
char            **clab_plan_dup_command_argv       (ClabPlan          *self,
                                                    GError           **error);
/* The unit of the size of a workload, e.g. "s" or "MiB"; empty for command. */
const char       *clab_workload_size_unit          (ClabWorkloadKind   kind);
/* A task's size for people in the reader's language, "50 work units", "1 work unit",
 * "2 s", "16 MiB"; empty for command. */
char             *clab_workload_dup_size_text      (ClabWorkloadKind   kind,
                                                    double             size);
/* The workload's name as the window shows it, "Computation"; translated. */
const char       *clab_workload_label              (ClabWorkloadKind   kind);
/* The inclusive range of sizes a workload accepts. */
void              clab_workload_size_range         (ClabWorkloadKind   kind,
                                                    double            *min,
                                                    double            *max);
/* Writes the plan as a JSON object; @multiline puts its members on lines of their own. */
void              clab_plan_write_json             (ClabPlan          *self,
                                                    ClabJsonWriter    *writer,
                                                    gboolean           multiline);
/* The plan as JSON text, as plan files hold it (@pretty: a member per line). */
char             *clab_plan_to_json_string         (ClabPlan          *self,
                                                    gboolean           pretty);
/* Reads a plan, or the plan of a whole result file, from parsed JSON. */
ClabPlan         *clab_plan_new_from_value         (const ClabJsonValue *value,
                                                    GError           **error);
/* Parses and reads a plan of at most CLAB_PLAN_MAX_BYTES; @display_name names it in errors. */
ClabPlan         *clab_plan_new_from_data          (const char        *data,
                                                    gsize              length,
                                                    const char        *display_name,
                                                    GError           **error);
/* Reads a plan file: a regular file of at most CLAB_PLAN_MAX_BYTES. */
ClabPlan         *clab_plan_load                   (const char        *path,
                                                    GError           **error);
gboolean          clab_plan_save                   (ClabPlan          *self,
                                                    const char        *path,
                                                    GError           **error);
/* Finds a built-in preset by name (e.g. "sleep-2x2"). */
ClabPlan         *clab_plan_load_preset            (const char        *name,
                                                    GError           **error);
/* The title to show for @self: a built-in preset's own title in the reader's language
 * (a file or another program may have stored it in English), any other as written. */
const char       *clab_plan_get_shown_title        (ClabPlan          *self);
/* The same for the description. */
const char       *clab_plan_get_shown_description  (ClabPlan          *self);
/* The names of the built-in presets, in display order. */
char            **clab_plan_list_presets           (void);

G_END_DECLS
