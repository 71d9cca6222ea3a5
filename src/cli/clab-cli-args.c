/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-cli-args.h"
#include "clab-plan-python.h"
#include "clab-python-runtime.h"

/* The default comparison: every mode against sequential, in a few seconds on two cores. */
#define DEFAULT_PRESET "cpu-bound"
#define DEFAULT_SIZE   50.0

#define MIN_SAMPLE_INTERVAL_MS 10
#define MAX_SAMPLE_INTERVAL_MS 10000
#define MAX_RUNS               10000
#define MAX_WARMUP             1000

typedef void (*CountSetter) (ClabPlan *plan,
                             guint     value);

typedef struct
{
  gsize        offset;
  const char  *option;
  guint        min;
  guint        max;
  CountSetter  set;
} CountOption;

static const CountOption count_options[] = {
  { G_STRUCT_OFFSET (ClabCliArgs, tasks), "--tasks", 1, CLAB_MAX_TASKS, clab_plan_set_tasks },
  { G_STRUCT_OFFSET (ClabCliArgs, workers), "--workers", 1, CLAB_MAX_WORKERS, clab_plan_set_workers },
  { G_STRUCT_OFFSET (ClabCliArgs, runs), "--runs", 1, MAX_RUNS, clab_plan_set_runs },
  { G_STRUCT_OFFSET (ClabCliArgs, warmup), "--warmup", 0, MAX_WARMUP, clab_plan_set_warmup },
  { G_STRUCT_OFFSET (ClabCliArgs, sample_interval), "--sample-interval",
    MIN_SAMPLE_INTERVAL_MS, MAX_SAMPLE_INTERVAL_MS, clab_plan_set_sample_interval_ms },
};

/* A size that suits each workload when --workload changes it without --size. */
static const double default_sizes[CLAB_N_WORKLOADS] = {
  [CLAB_WORKLOAD_SLEEP] = 1.0,
  [CLAB_WORKLOAD_CPU] = 100.0,
  [CLAB_WORKLOAD_LOCK] = 100.0,
  [CLAB_WORKLOAD_IO] = 16.0,
  [CLAB_WORKLOAD_MEMORY] = 64.0,
  [CLAB_WORKLOAD_COMMAND] = 0.0,
};

void
clab_cli_args_clear (ClabCliArgs *args)
{
  g_clear_pointer (&args->preset, g_free);
  g_clear_pointer (&args->workload, g_free);
  g_clear_pointer (&args->size, g_free);
  g_clear_pointer (&args->tasks, g_free);
  g_clear_pointer (&args->workers, g_free);
  g_clear_pointer (&args->modes, g_free);
  g_clear_pointer (&args->runs, g_free);
  g_clear_pointer (&args->warmup, g_free);
  g_clear_pointer (&args->command, g_free);
  g_clear_pointer (&args->sample_interval, g_free);
  g_clear_pointer (&args->sweep_workers, g_free);
  g_clear_pointer (&args->timeout, g_free);
  g_clear_pointer (&args->io_folder, g_free);
  g_clear_pointer (&args->runtime, g_free);
  g_clear_pointer (&args->python, g_free);
  g_clear_pointer (&args->start_method, g_free);
  g_clear_pointer (&args->function, g_free);
  g_clear_pointer (&args->json, g_free);
  g_clear_pointer (&args->csv, g_free);
  g_clear_pointer (&args->summary_csv, g_free);
  g_clear_pointer (&args->markdown, g_free);
  g_clear_pointer (&args->report, g_free);
  g_clear_pointer (&args->charts, g_strfreev);
  g_clear_pointer (&args->chart_types, g_strfreev);
  g_clear_pointer (&args->chart_size, g_free);
  g_clear_pointer (&args->chart_theme, g_free);
}

gboolean
clab_cli_bad_value (GError     **error,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return FALSE;
}

