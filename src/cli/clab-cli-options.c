/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "clab-atomic-file.h"
#include "clab-cli-args.h"
#include "clab-cli-counterpart.h"
#include "clab-cli-options.h"
#include "clab-report.h"
#include "clab-result-io.h"

#define RUN_SUMMARY N_( \
  "Runs one workload sequentially, on threads, on a thread pool, in processes and in a\n" \
  "process pool, then compares the runs as hyperfine does: mean ± σ, speedup against\n" \
  "sequential, efficiency, CPU use, memory and overhead. Without options it runs\n" \
  "the default comparison: the cpu-bound preset with a size of 50, in a few seconds.\n" \
  "\n" \
  "Commands:\n" \
  "  run       measure a plan and print the comparison (the default)\n" \
  "  render    draw charts, or print the report, from a saved RESULT.json\n" \
  "  compare   put saved results side by side: A.json B.json …\n" \
  "  presets   list the built-in presets")

#define RUN_DESCRIPTION N_( \
  "Workloads and what --size means:\n" \
  "  sleep     seconds of waiting, as IO latency\n" \
  "  cpu       work units of computing (1 unit ≈ 1 ms)\n" \
  "  lock      cpu work under one lock shared by the tasks of a process (a GIL)\n" \
  "  io        MiB written, synced, read back and deleted\n" \
  "  memory    MiB allocated and streamed over\n" \
  "  command   an external program given by --command, run without a shell\n" \
  "Modes: sequential, threads, thread-pool, processes, process-pool.\n" \
  "With --runtime python the modes are CPython's: a for loop, threading.Thread,\n" \
  "ThreadPoolExecutor, multiprocessing.Process and multiprocessing.Pool; --python,\n" \
  "--start-method and --function imply it. The workloads are then written in Python\n" \
  "(cpu: 1 unit ≈ 1 ms of interpreter work); command is native only.\n" \
  "Charts: types elapsed, cpu, timeline and scaling; the format follows the\n" \
  "extension: .png, .svg or .pdf; themes light, dark and transparent.\n" \
  "Options given with --preset override the preset's values.\n" \
  "\n" \
  "Examples:\n" \
  "  concurrency-lab-cli\n" \
  "  concurrency-lab-cli run --preset sleep-2x2 --json result.json\n" \
  "  concurrency-lab-cli run --workload cpu --size 200 --tasks 8 --workers 2 \\\n" \
  "      --modes sequential,thread-pool,process-pool\n" \
  "  concurrency-lab-cli run --preset gil-lock --runs 5 --chart gil.png\n" \
  "  concurrency-lab-cli run --workload cpu --tasks 16 --sweep-workers 1,2,4,8 \\\n" \
  "      --modes sequential,thread-pool --chart scaling.svg --chart-type scaling\n" \
  "  concurrency-lab-cli run --command 'gzip -9 -c /etc/services' --tasks 8\n" \
  "  concurrency-lab-cli run --preset python-gil --python python3.13t\n" \
  "  concurrency-lab-cli run --function task.py --size 10 --start-method spawn\n" \
  "  concurrency-lab-cli render result.json --chart cpu.pdf --chart-type cpu\n" \
  "  concurrency-lab-cli presets\n" \
  "\n" \
  "Exit status: 0 when the run completed (failed tasks are reported, not fatal),\n" \
  "1 when running or writing a file failed, 2 for bad input (nothing ran),\n" \
  "130 when cancelled with Ctrl+C (the partial result is still reported and saved).")

#define RENDER_SUMMARY N_( \
  "Draws charts from a result saved with --json, so that a result measured on a\n" \
  "server can be plotted elsewhere, or writes one PDF or HTML report with everything\n" \
  "(--report). Without --chart or --report it prints the report again.")

