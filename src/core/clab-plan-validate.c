/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>
#include <string.h>

#include "clab-plan.h"
#include "clab-plan-private.h"
#include "clab-result.h"
#include "clab-worker-proc.h"

/* The checks of a plan and the parsing of its text fields; companion of clab-plan.c. */

static char *
dup_valid_mode_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    g_string_append_printf (names, "%s%s", mode > 0 ? ", " : "", clab_mode_to_string (mode));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
no_modes_error (GError **error)
{
  g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                       _("The plan needs at least one mode."));
  return FALSE;
}

static gboolean
duplicate_mode_error (ClabMode   mode,
                      GError   **error)
{
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The mode “%s” is listed twice."), clab_mode_to_string (mode));
  return FALSE;
}

static gboolean
parse_mode (const char  *name,
            ClabMode    *mode,
            GError     **error)
{
  g_autofree char *valid = NULL;

  if (clab_mode_from_string (name, mode))
    return TRUE;
  valid = dup_valid_mode_names ();
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("Unknown mode “%s”. Modes: %s."), name, valid);
  return FALSE;
}

gboolean
clab_plan_parse_modes (ClabPlan    *self,
                       const char  *list,
                       GError     **error)
{
  g_autoptr(GArray) modes = g_array_new (FALSE, FALSE, sizeof (ClabMode));
  g_auto(GStrv) items = NULL;
  gboolean seen[CLAB_N_MODES] = { FALSE, };

  g_return_val_if_fail (CLAB_IS_PLAN (self), FALSE);
  g_return_val_if_fail (list != NULL, FALSE);

  items = g_strsplit (list, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);
      ClabMode mode;

      /* Tolerates "a, b," as people type it. */
      if (*item == '\0')
        continue;
      if (!parse_mode (item, &mode, error))
        return FALSE;
      if (seen[mode])
        return duplicate_mode_error (mode, error);
      seen[mode] = TRUE;
      g_array_append_val (modes, mode);
    }

  if (modes->len == 0)
    return no_modes_error (error);
  clab_plan_set_modes (self, (const ClabMode *) (gpointer) modes->data, modes->len);
  return TRUE;
}

static gboolean
check_range (const char  *what,
             guint        value,
             guint        min,
             guint        max,
             GError     **error)
{
  if (value >= min && value <= max)
    return TRUE;
  /* Translators: the first %s names a setting such as “task count” */
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The %s %u is out of range: it must be between %u and %u."),
               what, value, min, max);
  return FALSE;
}

static gboolean
check_interval (guint    interval_ms,
                GError **error)
{
  if (interval_ms >= 10 && interval_ms <= 10000)
    return TRUE;
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The sample interval %u ms is out of range: it must be between 10 and 10000 ms."),
               interval_ms);
  return FALSE;
}

/* 0 is no limit; below a millisecond a task could not even start. */
static gboolean
check_timeout (double    timeout_s,
               GError  **error)
{
  if (timeout_s == 0
      || (timeout_s >= CLAB_PLAN_MIN_TIMEOUT_S && timeout_s <= CLAB_PLAN_MAX_TIMEOUT_S))
    return TRUE;
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The time limit %.15g s is out of range: it must be 0 (none) or between %g and %g s."),
               timeout_s, CLAB_PLAN_MIN_TIMEOUT_S, CLAB_PLAN_MAX_TIMEOUT_S);
  return FALSE;
}

static gboolean
validate_size (ClabPlan  *self,
               GError   **error)
{
  ClabWorkloadKind workload = clab_plan_get_workload (self);
  const char *unit = clab_workload_size_unit (workload);
  double size = clab_plan_get_size (self);
  double min, max;

  /* The command workload has no size: whatever it holds is ignored. */
  if (workload == CLAB_WORKLOAD_COMMAND)
    return TRUE;
  clab_workload_size_range (workload, &min, &max);
  if (isfinite (size) && size >= min && size <= max)
    return TRUE;
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The size %.15g %s is out of range for the %s workload: it must be between %.15g and %.15g %s."),
               size, unit, clab_workload_kind_to_string (workload), min, max, unit);
  return FALSE;
}

static gboolean
validate_modes (ClabPlan  *self,
                GError   **error)
{
  gboolean seen[CLAB_N_MODES] = { FALSE, };
  const ClabMode *modes;
  guint n_modes;

  modes = clab_plan_get_modes (self, &n_modes);
  if (n_modes == 0)
    return no_modes_error (error);
  for (guint i = 0; i < n_modes; i++)
    {
      if (seen[modes[i]])
        return duplicate_mode_error (modes[i], error);
      seen[modes[i]] = TRUE;
    }
  return TRUE;
}