static gboolean
parse_count (const char  *option,
             const char  *text,
             guint        min,
             guint        max,
             guint       *value,
             GError     **error)
{
  guint64 parsed;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &parsed, NULL))
    return clab_cli_bad_value (error, _("%s must be a whole number from %u to %u, not “%s”."),
                      option, min, max, text);
  *value = parsed;
  return TRUE;
}

static gboolean
apply_counts (ClabPlan     *plan,
              ClabCliArgs  *args,
              GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (count_options); i++)
    {
      const CountOption *option = &count_options[i];
      const char *text = G_STRUCT_MEMBER (char *, args, option->offset);
      guint value = 0;

      if (text == NULL)
        continue;
      if (!parse_count (option->option, text, option->min, option->max, &value, error))
        return FALSE;
      option->set (plan, value);
    }
  return TRUE;
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static gboolean
apply_sweep (ClabPlan    *plan,
             const char  *text,
             GError     **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; items[i] != NULL; i++)
    {
      guint value = 0;

      if (!parse_count ("--sweep-workers", g_strstrip (items[i]), 1, CLAB_MAX_WORKERS,
                        &value, error))
        return FALSE;
      g_array_append_val (counts, value);
    }
  g_array_sort (counts, compare_counts);
  for (guint i = counts->len - 1; i > 0; i--)
    if (g_array_index (counts, guint, i) == g_array_index (counts, guint, i - 1))
      g_array_remove_index (counts, i);
  if (counts->len < 2)
    return clab_cli_bad_value (error, _("--sweep-workers needs at least two worker counts, such as 1,2,4, not “%s”."),
                      text);
  clab_plan_set_sweep_workers (plan, (const guint *) counts->data, counts->len);
  return TRUE;
}

static char *
dup_workload_names (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < CLAB_N_WORKLOADS; i++)
    g_strv_builder_add (builder, clab_workload_kind_to_string (i));
  names = g_strv_builder_end (builder);
  return g_strjoinv (", ", names);
}

static gboolean
parse_workload (ClabCliArgs       *args,
                ClabWorkloadKind  *kind,
                GError           **error)
{
  g_autofree char *names = NULL;

  if (args->workload == NULL)
    {
      /* --command alone says which workload is meant. */
      if (args->command != NULL)
        *kind = CLAB_WORKLOAD_COMMAND;
      return TRUE;
    }
  if (clab_workload_kind_from_string (args->workload, kind))
    return TRUE;
  names = dup_workload_names ();
  return clab_cli_bad_value (error, _("Unknown workload “%s”; choose one of %s."), args->workload, names);
}

/* Another workload or runtime makes it another plan: the preset's words no longer fit
 * ("CPU-bound work … C threads do not share a global lock" above a Python run). */
static void
forget_preset_words (ClabPlan *plan)
{
  clab_plan_set_name (plan, NULL);
  clab_plan_set_title (plan, NULL);
  clab_plan_set_description (plan, NULL);
}

static void
change_workload (ClabPlan         *plan,
                 ClabWorkloadKind  kind)
{
  double min, max;

  clab_workload_size_range (kind, &min, &max);
  clab_plan_set_workload (plan, kind);
  clab_plan_set_size (plan, CLAMP (default_sizes[kind], min, max));
  forget_preset_words (plan);
}