#define RENDER_DESCRIPTION N_( \
  "Examples:\n" \
  "  concurrency-lab-cli render result.json --chart elapsed.png\n" \
  "  concurrency-lab-cli render result.json --chart timeline.svg --chart-type timeline \\\n" \
  "      --chart cpu.pdf --chart-type cpu --chart-size 1920x1080 --chart-theme dark\n" \
  "  concurrency-lab-cli render result.json --markdown summary.md\n" \
  "  concurrency-lab-cli render result.json --report report.pdf")

ClabCliOptions *
clab_cli_options_new (void)
{
  return g_new0 (ClabCliOptions, 1);
}

void
clab_cli_options_free (ClabCliOptions *self)
{
  g_clear_object (&self->plan);
  g_clear_object (&self->result);
  g_clear_pointer (&self->json_path, g_free);
  g_clear_pointer (&self->csv_path, g_free);
  g_clear_pointer (&self->summary_csv_path, g_free);
  g_clear_pointer (&self->markdown_path, g_free);
  g_clear_pointer (&self->report_path, g_free);
  g_clear_pointer (&self->charts, clab_cli_charts_free);
  g_clear_pointer (&self->help_text, g_free);
  g_clear_object (&self->counterpart);
  g_clear_pointer (&self->counterpart_json_path, g_free);
  g_free (self);
}

static void
remove_arg (char **args,
            guint  i)
{
  g_free (args[i]);
  memmove (&args[i], &args[i + 1], (g_strv_length (args) - i) * sizeof (char *));
}

/* The first word picks the command; "run" may be left out. */
static gboolean
take_command (ClabCliOptions  *self,
              char           **args,
              GError         **error)
{
  const char *word = args[0] != NULL ? args[1] : NULL;

  self->command = CLAB_CLI_COMMAND_RUN;
  if (word == NULL || word[0] == '-')
    return TRUE;
  if (g_str_equal (word, "render"))
    self->command = CLAB_CLI_COMMAND_RENDER;
  else if (g_str_equal (word, "presets"))
    self->command = CLAB_CLI_COMMAND_PRESETS;
  else if (!g_str_equal (word, "run"))
    return clab_cli_bad_value (error, _("Unknown command “%s”; the commands are run, render, compare and presets (see --help)."),
                      word);
  remove_arg (args, 1);
  return TRUE;
}