static gboolean
validate_sweep (ClabPlan  *self,
                GError   **error)
{
  const guint *workers;
  guint n_workers;

  workers = clab_plan_get_sweep_workers (self, &n_workers);
  for (guint i = 0; i < n_workers; i++)
    if (!check_range (_("sweep worker count"), workers[i], 1, CLAB_MAX_WORKERS, error))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

char **
clab_plan_dup_command_argv (ClabPlan  *self,
                            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *command;
  char **argv = NULL;

  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);

  command = clab_plan_get_command (self);
  if (is_blank (command))
    {
      g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                           _("The command workload needs a command to run."));
      return NULL;
    }
  /* Split with shell quoting rules, but the program never runs through a shell. */
  if (!g_shell_parse_argv (command, NULL, &argv, &local_error))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   _("The command “%s” cannot be read: %s"), command, local_error->message);
      return NULL;
    }
  return argv;
}

static gboolean
validate_command (ClabPlan  *self,
                  GError   **error)
{
  g_auto(GStrv) argv = NULL;
  g_autofree char *program = NULL;

  if (clab_plan_get_workload (self) != CLAB_WORKLOAD_COMMAND)
    return TRUE;
  if (!(argv = clab_plan_dup_command_argv (self, error)))
    return FALSE;
  if (!(program = g_find_program_in_path (argv[0])))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   _("The command “%s” was not found."), argv[0]);
      return FALSE;
    }
  return TRUE;
}

/* Checked here, before any run, so that no task fails one by one on a folder it cannot use. */
static gboolean
validate_io_folder (ClabPlan  *self,
                    GError   **error)
{
  const char *folder = clab_plan_get_io_folder (self);

  if (folder == NULL || clab_plan_get_workload (self) != CLAB_WORKLOAD_IO)
    return TRUE;
  if (!g_path_is_absolute (folder))
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                 _("The folder “%s” for the file I/O workload is not an absolute path."), folder);
  else if (!g_file_test (folder, G_FILE_TEST_EXISTS))
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                 _("The folder “%s” for the file I/O workload does not exist."), folder);
  else if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                 _("“%s” is not a folder, so the file I/O workload cannot write in it."), folder);
  else if (g_access (folder, W_OK | X_OK) != 0)
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                 _("The folder “%s” is not writable, so the file I/O workload cannot write in it."),
                 folder);
  else
    return TRUE;
  return FALSE;
}

static gboolean
validate_values (ClabPlan  *self,
                 GError   **error)
{
  return check_range (_("task count"), clab_plan_get_tasks (self), 1, CLAB_MAX_TASKS, error) &&
         check_range (_("worker count"), clab_plan_get_workers (self), 1, CLAB_MAX_WORKERS, error) &&
         check_range (_("run count"), clab_plan_get_runs (self), 1, 1000, error) &&
         check_range (_("warm-up count"), clab_plan_get_warmup (self), 0, 100, error) &&
         check_interval (clab_plan_get_sample_interval_ms (self), error) &&
         check_timeout (clab_plan_get_timeout_s (self), error) &&
         validate_modes (self, error) &&
         validate_size (self, error) &&
         validate_sweep (self, error) &&
         validate_command (self, error) &&
         validate_io_folder (self, error);
}

/* What one mode of a plan holds at once. */
typedef struct
{
  ClabMode mode;
  guint    tasks;          /* running at once */
  guint    threads;
  guint    processes;
  guint    files;          /* descriptors, those open already included */
  guint64  buffer_bytes;   /* each task's */
} ModeLoad;

#define MIB ((guint64) 1 << 20)

/* A worker process's own memory. 500 idle workers of this tree lowered MemAvailable by
 * 0.46 MiB each (Linux 6.18, x86-64: RssAnon 0.34 MiB, page tables 0.06 MiB); VmRSS says
 * 4.5 MiB, but that is mostly library pages shared by all. Twice the measure, for slack. */
#define WORKER_PROCESS_BYTES (1 * MIB)

/* The per-task modes start every task at once; a pool runs W (the sweep's largest W). */
static guint
tasks_at_once (ClabPlan *self,
               ClabMode  mode)
{
  guint tasks = clab_plan_get_tasks (self), workers = clab_plan_get_workers (self), n_sweep;
  const guint *sweep = clab_plan_get_sweep_workers (self, &n_sweep);

  if (mode == CLAB_MODE_SEQUENTIAL)
    return 1;
  if (mode == CLAB_MODE_THREADS || mode == CLAB_MODE_PROCESSES)
    return tasks;
  for (guint i = 0; i < n_sweep; i++)
    workers = MAX (workers, sweep[i]);
  return MIN (workers, tasks);
}