/* Digits with an optional fraction and exponent: strtod() would also take "0x10" and "inf". */
static gboolean
is_decimal (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (digits && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return digits && *p == '\0';
}

static gboolean
apply_size (ClabPlan          *plan,
            ClabWorkloadKind   kind,
            const char        *text,
            GError           **error)
{
  double min, max, size;
  char *end = NULL;

  if (text == NULL)
    return TRUE;
  if (kind == CLAB_WORKLOAD_COMMAND)
    return clab_cli_bad_value (error, _("--size does not apply to the command workload."));
  clab_workload_size_range (kind, &min, &max);
  size = g_ascii_strtod (text, &end);
  if (!is_decimal (text) || end == text || *end != '\0' || !isfinite (size) || size < min || size > max)
    return clab_cli_bad_value (error, _("--size must be a number from %.12g to %.12g %s for the %s workload, not “%s”."),
                      min, max, clab_workload_size_unit (kind),
                      clab_workload_kind_to_string (kind), text);
  clab_plan_set_size (plan, size);
  return TRUE;
}

static gboolean
apply_workload (ClabPlan     *plan,
                ClabCliArgs  *args,
                GError      **error)
{
  ClabWorkloadKind kind = clab_plan_get_workload (plan);

  if (!parse_workload (args, &kind, error))
    return FALSE;
  if (args->command != NULL && kind != CLAB_WORKLOAD_COMMAND)
    return clab_cli_bad_value (error, _("--command only applies to the command workload, not to %s."),
                      clab_workload_kind_to_string (kind));
  if (kind != clab_plan_get_workload (plan))
    change_workload (plan, kind);
  if (args->command != NULL)
    {
      clab_plan_set_command (plan, args->command);
      clab_plan_set_command_trusted (plan, TRUE);
    }
  if (kind == CLAB_WORKLOAD_COMMAND && clab_plan_get_command (plan) == NULL)
    return clab_cli_bad_value (error, _("The command workload needs --command 'PROGRAM ARGUMENTS'."));
  return apply_size (plan, kind, args->size, error);
}

static gboolean
apply_timeout (ClabPlan     *plan,
               const char   *text,
               GError      **error)
{
  char *end = NULL;
  double timeout = g_ascii_strtod (text, &end);

  if (!is_decimal (text) || end == text || *end != '\0' || !isfinite (timeout)
      || (timeout != 0
          && (timeout < CLAB_PLAN_MIN_TIMEOUT_S || timeout > CLAB_PLAN_MAX_TIMEOUT_S)))
    return clab_cli_bad_value (error, _("--timeout must be 0 (no limit) or a number of seconds from %g to %g, not “%s”."),
                               CLAB_PLAN_MIN_TIMEOUT_S, CLAB_PLAN_MAX_TIMEOUT_S, text);
  clab_plan_set_timeout_s (plan, timeout);
  return TRUE;
}

/* A relative folder is taken from where the command runs, and stored whole in the plan;
 * clab_plan_validate() says what is wrong with it. */
static gboolean
apply_io_folder (ClabPlan   *plan,
                 const char *folder)
{
  g_autofree char *absolute = g_canonicalize_filename (folder, NULL);

  clab_plan_set_io_folder (plan, absolute);
  return TRUE;
}

static gboolean
is_builtin_preset (const char *name)
{
  g_auto(GStrv) names = clab_plan_list_presets ();

  return g_strv_contains ((const char * const *) names, name);
}

/* A file in the current folder must not stand in for a built-in preset of its name. */
static gboolean
looks_like_path (const char *preset)
{
  return strchr (preset, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (preset, ".json");
}

static ClabPlan *
load_preset (const char  *name,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *list = NULL;
  ClabPlan *plan;

  plan = clab_plan_load_preset (name, &local_error);
  if (plan != NULL)
    return plan;
  if (!g_error_matches (local_error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  names = clab_plan_list_presets ();
  list = g_strjoinv (", ", names);
  if (g_file_test (name, G_FILE_TEST_EXISTS))
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND,
                 _("There is no preset named “%s”; the presets are %s. For the file of that name, write ./%s."),
                 name, list, name);
  else
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND,
                 _("There is no preset named “%s”; the presets are %s."), name, list);
  return NULL;
}

static ClabPlan *
load_default_plan (GError **error)
{
  ClabPlan *plan = load_preset (DEFAULT_PRESET, error);

  if (plan == NULL)
    return NULL;
  /* A smaller size than the preset's: the same lesson, sooner. */
  clab_plan_set_size (plan, DEFAULT_SIZE);
  clab_plan_set_name (plan, NULL);
  return plan;
}

static ClabPlan *
load_base_plan (const char  *preset,
                GError     **error)
{
  if (preset == NULL)
    return load_default_plan (error);
  if (!is_builtin_preset (preset) && looks_like_path (preset))
    return clab_plan_load (preset, error);
  return load_preset (preset, error);
}

/* A command from a file runs only when the command line says so: a result from another
 * machine, or a file planted in a shared folder, can hold any command. */
static gboolean
check_command_allowed (ClabPlan     *plan,
                       ClabCliArgs  *args,
                       GError      **error)
{
  if (clab_plan_get_workload (plan) != CLAB_WORKLOAD_COMMAND
      || clab_plan_get_command_trusted (plan) || args->allow_command)
    return TRUE;
  return clab_cli_bad_value (error, _("The file “%s” runs the command “%s”. Run it only if you trust the file: add --allow-command, or give the command yourself with --command."),
                             args->preset, clab_plan_get_command (plan));
}

/* --python, --start-method and --function imply the Python runtime. */
static gboolean
apply_runtime (ClabPlan     *plan,
               ClabCliArgs  *args,
               GError      **error)
{
  gboolean python_options = args->python != NULL || args->start_method != NULL
                            || args->function != NULL;
  ClabRuntime runtime = python_options ? CLAB_RUNTIME_PYTHON : clab_plan_get_runtime (plan);

  if (args->runtime != NULL && !clab_runtime_from_string (args->runtime, &runtime))
    return clab_cli_bad_value (error, _("Unknown runtime “%s”; the runtimes are native and python."),
                               args->runtime);
  if (runtime == CLAB_RUNTIME_NATIVE && python_options)
    return clab_cli_bad_value (error, _("--python, --start-method and --function need --runtime python."));
  if (args->start_method != NULL && !clab_start_method_is_known (args->start_method))
    return clab_cli_bad_value (error, _("Unknown start method “%s”; the start methods are fork, spawn and forkserver."),
                               args->start_method);
  if (runtime != clab_plan_get_runtime (plan))
    forget_preset_words (plan);
  clab_plan_set_runtime (plan, runtime);
  if (args->python != NULL)
    clab_plan_set_python (plan, args->python);
  if (args->start_method != NULL)
    clab_plan_set_start_method (plan, args->start_method);
  if (args->function != NULL)
    clab_plan_set_function_file (plan, args->function);
  /* A plan file's Python file is someone's code, as a plan file's command is. */
  if (args->function == NULL && clab_plan_get_function_file (plan) != NULL
      && args->preset != NULL && !is_builtin_preset (args->preset) && !args->allow_command)
    return clab_cli_bad_value (error, _("The file “%s” runs the Python file “%s”. Run it only if you trust both: add --allow-command, or give the file yourself with --function."),
                               args->preset, clab_plan_get_function_file (plan));
  return TRUE;
}

/* The interpreter runs once before anything is measured: a missing or old one, or a
 * function file that does not load, is bad input. */
static gboolean
check_python (ClabPlan  *plan,
              GError   **error)
{
  return clab_plan_get_runtime (plan) != CLAB_RUNTIME_PYTHON
         || clab_python_runtime_check (plan, NULL, error);
}

ClabPlan *
clab_cli_args_build_plan (ClabCliArgs  *args,
                          GError      **error)
{
  g_autoptr(ClabPlan) plan = NULL;

  plan = load_base_plan (args->preset, error);
  if (plan == NULL)
    return NULL;
  if (!apply_workload (plan, args, error)
      || !check_command_allowed (plan, args, error)
      || !apply_runtime (plan, args, error)
      || !apply_counts (plan, args, error)
      || (args->modes != NULL && !clab_plan_parse_modes (plan, args->modes, error))
      || (args->sweep_workers != NULL && !apply_sweep (plan, args->sweep_workers, error))
      || (args->timeout != NULL && !apply_timeout (plan, args->timeout, error))
      || (args->io_folder != NULL && !apply_io_folder (plan, args->io_folder))
      || !clab_plan_validate (plan, error)
      || !check_python (plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}