static void
add_common_entries (GOptionContext *context,
                    ClabCliArgs    *args)
{
  const GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &args->help, N_("Show this help and exit"), NULL },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &args->version, N_("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static void
add_group (GOptionContext     *context,
           const char         *name,
           const char         *description,
           const GOptionEntry *entries)
{
  GOptionGroup *group = g_option_group_new (name, description, description, NULL, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  g_option_context_add_group (context, group);
}

static void
add_plan_entries (GOptionContext *context,
                  ClabCliArgs    *args)
{
  const GOptionEntry entries[] = {
    { "preset", 'p', 0, G_OPTION_ARG_FILENAME, &args->preset,
      N_("Start from a built-in preset (see the presets command) or a plan file: a path such as ./plan.json"), N_("NAME|FILE") },
    { "workload", 'k', 0, G_OPTION_ARG_STRING, &args->workload,
      N_("The work of each task: sleep, cpu, lock, io, memory or command"), N_("KIND") },
    { "size", 's', 0, G_OPTION_ARG_STRING, &args->size,
      N_("How much work one task does, in the workload's unit"), N_("SIZE") },
    { "tasks", 'n', 0, G_OPTION_ARG_STRING, &args->tasks,
      N_("How many tasks each run executes"), N_("N") },
    { "workers", 'j', 0, G_OPTION_ARG_STRING, &args->workers,
      N_("Workers of the pools, 1 to 1024 (default: the CPUs); threads and processes start one per task"), N_("W") },
    { "modes", 'm', 0, G_OPTION_ARG_STRING, &args->modes,
      N_("Comma separated modes, compared in this order"), N_("MODE,…") },
    { "runs", 'r', 0, G_OPTION_ARG_STRING, &args->runs,
      N_("Counted runs of each mode"), N_("R") },
    { "warmup", 'w', 0, G_OPTION_ARG_STRING, &args->warmup,
      N_("Warm-up runs of each mode, measured but not counted"), N_("K") },
    { "command", 'c', 0, G_OPTION_ARG_STRING, &args->command,
      N_("The program and arguments of the command workload (no shell)"), N_("'ARGV'") },
    { "allow-command", 0, 0, G_OPTION_ARG_NONE, &args->allow_command,
      N_("Run the command that a plan or result file given to --preset holds (read it first)"),
      NULL },
    { "sample-interval", 0, 0, G_OPTION_ARG_STRING, &args->sample_interval,
      N_("Milliseconds between CPU samples, 10 to 10000 (default 100)"), N_("MS") },
    { "sweep-workers", 0, 0, G_OPTION_ARG_STRING, &args->sweep_workers,
      N_("Run the pools at each worker count, for the scaling chart"), N_("1,2,4,…") },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &args->timeout,
      N_("Stop a task after this many seconds and count it as timed out (default 0: no limit)"), N_("SECONDS") },
    { "io-folder", 0, 0, G_OPTION_ARG_FILENAME, &args->io_folder,
      N_("The folder (the disk) the io workload writes its temporary files in (default: the temporary folder)"),
      N_("DIR") },
    { "runtime", 0, 0, G_OPTION_ARG_STRING, &args->runtime,
      N_("native (the C engine, default) or python (CPython's own threads, pools and processes)"),
      N_("RUNTIME") },
    { "python", 0, 0, G_OPTION_ARG_FILENAME, &args->python,
      N_("The Python interpreter, a name on PATH or a path (default python3)"), N_("INTERPRETER") },
    { "start-method", 0, 0, G_OPTION_ARG_STRING, &args->start_method,
      N_("How Python starts processes: fork, spawn or forkserver (default: the interpreter's)"),
      N_("METHOD") },
    { "function", 0, 0, G_OPTION_ARG_FILENAME, &args->function,
      N_("Run task(index, size) from this Python file as each task's work"), N_("FILE.py") },
    { "counterpart", 0, 0, G_OPTION_ARG_NONE, &args->counterpart,
      N_("Then run the same plan in C and compare the two; --json FILE.json saves the C result "
         "to FILE-c.json too"), NULL },
    G_OPTION_ENTRY_NULL
  };

  add_group (context, "run", _("Run Options:"), entries);
}

static void
add_output_entries (GOptionContext *context,
                    ClabCliArgs    *args)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &args->json,
      N_("Save the whole result as JSON (render can draw it later)"), N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &args->csv,
      N_("Save one row per task as CSV"), N_("FILE") },
    { "summary-csv", 0, 0, G_OPTION_ARG_FILENAME, &args->summary_csv,
      N_("Save one row per mode as CSV (runs, mean, σ, median, min, max, user, system, speedup)"),
      N_("FILE") },
    { "markdown", 0, 0, G_OPTION_ARG_FILENAME, &args->markdown,
      N_("Save the summary table as Markdown"), N_("FILE") },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &args->report,
      N_("Save a report with the machine, the plan, the table, the warnings and the four charts "
         "as FILE.pdf or FILE.html"), N_("FILE") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args->quiet,
      N_("Print only the verdict, and no progress bar"), NULL },
    G_OPTION_ENTRY_NULL
  };

  add_group (context, "output", _("Output Options:"), entries);
}