/* Descriptors a task holds in the runner: a worker's pipes, the io workload's file, the
 * pidfd of a command (with /dev/null for a moment while it starts). */
static guint
files_per_task (ClabMode         mode,
                ClabWorkloadKind workload)
{
  if (clab_mode_uses_processes (mode))
    return CLAB_WORKER_PROC_FDS;
  return workload == CLAB_WORKLOAD_IO ? 1 : workload == CLAB_WORKLOAD_COMMAND ? 3 : 0;
}

/* The buffer a task holds: the memory workload's, the io workload's one MiB. */
static guint64
buffer_bytes (ClabWorkloadKind workload,
              double           size)
{
  if (workload == CLAB_WORKLOAD_MEMORY)
    return MAX ((guint64) size, 1) * MIB;
  return workload == CLAB_WORKLOAD_IO ? MIB : 0;
}

static void
mode_load (ClabPlan                *self,
           ClabMode                 mode,
           const ClabMachineLimits *limits,
           ModeLoad                *load)
{
  ClabWorkloadKind workload = clab_plan_get_workload (self);

  load->mode = mode;
  load->tasks = tasks_at_once (self, mode);
  load->threads = mode == CLAB_MODE_SEQUENTIAL ? 0 : load->tasks;
  load->processes = load->tasks * ((clab_mode_uses_processes (mode) ? 1 : 0) +
                                   (workload == CLAB_WORKLOAD_COMMAND ? 1 : 0));
  /* At most a million tasks, five descriptors each, and those the open-file limit let in. */
  load->files = load->tasks * files_per_task (mode, workload) +
                (guint) MIN (limits->open_files_in_use, G_MAXUINT / 2);
  load->buffer_bytes = buffer_bytes (workload, clab_plan_get_size (self));
}

/* @limit is below the need, which a guint holds. */
static gboolean
count_error (const ModeLoad  *load,
             const char      *need,
             const char      *limit_name,
             guint64          limit,
             GError         **error)
{
  g_assert (limit < G_MAXUINT);
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               g_dngettext (GETTEXT_PACKAGE,
                            /* TRANSLATORS: e.g. “10 tasks in the “threads” mode need 10
                             * threads at once, but the system’s limit of threads
                             * (kernel.threads-max) is 8.” */
                            "%u task in the “%s” mode needs %s at once, but %s is %u.",
                            "%u tasks in the “%s” mode need %s at once, but %s is %u.",
                            load->tasks),
               load->tasks, clab_mode_to_string (load->mode), need, limit_name, (guint) limit);
  return FALSE;
}

/* Each thread and each process takes one of the system's ids and counts towards each
 * limit. Other programs' threads count too, so near a limit a task can still fail to
 * start: it then fails with the reason, as in any run. */
static gboolean
check_threads (const ModeLoad          *load,
               const ClabMachineLimits *limits,
               GError                 **error)
{
  guint n = load->threads + load->processes;
  g_autofree char *need = NULL;

  if (n <= MIN (limits->pid_max, MIN (limits->threads_max, limits->processes_per_user)))
    return TRUE;
  need = load->processes == 0
         ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thread", "%u threads", n), n)
         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thread and process",
                                         "%u threads and processes", n), n);
  if (n > limits->pid_max)
    return count_error (load, need, _("the system’s limit of process IDs (kernel.pid_max)"),
                        limits->pid_max, error);
  if (n > limits->threads_max)
    return count_error (load, need, _("the system’s limit of threads (kernel.threads-max)"),
                        limits->threads_max, error);
  return count_error (load, need, _("the limit of processes per user (ulimit -u)"),
                      limits->processes_per_user, error);
}

static gboolean
check_files (const ModeLoad          *load,
             const ClabMachineLimits *limits,
             GError                 **error)
{
  g_autofree char *need = NULL;

  if (load->files <= limits->open_files_max)
    return TRUE;
  need = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u open file",
                                      "about %u open files", load->files), load->files);
  return count_error (load, need, _("the limit of open files (ulimit -Hn)"),
                      limits->open_files_max, error);
}