static void
add_chart_entries (GOptionContext *context,
                   ClabCliArgs    *args)
{
  const GOptionEntry entries[] = {
    { "chart", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->charts,
      N_("Export a chart to FILE.png, FILE.svg or FILE.pdf (repeatable)"), N_("FILE") },
    { "chart-type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->chart_types,
      N_("elapsed, cpu, timeline or scaling, for the --chart in the same place"),
      N_("TYPE") },
    { "chart-size", 0, 0, G_OPTION_ARG_STRING, &args->chart_size,
      N_("Chart size in pixels (points for PDF), 64 to 8192 each (default 1600x900)"), N_("WxH") },
    { "chart-theme", 0, 0, G_OPTION_ARG_STRING, &args->chart_theme,
      N_("light, dark or transparent (default light)"), N_("THEME") },
    { "chart-cpu-time", 0, 0, G_OPTION_ARG_NONE, &args->chart_cpu_time,
      N_("Compare CPU time (user + system) instead of wall time in the elapsed chart"), NULL },
    { "per-core", 0, 0, G_OPTION_ARG_NONE, &args->chart_per_core,
      N_("Draw one line per CPU core in the cpu chart"), NULL },
    { "memory", 0, 0, G_OPTION_ARG_NONE, &args->chart_memory,
      N_("Add the run’s memory (RSS) over time to the cpu chart, on an axis at the right"), NULL },
    G_OPTION_ENTRY_NULL
  };

  add_group (context, "chart", _("Chart Options:"), entries);
}

static GOptionContext *
new_context (ClabCliCommand  command,
             ClabCliArgs    *args)
{
  GOptionContext *context;

  switch (command)
    {
    case CLAB_CLI_COMMAND_RENDER:
      context = g_option_context_new (_("render RESULT.json — draw charts from a saved result"));
      g_option_context_set_summary (context, _(RENDER_SUMMARY));
      g_option_context_set_description (context, _(RENDER_DESCRIPTION));
      break;
    case CLAB_CLI_COMMAND_PRESETS:
      context = g_option_context_new (_("presets — list the built-in presets"));
      break;
    case CLAB_CLI_COMMAND_RUN:
    case CLAB_CLI_COMMAND_HELP:
    case CLAB_CLI_COMMAND_VERSION:
    default:
      context = g_option_context_new (_("[run] — compare sequential, threads and processes"));
      g_option_context_set_summary (context, _(RUN_SUMMARY));
      g_option_context_set_description (context, _(RUN_DESCRIPTION));
      add_plan_entries (context, args);
      break;
    }
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  add_common_entries (context, args);
  if (command != CLAB_CLI_COMMAND_PRESETS)
    {
      add_output_entries (context, args);
      add_chart_entries (context, args);
    }
  return context;
}

static gboolean
check_output_path (const char  *option,
                   const char  *path,
                   GHashTable  *seen,
                   GError     **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean is_stdout;

  if (path == NULL)
    return TRUE;
  is_stdout = strcmp (path, CLAB_CLI_STDOUT_PATH) == 0;
  if (!g_hash_table_add (seen, (gpointer) path))
    return is_stdout
           ? clab_cli_bad_value (error, _("Only one output can be written to standard output (“-”)."))
           : clab_cli_bad_value (error, _("“%s” is given as more than one output file."), path);
  if (is_stdout)
    return TRUE;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return clab_cli_bad_value (error, _("%s “%s” is a folder, not a file."), option, path);
  /* The writer's own rule (no devices, pipes…), checked before a long measurement. */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !clab_atomic_file_check_target (path, &local_error))
    return clab_cli_bad_value (error, "%s: %s", option, local_error->message);
  folder = g_path_get_dirname (path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return clab_cli_bad_value (error, _("The folder “%s” for %s “%s” does not exist."), folder, option, path);
  if (g_access (folder, W_OK) != 0)
    return clab_cli_bad_value (error, _("The folder “%s” for %s “%s” is not writable."), folder, option, path);
  return TRUE;
}

/* The report's format comes from its extension, so it cannot go to standard output. */
static gboolean
check_report_path (const char  *path,
                   GHashTable  *seen,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  ClabReportFormat format;

  if (path == NULL)
    return TRUE;
  if (!clab_report_format_from_path (path, &format, &local_error))
    return clab_cli_bad_value (error, "--report: %s", local_error->message);
  return check_output_path ("--report", path, seen, error);
}

static gboolean
check_output_paths (ClabCliOptions  *self,
                    GError         **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_charts = clab_cli_charts_get_n_charts (self->charts);

  if (!check_output_path ("--json", self->json_path, seen, error)
      || !check_output_path ("--csv", self->csv_path, seen, error)
      || !check_output_path ("--summary-csv", self->summary_csv_path, seen, error)
      || !check_output_path ("--markdown", self->markdown_path, seen, error)
      || !check_report_path (self->report_path, seen, error))
    return FALSE;
  for (guint i = 0; i < n_charts; i++)
    if (!check_output_path ("--chart", clab_cli_charts_get_path (self->charts, i), seen, error))
      return FALSE;
  return TRUE;
}

static gboolean
finish_outputs (ClabCliOptions  *self,
                ClabCliArgs     *args,
                GError         **error)
{
  self->quiet = args->quiet;
  self->json_path = g_steal_pointer (&args->json);
  self->csv_path = g_steal_pointer (&args->csv);
  self->summary_csv_path = g_steal_pointer (&args->summary_csv);
  self->markdown_path = g_steal_pointer (&args->markdown);
  self->report_path = g_steal_pointer (&args->report);
  self->charts = clab_cli_charts_new (args->charts, args->chart_types,
                                      args->chart_size, args->chart_theme, error);
  if (self->charts == NULL)
    return FALSE;
  clab_cli_charts_set_cpu_time (self->charts, args->chart_cpu_time);
  if (!clab_cli_charts_set_cpu_lines (self->charts, args->chart_per_core, args->chart_memory,
                                      error))
    return FALSE;
  return check_output_paths (self, error);
}

static gboolean
finish_run (ClabCliOptions  *self,
            ClabCliArgs     *args,
            char           **rest,
            GError         **error)
{
  if (rest[1] != NULL)
    return clab_cli_bad_value (error, _("Unexpected argument “%s” (see --help)."), rest[1]);
  self->plan = clab_cli_args_build_plan (args, error);
  if (self->plan == NULL)
    return FALSE;
  if (!finish_outputs (self, args, error))
    return FALSE;
  return !args->counterpart || clab_cli_counterpart_prepare (self, error);
}

static gboolean
finish_render (ClabCliOptions  *self,
               ClabCliArgs     *args,
               char           **rest,
               GError         **error)
{
  if (rest[1] == NULL)
    return clab_cli_bad_value (error, _("render needs the RESULT.json file to draw from."));
  if (rest[2] != NULL)
    return clab_cli_bad_value (error, _("Unexpected argument “%s”; render reads one result."), rest[2]);
  if (!finish_outputs (self, args, error))
    return FALSE;
  self->result = clab_result_load (rest[1], error);
  return self->result != NULL;
}

static gboolean
finish_presets (ClabCliOptions  *self,
                char           **rest,
                GError         **error)
{
  if (rest[1] != NULL)
    return clab_cli_bad_value (error, _("Unexpected argument “%s”; presets takes none."), rest[1]);
  return TRUE;
}

gboolean
clab_cli_options_parse (ClabCliOptions   *self,
                        char           ***args,
                        GError          **error)
{
  g_auto(ClabCliArgs) raw = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (args != NULL && *args != NULL, FALSE);

  if (!take_command (self, *args, error))
    return FALSE;
  context = new_context (self->command, &raw);
  if (!g_option_context_parse_strv (context, args, &local_error))
    return clab_cli_bad_value (error, _("%s (see --help)."), local_error->message);
  if (raw.help)
    {
      self->command = CLAB_CLI_COMMAND_HELP;
      self->help_text = g_option_context_get_help (context, FALSE, NULL);
      return TRUE;
    }
  if (raw.version)
    {
      self->command = CLAB_CLI_COMMAND_VERSION;
      return TRUE;
    }
  if (self->command == CLAB_CLI_COMMAND_RENDER)
    return finish_render (self, &raw, *args, error);
  if (self->command == CLAB_CLI_COMMAND_PRESETS)
    return finish_presets (self, *args, error);
  return finish_run (self, &raw, *args, error);
}