static char *
format_bytes (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

static gboolean
check_buffers (const ModeLoad          *load,
               const ClabMachineLimits *limits,
               GError                 **error)
{
  guint64 need = load->tasks * load->buffer_bytes;
  g_autofree char *each = NULL, *all = NULL, *available = NULL;

  if (need <= limits->memory_available)
    return TRUE;
  each = format_bytes (load->buffer_bytes);
  all = format_bytes (need);
  available = format_bytes (limits->memory_available);
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               g_dngettext (GETTEXT_PACKAGE,
                            "The “%s” mode holds %u buffer of %s at once, %s in all, but only %s of memory is available.",
                            "The “%s” mode holds %u buffers of %s at once, %s in all, but only %s of memory is available.",
                            load->tasks),
               clab_mode_to_string (load->mode), load->tasks, each, all, available);
  return FALSE;
}

/* A worker process costs memory of its own besides its task's buffer. */
static gboolean
check_worker_memory (const ModeLoad          *load,
                     const ClabMachineLimits *limits,
                     GError                 **error)
{
  guint64 per_process = WORKER_PROCESS_BYTES + load->buffer_bytes;
  g_autofree char *each = NULL, *all = NULL, *available = NULL;

  if (!clab_mode_uses_processes (load->mode) ||
      load->tasks * per_process <= limits->memory_available)
    return TRUE;
  each = format_bytes (per_process);
  all = format_bytes (load->tasks * per_process);
  available = format_bytes (limits->memory_available);
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               g_dngettext (GETTEXT_PACKAGE,
                            "The “%s” mode starts %u worker process at once, about %s each, %s in all, but only %s of memory is available.",
                            "The “%s” mode starts %u worker processes at once, about %s each, %s in all, but only %s of memory is available.",
                            load->tasks),
               clab_mode_to_string (load->mode), load->tasks, each, all, available);
  return FALSE;
}

/* The runs a plan keeps until its result is written, as the runner counts them: a sweep
 * repeats only the pools. */
static guint64
runs_kept (ClabPlan *self)
{
  guint n_modes, n_sweep;
  const ClabMode *modes = clab_plan_get_modes (self, &n_modes);
  guint64 per_round = 0;

  clab_plan_get_sweep_workers (self, &n_sweep);
  for (guint i = 0; i < n_modes; i++)
    per_round += clab_mode_is_pool (modes[i]) ? MAX (n_sweep, 1) : 1;
  return per_round * ((guint64) clab_plan_get_runs (self) + clab_plan_get_warmup (self));
}

/* Every task of every run stays in memory until the result is written (a ClabTask each,
 * 72 bytes), and then its JSON too (about 180 bytes a task, measured): a run of a million
 * tasks takes about 250 MiB. */
#define RESULT_BYTES_PER_TASK (sizeof (ClabTask) + 190)

static gboolean
check_result_memory (ClabPlan                *self,
                     const ClabMachineLimits *limits,
                     GError                 **error)
{
  guint64 runs = runs_kept (self), tasks = clab_plan_get_tasks (self);
  guint64 need = runs * tasks * RESULT_BYTES_PER_TASK;
  g_autofree char *all = NULL, *available = NULL;

  if (need <= limits->memory_available)
    return TRUE;
  all = format_bytes (need);
  available = format_bytes (limits->memory_available);
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               g_dngettext (GETTEXT_PACKAGE,
                            "The plan keeps %u task of every run until it ends: %u runs take about %s, but only %s of memory is available.",
                            "The plan keeps the %u tasks of every run until it ends: %u runs take about %s, but only %s of memory is available.",
                            (gulong) tasks),
               (guint) tasks, (guint) MIN (runs, G_MAXUINT), all, available);
  return FALSE;
}

static gboolean
check_limits (ClabPlan                *self,
              const ClabMachineLimits *limits,
              GError                 **error)
{
  guint n_modes;
  const ClabMode *modes = clab_plan_get_modes (self, &n_modes);

  for (guint i = 0; i < n_modes; i++)
    {
      ModeLoad load;

      mode_load (self, modes[i], limits, &load);
      if (!check_threads (&load, limits, error) || !check_files (&load, limits, error) ||
          !check_buffers (&load, limits, error) || !check_worker_memory (&load, limits, error))
        return FALSE;
    }
  return check_result_memory (self, limits, error);
}

gboolean
clab_plan_validate_with_limits (ClabPlan                *self,
                                const ClabMachineLimits *limits,
                                GError                 **error)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), FALSE);
  g_return_val_if_fail (limits != NULL, FALSE);

  return validate_values (self, error) && _clab_plan_python_validate (self, limits, error)
         && check_limits (self, limits, error);
}

gboolean
clab_plan_validate (ClabPlan  *self,
                    GError   **error)
{
  ClabMachineLimits limits;

  g_return_val_if_fail (CLAB_IS_PLAN (self), FALSE);

  clab_machine_limits_init_local (&limits);
  return clab_plan_validate_with_limits (self, &limits, error);
}

