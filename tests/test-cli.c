/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clab-plan-python.h"
#include "clab-result-io.h"
#include "result-fixture.h"
#include "test-files.h"
#include "test-run-helpers.h"

/* Drives the real concurrency-lab-cli as a user would, through g_subprocess. */

#define GARBAGE_NAME "garbage.json"

typedef struct
{
  const char *name;
  const char *args;      /* split at spaces; a leading @ stands for the scratch folder */
  const char *needle;    /* what the error line must mention, or NULL */
} BadInput;

static const BadInput bad_inputs[] = {
  { "unknown-workload", "run --workload nope", "nope" },
  { "unknown-mode", "run --modes sequential,fibers", "fibers" },
  { "tasks-zero", "run --tasks 0", "--tasks" },
  { "tasks-negative", "run --tasks -1", "--tasks" },
  { "workers-zero", "run --workers 0", "--workers" },
  { "workers-too-many", "run --workers 2000", "--workers" },
  { "runs-zero", "run --runs 0", "--runs" },
  { "size-out-of-range", "run --workload sleep --size 100000", "--size" },
  { "size-not-a-number", "run --workload cpu --size lots", "--size" },
  { "missing-preset", "run --preset no-such-preset", "no-such-preset" },
  { "unreadable-preset-file", "run --preset @/" GARBAGE_NAME, NULL },
  { "preset-is-a-folder", "run --preset @", NULL },
  { "missing-command", "run --workload command --command no-such-prog-xyz", "no-such-prog-xyz" },
  { "sweep-not-a-number", "run --sweep-workers 1,x", "--sweep-workers" },
  { "size-hexadecimal", "run --workload cpu --size 0x10", "0x10" },
  { "size-infinite", "run --workload cpu --size inf", "inf" },
  { "preset-dev-zero", "run --preset /dev/zero", "regular file" },
  { "render-dev-zero", "render /dev/zero", "regular file" },
  /* Refused by the machine's limits (see cap_processes_per_user), before anything runs. */
  { "threads-beyond-limits", "run --tasks 1000000 --modes threads",
    "need 1000000 threads at once, but the" },
  { "processes-beyond-limits", "run --tasks 1000000 --modes processes",
    "need 2000000 threads and processes at once, but the" },
  { "missing-output-folder", "run --json @/no/such/folder/result.json", "folder" },
  { "missing-io-folder", "run --workload io --size 1 --io-folder @/no-such-disk",
    "no-such-disk” for the file I/O workload does not exist." },
  { "two-stdout-outputs", "run --json - --chart -", "standard output" },
  { "json-to-dev-null", "run --json /dev/null", "not a regular file" },
  { "chart-extension", "run --chart @/chart.bmp", "chart" },
  { "chart-size", "run --chart @/chart.png --chart-size 10x10", "size" },
  { "chart-type", "run --chart @/chart.png --chart-type pie", "pie" },
  { "chart-theme", "run --chart @/chart.png --chart-theme sepia", "sepia" },
  { "render-missing-file", "render @/missing.json --chart @/chart.png", NULL },
  { "render-invalid-json", "render @/" GARBAGE_NAME " --chart @/chart.png", NULL },
  { "render-without-result", "render", "RESULT" },
  { "unknown-command", "frobnicate", "frobnicate" },
  { "unknown-option", "run --frobnicate", "frobnicate" },
};

static char *scratch;
static char *tiny_json;

static GSubprocess *
spawn_cli (GPtrArray *args)
{
  g_autoptr(GPtrArray) argv = test_cli_argv ((const char * const *) args->pdata);
  g_autoptr(GSubprocessLauncher) launcher = test_cli_launcher ();

  return test_spawn (launcher, (const char * const *) argv->pdata);
}

static void
run_cli (GPtrArray *args,
         Outcome   *outcome)
{
  test_run_cli ((const char * const *) args->pdata, outcome);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_bad_input (gconstpointer data)
{
  const BadInput *input = data;
  g_autofree char *folder = test_make_folder (scratch, input->name);
  g_autofree char *garbage = g_build_filename (folder, GARBAGE_NAME, NULL);
  g_autofree char *line = g_strconcat (input->args, " --markdown @/out.md", NULL);
  g_autoptr(GPtrArray) args = test_split_args (line, folder);
  g_auto(Outcome) outcome = { 0 };

  g_assert_true (g_file_set_contents (garbage, "{ \"schema\": not json", -1, NULL));
  run_cli (args, &outcome);

  g_test_message ("stderr: %s", outcome.err);
  g_assert_cmpint (outcome.status, ==, 2);
  g_assert_cmpstr (outcome.out, ==, "");
  g_assert_cmpuint (count_lines (outcome.err), ==, 1);
  g_assert_true (g_str_has_prefix (outcome.err, "concurrency-lab-cli: error: "));
  g_assert_true (g_str_has_suffix (outcome.err, "\n"));
  if (input->needle != NULL)
    g_assert_nonnull (strstr (outcome.err, input->needle));
  /* Nothing ran, so nothing was written: only the garbage file is there. */
  g_assert_cmpuint (count_entries (folder), ==, 1);
}

static void
test_version (void)
{
  g_autoptr(GPtrArray) args = test_split_args ("--version", "");
  g_auto(Outcome) outcome = { 0 };

  run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_nonnull (strstr (outcome.out, PACKAGE_VERSION));
  g_assert_cmpuint (count_lines (outcome.out), ==, 1);
}

static void
test_help (void)
{
  static const char *documented[] = {
    "--preset", "--workload", "--size", "--tasks", "--workers", "--modes", "--runs", "--warmup",
    "--command", "--sample-interval", "--sweep-workers", "--json", "--csv", "--markdown",
    "--summary-csv",
    "--quiet", "--chart", "--chart-type", "--chart-size", "--chart-theme", "--version",
    "render", "presets", "Examples", "process-pool",
  };
  g_autoptr(GPtrArray) args = test_split_args ("--help", "");
  g_auto(Outcome) outcome = { 0 };

  run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    {
      g_test_message ("looking for %s", documented[i]);
      g_assert_nonnull (strstr (outcome.out, documented[i]));
    }
}

static void
test_render_help (void)
{
  g_autoptr(GPtrArray) args = test_split_args ("render --help", "");
  g_auto(Outcome) outcome = { 0 };

  run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_nonnull (strstr (outcome.out, "RESULT.json"));
  g_assert_nonnull (strstr (outcome.out, "--chart-size"));
  g_assert_null (strstr (outcome.out, "--tasks"));
}

static void
test_presets (void)
{
  g_autoptr(GPtrArray) args = test_split_args ("presets", "");
  g_auto(Outcome) outcome = { 0 };

  run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_nonnull (strstr (outcome.out, "sleep-2x2"));
  g_assert_nonnull (strstr (outcome.out, "gil-lock"));
  g_assert_null (strstr (outcome.out, "cannot be loaded"));
}

/* Counts the fields of a CSV line, minding quotes. */
static guint
count_fields (const char *line)
{
  gboolean quoted = FALSE;
  guint n = 1;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ',' && !quoted)
        n++;
    }
  return n;
}

static void
assert_csv (const char *path,
            guint       min_rows)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint fields, rows = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_nonnull (lines[0]);
  fields = count_fields (lines[0]);
  g_assert_cmpuint (fields, >, 3);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (count_fields (lines[i]), ==, fields);
      rows++;
    }
  g_assert_cmpuint (rows, >=, min_rows);
}

/* The last @n fields of a CSV row whose last fields hold no comma. */
static GStrv
last_fields (const char *row,
             guint       n)
{
  g_auto(GStrv) fields = g_strsplit (row, ",", -1);
  guint len = g_strv_length (fields);

  g_assert_cmpuint (len, >=, n);
  return g_strdupv (fields + len - n);
}

/* A field of the per-task CSV against the file's value: empty where it has none. */
static void
assert_sched_field (const char *field,
                    gboolean    known,
                    double      value)
{
  if (!known)
    {
      g_assert_cmpstr (field, ==, "");
      return;
    }
  g_assert_cmpstr (field, !=, "");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (field, NULL), value, 1e-6);
}

/* The per-task CSV ends each row with the task's scheduler seconds from @result and then
 * @runtime (its comma and the field as written); returns the tasks with scheduler seconds. */
static guint
assert_task_csv_tail (const char *path,
                      ClabResult *result,
                      const char *runtime)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint row = 1, known = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_true (g_str_has_suffix (lines[0], ",verdict_reason,on_cpu_s,runnable_s,blocked_s,runtime"));
  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      const ClabModeResult *mode_result = clab_result_get_mode (result, m);

      for (guint r = 0; r < mode_result->runs->len; r++)
        {
          const ClabRun *run = g_ptr_array_index (mode_result->runs, r);

          for (guint t = 0; t < run->tasks->len; t++, row++)
            {
              const ClabTask *task = &g_array_index (run->tasks, ClabTask, t);
              g_autofree char *head = NULL;
              g_auto(GStrv) tail = NULL;

              g_assert_nonnull (lines[row]);
              g_assert_true (g_str_has_suffix (lines[row], runtime));
              head = g_strndup (lines[row], strlen (lines[row]) - strlen (runtime));
              tail = last_fields (head, 3);
              assert_sched_field (tail[0], task->sched_known, task->on_cpu_s);
              assert_sched_field (tail[1], task->sched_known, task->runnable_s);
              assert_sched_field (tail[2], task->sched_known, task->blocked_s);
              known += task->sched_known;
            }
        }
    }
  g_assert_cmpstr (lines[row], ==, "");
  return known;
}

static void
test_tiny_run (void)
{
  g_autofree char *folder = test_make_folder (scratch, "tiny");
  g_autofree char *csv = g_build_filename (folder, "r.csv", NULL);
  g_autofree char *markdown = g_build_filename (folder, "r.md", NULL);
  g_autofree char *md_text = NULL, *verdict = NULL;
  g_autoptr(GPtrArray) args =
    test_split_args ("run --workload cpu --size 1 --tasks 4 --workers 2 "
                     "--modes sequential,threads,processes --runs 1 --warmup 0 "
                     "--json @/r.json --csv @/r.csv --markdown @/r.md", folder);
  g_autoptr(ClabResult) result = NULL;
  g_auto(Outcome) outcome = { 0 };

  run_cli (args, &outcome);
  g_test_message ("stdout:\n%s\nstderr:\n%s", outcome.out, outcome.err);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_cmpstr (outcome.err, ==, "");
  tiny_json = g_build_filename (folder, "r.json", NULL);
  result = test_load_result (tiny_json);
  g_assert_cmpuint (clab_result_get_n_modes (result), ==, 3);
  g_assert_false (clab_result_get_cancelled (result));
  for (guint i = 0; i < CLAB_N_MODES; i++)
    if (i == CLAB_MODE_SEQUENTIAL || i == CLAB_MODE_THREADS || i == CLAB_MODE_PROCESSES)
      g_assert_nonnull (strstr (outcome.out, clab_mode_to_string (i)));
  verdict = clab_result_dup_verdict (result);
  g_assert_nonnull (strstr (outcome.out, verdict));
  /* The C engine says so, as a Python run names its interpreter. */
  g_assert_nonnull (strstr (outcome.out, "\n  Runtime   Native C\n"));
  assert_csv (csv, 12);
  if (assert_task_csv_tail (csv, result, ",Native C") == 0)
    g_test_message ("no scheduler statistics on this machine: the columns were empty");
  g_assert_true (g_file_get_contents (markdown, &md_text, NULL, NULL));
  g_assert_nonnull (strstr (md_text, "|"));
  g_assert_nonnull (strstr (md_text, "processes"));
  g_assert_nonnull (strstr (md_text, "\n\nRuntime: Native C\n\n"));
}

static void
test_quiet (void)
{
  g_autoptr(GPtrArray) args =
    test_split_args ("run --workload cpu --size 1 --tasks 2 --workers 2 "
                     "--modes sequential,thread-pool --runs 1 --warmup 0 --quiet", "");
  g_auto(Outcome) outcome = { 0 };

  run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_cmpuint (count_lines (outcome.out), ==, 1);
  g_assert_cmpstr (outcome.err, ==, "");
}

static void
test_preset_override (void)
{
  g_autofree char *folder = test_make_folder (scratch, "override");
  g_autofree char *json = g_build_filename (folder, "r.json", NULL);
  g_autoptr(GPtrArray) args =
    test_split_args ("run --preset sleep-2x2 --size 0.05 --runs 1 --warmup 0 --json @/r.json",
                     folder);
  g_autoptr(ClabResult) result = NULL;
  g_auto(Outcome) outcome = { 0 };
  ClabPlan *plan;

  run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  result = test_load_result (json);
  plan = clab_result_get_plan (result);
  g_assert_cmpint (clab_plan_get_workload (plan), ==, CLAB_WORKLOAD_SLEEP);
  g_assert_cmpfloat_with_epsilon (clab_plan_get_size (plan), 0.05, 1e-9);
  g_assert_cmpuint (clab_plan_get_runs (plan), ==, 1);
  /* What was not overridden comes from the preset. */
  g_assert_cmpuint (clab_plan_get_tasks (plan), ==, 2);
  g_assert_true (clab_plan_has_mode (plan, CLAB_MODE_THREADS));
  g_assert_true (clab_plan_has_mode (plan, CLAB_MODE_PROCESSES));
}

static void
test_sweep (void)
{
  g_autoptr(GPtrArray) args =
    test_split_args ("run --workload cpu --size 1 --tasks 4 --sweep-workers 1,2 "
                     "--modes sequential,thread-pool --runs 1 --warmup 0", "");
  g_auto(Outcome) outcome = { 0 };

  run_cli (args, &outcome);
  g_test_message ("stdout:\n%s", outcome.out);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_nonnull (strstr (outcome.out, "Karp–Flatt"));
}

static void
assert_png (const char *path,
            guint       width,
            guint       min_height)
{
  g_autofree guchar *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: big-endian width and height at bytes 16 and 20. */
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 16)), ==, width);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 20)), >=, min_height);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 20)), <, 2 * min_height);
}

static void
assert_starts_with (const char *path,
                    const char *prefix,
                    const char *contains)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, prefix));
  if (contains != NULL)
    g_assert_nonnull (strstr (text, contains));
}

static void
test_render (void)
{
  g_autofree char *folder = test_make_folder (scratch, "render");
  g_autofree char *png = g_build_filename (folder, "a.png", NULL);
  g_autofree char *svg = g_build_filename (folder, "b.svg", NULL);
  g_autofree char *pdf = g_build_filename (folder, "c.pdf", NULL);
  g_autofree char *cpu_time_svg = g_build_filename (folder, "cpu-time.svg", NULL);
  g_autofree char *wall = NULL;
  g_autofree char *cpu_time = NULL;
  g_autoptr(GPtrArray) args = NULL;
  g_auto(Outcome) outcome = { 0 };

  if (tiny_json == NULL || !g_file_test (tiny_json, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the tiny run wrote no result");
      return;
    }
  args = test_split_args ("render @/../tiny/r.json --chart @/a.png --chart-type cpu "
                          "--chart @/b.svg --chart-type elapsed --chart @/c.pdf "
                          "--chart-type timeline --chart-size 320x200 --chart-theme dark", folder);
  run_cli (args, &outcome);
  g_test_message ("stderr: %s", outcome.err);
  g_assert_cmpint (outcome.status, ==, 0);
  /* A CPU chart's panels get the height they need to be read: the file may grow taller
   * than asked, never narrower. */
  assert_png (png, 320, 200);
  assert_starts_with (svg, "<?xml", "<svg");
  assert_starts_with (pdf, "%PDF", NULL);

  /* The same elapsed chart of CPU time is another drawing. */
  g_clear_pointer (&args, g_ptr_array_unref);
  outcome_clear (&outcome);
  args = test_split_args ("render @/../tiny/r.json --chart @/cpu-time.svg --chart-size 320x200 "
                          "--chart-theme dark --chart-cpu-time", folder);
  run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_true (g_file_get_contents (svg, &wall, NULL, NULL));
  g_assert_true (g_file_get_contents (cpu_time_svg, &cpu_time, NULL, NULL));
  g_assert_true (g_str_has_prefix (cpu_time, "<?xml"));
  g_assert_cmpstr (wall, !=, cpu_time);
}

/* One row per mode, as hyperfine's --export-csv: the numbers of the result itself. */
static void
test_summary_csv (void)
{
  g_autofree char *folder = test_make_folder (scratch, "summary-csv");
  g_autofree char *path = g_build_filename (folder, "summary.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GPtrArray) args = NULL;
  g_auto(Outcome) outcome = { 0 };
  g_auto(GStrv) lines = NULL;

  if (tiny_json == NULL || !g_file_test (tiny_json, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the tiny run wrote no result");
      return;
    }
  args = test_split_args ("render @/../tiny/r.json --summary-csv @/summary.csv", folder);
  run_cli (args, &outcome);
  g_test_message ("stderr: %s", outcome.err);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_csv (path, 3);
  result = test_load_result (tiny_json);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "mode,runs,mean_s,stddev_s,median_s,min_s,max_s,"
                                             "user_s,system_s,speedup,"));
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    {
      const ClabModeResult *mode_result = clab_result_get_mode (result, i);
      g_auto(GStrv) fields = g_strsplit (lines[i + 1], ",", -1);

      g_assert_cmpstr (fields[0], ==, clab_mode_to_string (mode_result->mode));
      g_assert_cmpstr (fields[1], ==, "1");
      g_assert_true (g_str_has_suffix (lines[i + 1], ",Native C"));
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[2], NULL), mode_result->stats.mean_s,
                                      1e-6);
      /* One run has no spread: the σ is left empty, not written as 0. */
      g_assert_cmpstr (fields[3], ==, "");
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[4], NULL), mode_result->stats.median_s,
                                      1e-6);
    }
  g_assert_cmpstr (lines[clab_result_get_n_modes (result) + 1], ==, "");
}

#define PY_LABEL "CPython 3.12.1, GIL enabled, start method forkserver (/usr/bin/python3.12)"

/* The tiny run as if CPython had run it, one task with scheduler seconds, saved in @folder. */
static char *
save_as_python (const char *folder)
{
  g_autoptr(ClabResult) result = test_load_result (tiny_json);
  ClabSystemInfo info = { 2, g_strdup ("Linux 6.1.0"), g_strdup ("Test CPU"), g_strdup ("host") };
  ClabRun *run = g_ptr_array_index (clab_result_get_mode (result, 0)->runs, 0);
  ClabTask *task = &g_array_index (run->tasks, ClabTask, 0);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (folder, "python.json", NULL);

  info.python.version = g_strdup ("3.12.1");
  info.python.implementation = g_strdup ("CPython");
  info.python.executable = g_strdup ("/usr/bin/python3.12");
  info.python.gil_enabled = TRUE;
  info.python.start_method = g_strdup ("forkserver");
  clab_result_take_system (result, &info);
  clab_plan_set_runtime (clab_result_get_plan (result), CLAB_RUNTIME_PYTHON);
  task->sched_known = TRUE;
  task->on_cpu_s = 0.25;
  task->runnable_s = 0.125;
  task->blocked_s = 0.5;
  g_assert_true (clab_result_save_json (result, path, &error));
  g_assert_no_error (error);
  return path;
}

/* A Python result's report, Markdown and both CSVs name the interpreter and start method;
 * the per-task CSV carries the scheduler seconds the file holds. */
static void
test_render_python_runtime (void)
{
  g_autofree char *folder = test_make_folder (scratch, "python-runtime");
  g_autofree char *json = NULL, *md = NULL, *summary = NULL, *md_path = NULL, *summary_path = NULL;
  g_autofree char *tasks_path = NULL;
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GPtrArray) args = NULL;
  g_auto(Outcome) report = { 0 };
  g_auto(Outcome) outcome = { 0 };
  g_auto(GStrv) lines = NULL;

  if (tiny_json == NULL || !g_file_test (tiny_json, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the tiny run wrote no result");
      return;
    }
  json = save_as_python (folder);
  args = test_split_args ("render @/python.json", folder);
  run_cli (args, &report);
  g_test_message ("stdout:\n%s\nstderr:\n%s", report.out, report.err);
  g_assert_cmpint (report.status, ==, 0);
  g_assert_nonnull (strstr (report.out, "\n  Runtime   " PY_LABEL "\n"));
  g_assert_null (strstr (report.out, "Native C"));

  g_clear_pointer (&args, g_ptr_array_unref);
  args = test_split_args ("render @/python.json --markdown @/r.md --summary-csv @/s.csv "
                          "--csv @/t.csv", folder);
  run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);

  md_path = g_build_filename (folder, "r.md", NULL);
  g_assert_true (g_file_get_contents (md_path, &md, NULL, NULL));
  g_assert_nonnull (strstr (md, "\n\nRuntime: " PY_LABEL "\n\n"));

  summary_path = g_build_filename (folder, "s.csv", NULL);
  g_assert_true (g_file_get_contents (summary_path, &summary, NULL, NULL));
  lines = g_strsplit (summary, "\r\n", -1);
  g_assert_true (g_str_has_suffix (lines[0], ",verdict_reason,runtime"));
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_assert_true (g_str_has_suffix (lines[i], ",\"" PY_LABEL "\""));

  result = test_load_result (json);
  tasks_path = g_build_filename (folder, "t.csv", NULL);
  g_assert_cmpuint (assert_task_csv_tail (tasks_path, result, ",\"" PY_LABEL "\""), >=, 1);
}

static void
test_render_report (void)
{
  g_autoptr(GPtrArray) args = NULL;
  g_auto(Outcome) outcome = { 0 };

  if (tiny_json == NULL || !g_file_test (tiny_json, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the tiny run wrote no result");
      return;
    }
  args = test_split_args ("render @", tiny_json);
  run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_nonnull (strstr (outcome.out, "threads"));
}

/* The character column where @needle ends in @line; -1 where it is not there. */
static glong
end_column (const char *line,
            const char *needle)
{
  const char *at = strstr (line, needle);

  return at != NULL ? g_utf8_pointer_to_offset (line, at + strlen (needle)) : -1;
}

/* The report and the Markdown count the CPUs a mode kept busy, "1.84" under "CPUs busy",
 * not "184 %", which read as a share of the machine beside the CPU chart. */
static void
test_render_cpus_busy (void)
{
  g_autofree char *folder = test_make_folder (scratch, "cpus-busy");
  g_autofree char *json = g_build_filename (folder, "r.json", NULL);
  g_autofree char *md_path = g_build_filename (folder, "r.md", NULL);
  g_autofree char *md = NULL, *cell = NULL;
  g_autoptr(ClabResult) result = make_cpus_busy_result ();
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Outcome) report = { 0 };
  g_auto(Outcome) outcome = { 0 };
  g_auto(GStrv) lines = NULL;
  const char *header = NULL, *row = NULL;

  g_assert_true (clab_result_save_json (result, json, &error));
  g_assert_no_error (error);
  args = test_split_args ("render @/r.json", folder);
  run_cli (args, &report);
  g_test_message ("stdout:\n%s\nstderr:\n%s", report.out, report.err);
  g_assert_cmpint (report.status, ==, 0);
  lines = g_strsplit (report.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "CPUs busy") != NULL)
        header = lines[i];
      else if (header != NULL && row == NULL && strstr (lines[i], "sequential") != NULL)
        row = lines[i];
    }
  g_assert_nonnull (header);
  g_assert_nonnull (row);
  /* Numbers are aligned to the right of their heading. */
  g_assert_cmpint (end_column (row, " 1.84"), ==, end_column (header, "CPUs busy"));
  g_assert_null (strstr (report.out, "184"));

  g_clear_pointer (&args, g_ptr_array_unref);
  args = test_split_args ("render @/r.json --markdown @/r.md", folder);
  run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_true (g_file_get_contents (md_path, &md, NULL, NULL));
  cell = dup_markdown_cell (md, "sequential", "CPUs busy");
  g_assert_cmpstr (cell, ==, "1.84");
}

/* The parent of @pid from /proc, or 0 when it is gone. */
static int
parent_of (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  const char *end;
  char state;
  int ppid;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  end = strrchr (text, ')');
  if (end == NULL || sscanf (end + 1, " %c %d", &state, &ppid) != 2)
    return 0;
  return ppid;
}

static void
collect_children (int         parent,
                  GHashTable *children)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      int pid = atoi (name);

      if (pid > 0 && parent_of (pid) == parent)
        g_hash_table_add (children, GINT_TO_POINTER (pid));
    }
}

/* Whether @pid is still one of our programs, running or an unreaped zombie. */
static gboolean
is_ours (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  /* The comm field, truncated to 15 characters by the kernel. */
  return strstr (text, "(concurrency-lab") != NULL;
}

static void
wait_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
wait_for_children (int         pid,
                   GHashTable *children)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      collect_children (pid, children);
      if (g_hash_table_size (children) >= 4)
        return TRUE;
      g_usleep (50 * 1000);
    }
  return g_hash_table_size (children) > 0;
}

static void
test_sigint (void)
{
  g_autofree char *folder = test_make_folder (scratch, "sigint");
  g_autofree char *json = g_build_filename (folder, "r.json", NULL);
  g_autoptr(GPtrArray) args =
    test_split_args ("run --workload sleep --size 5 --tasks 4 --workers 4 "
                     "--modes processes --runs 1 --warmup 0 --json @/r.json", folder);
  g_autoptr(GSubprocess) subprocess = spawn_cli (args);
  g_autoptr(GHashTable) children = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) after = g_hash_table_new (NULL, NULL);
  g_autoptr(ClabResult) result = NULL;
  int pid = atoi (g_subprocess_get_identifier (subprocess));
  gboolean done = FALSE;
  GHashTableIter iter;
  gpointer key;
  gint64 sent;
  Outcome outcome = { 0 };

  g_assert_true (wait_for_children (pid, children));
  sent = g_get_monotonic_time ();
  g_subprocess_send_signal (subprocess, SIGINT);
  g_subprocess_wait_async (subprocess, NULL, wait_done_cb, &done);
  while (!done && g_get_monotonic_time () - sent < 15 * G_USEC_PER_SEC)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10 * 1000);
    }
  g_assert_true (done);
  g_assert_cmpint (g_get_monotonic_time () - sent, <, 3 * G_USEC_PER_SEC);
  test_finish (subprocess, &outcome);
  g_assert_cmpint (outcome.status, ==, 130);

  /* Every worker it started is gone, and nothing is left that it parented. */
  g_hash_table_iter_init (&iter, children);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_false (is_ours (GPOINTER_TO_INT (key)));
  collect_children (pid, after);
  g_assert_cmpuint (g_hash_table_size (after), ==, 0);

  result = test_load_result (json);
  g_assert_true (clab_result_get_cancelled (result));
}

/* Outputs: one atomic writer, standard output spelled "-", no special files replaced. */

static void
limit_file_size_cb (gpointer user_data)
{
  struct rlimit limit = { 1024, 1024 };

  /* A full file system, as far as the CLI can tell: write() fails with EFBIG. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static GSubprocess *
spawn_output_cli (GPtrArray            *args,
                  const char           *cwd,
                  GSpawnChildSetupFunc  setup)
{
  g_autoptr(GPtrArray) argv = test_cli_argv ((const char * const *) args->pdata);
  g_autoptr(GSubprocessLauncher) launcher = test_cli_launcher ();
  g_autofree char *lsan = NULL;

  /* Under LeakSanitizer, stderr is for the CLI's own words. */
  lsan = g_strconcat (g_getenv ("LSAN_OPTIONS") ? g_getenv ("LSAN_OPTIONS") : "",
                      ":print_suppressions=0", NULL);
  g_subprocess_launcher_setenv (launcher, "LSAN_OPTIONS", lsan, TRUE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
  if (setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, setup, NULL, NULL);
  return test_spawn (launcher, (const char * const *) argv->pdata);
}

/* Runs the CLI in @cwd (where a file named "-" would land) and keeps stdout as bytes. */
static GBytes *
run_output_cli (GPtrArray            *args,
                const char           *cwd,
                GSpawnChildSetupFunc  setup,
                Outcome              *outcome)
{
  g_autoptr(GSubprocess) subprocess = spawn_output_cli (args, cwd, setup);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate (subprocess, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  test_finish (subprocess, outcome);
  /* Empty output is "" here as with g_subprocess_communicate_utf8(), not NULL. */
  outcome->out = g_strndup (g_bytes_get_size (out) > 0 ? g_bytes_get_data (out, NULL) : "",
                            g_bytes_get_size (out));
  outcome->err = g_strndup (g_bytes_get_size (err) > 0 ? g_bytes_get_data (err, NULL) : "",
                            g_bytes_get_size (err));
  return g_steal_pointer (&out);
}

static gboolean
have_tiny_result (void)
{
  if (tiny_json != NULL && g_file_test (tiny_json, G_FILE_TEST_EXISTS))
    return TRUE;
  g_test_skip ("the tiny run wrote no result");
  return FALSE;
}

static void
test_chart_full_disk (void)
{
  g_autofree char *folder = test_make_folder (scratch, "chart-full-disk");
  g_autofree char *png = g_build_filename (folder, "c.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *first_line = NULL;
  g_autoptr(GPtrArray) args = test_split_args ("render @/../tiny/r.json --chart @/c.png", folder);
  g_autoptr(GBytes) out = NULL;
  g_auto(Outcome) outcome = { 0 };

  if (!have_tiny_result ())
    return;
  g_assert_true (g_file_set_contents (png, "the old chart", -1, NULL));
  out = run_output_cli (args, folder, limit_file_size_cb, &outcome);
  g_test_message ("stderr: %s", outcome.err);
  g_assert_cmpint (outcome.status, ==, 1);
  /* One line that names the file (LeakSanitizer may add its summary after it). */
  first_line = g_strndup (outcome.err, strcspn (outcome.err, "\n"));
  g_assert_true (g_str_has_prefix (first_line, "concurrency-lab-cli: error: "));
  g_assert_nonnull (strstr (first_line, "c.png"));
  /* The old chart is whole, and no fragment of the new one is anywhere. */
  g_assert_true (g_file_get_contents (png, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "the old chart");
  g_assert_cmpuint (count_entries (folder), ==, 1);
}

/* --json - prints the result alone on stdout; the report moves to stderr. */
static void
test_json_stdout (void)
{
  g_autofree char *folder = test_make_folder (scratch, "json-stdout");
  g_autoptr(GPtrArray) args =
    test_split_args ("run --workload sleep --size 0.01 --tasks 2 --workers 2 "
                     "--modes sequential,threads --runs 1 --warmup 0 --json -", folder);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;
  g_auto(Outcome) outcome = { 0 };

  out = run_output_cli (args, folder, NULL, &outcome);
  g_test_message ("stderr: %s", outcome.err);
  g_assert_cmpint (outcome.status, ==, 0);
  result = clab_result_new_from_data (outcome.out, strlen (outcome.out), "stdout", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clab_result_get_n_modes (result), ==, 2);
  verdict = clab_result_dup_verdict (result);
  g_assert_nonnull (strstr (outcome.err, verdict));
  g_assert_cmpuint (count_entries (folder), ==, 0);
}

static void
test_chart_stdout (void)
{
  g_autofree char *folder = test_make_folder (scratch, "chart-stdout");
  g_autoptr(GPtrArray) args =
    test_split_args ("render @/../tiny/r.json --chart - --chart-size 320x200", folder);
  g_autoptr(GBytes) out = NULL;
  const guchar *data;
  g_auto(Outcome) outcome = { 0 };

  if (!have_tiny_result ())
    return;
  out = run_output_cli (args, folder, NULL, &outcome);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_cmpstr (outcome.err, ==, "");
  g_assert_cmpuint (g_bytes_get_size (out), >, 24);
  data = g_bytes_get_data (out, NULL);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 16)), ==, 320);
  g_assert_cmpuint (count_entries (folder), ==, 0);
}

/* A FIFO, or a link to /dev/null, is refused before anything runs and stays what it was. */
static void
test_special_outputs (void)
{
  g_autofree char *folder = test_make_folder (scratch, "special-outputs");
  g_autofree char *fifo = g_build_filename (folder, "r.csv", NULL);
  g_autofree char *link = g_build_filename (folder, "r.json", NULL);
  const char *lines[] = { "run --workload sleep --size 0.01 --csv @/r.csv",
                          "run --workload sleep --size 0.01 --json @/r.json" };
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/null", link), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(GPtrArray) args = test_split_args (lines[i], folder);
      g_auto(Outcome) outcome = { 0 };

      run_cli (args, &outcome);
      g_test_message ("stderr: %s", outcome.err);
      g_assert_cmpint (outcome.status, ==, 2);
      g_assert_cmpstr (outcome.out, ==, "");
      g_assert_nonnull (strstr (outcome.err, "is not a regular file"));
    }
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

/* A result big enough that writing it takes a while: many CPU samples in one run. */
static char *
make_big_result (const char *folder)
{
  g_autoptr(ClabResult) result = test_load_result (tiny_json);
  const ClabModeResult *mode_result = clab_result_get_mode (result, 0);
  ClabRun *run = g_ptr_array_index (mode_result->runs, 0);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (folder, "big.json", NULL);

  for (guint i = 0; i < 200000; i++)
    {
      ClabSample sample = { 0 };

      sample.t_s = i * 0.001;
      sample.cpu_pct = 12.5;
      g_array_append_val (run->samples, sample);
      for (guint cpu = 0; cpu < run->n_cpus; cpu++)
        {
          double pct = 25.0;

          g_array_append_val (run->per_cpu_pct, pct);
        }
    }
  g_assert_true (clab_result_save_json (result, path, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
has_hidden_file (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      return TRUE;
  return FALSE;
}

/* Sends SIGTERM as soon as a temporary file shows; FALSE if the write was over first. */
static gboolean
terminate_while_writing (GPtrArray  *args,
                         const char *folder,
                         int        *status)
{
  g_autoptr(GSubprocess) subprocess = spawn_output_cli (args, folder, NULL);
  gint64 start = g_get_monotonic_time ();
  gboolean caught = FALSE;

  while (!caught && g_get_monotonic_time () - start < 120 * G_USEC_PER_SEC)
    {
      caught = has_hidden_file (folder);
      if (caught)
        g_subprocess_send_signal (subprocess, SIGTERM);
      else if (g_subprocess_get_identifier (subprocess) == NULL)
        break;
      else
        g_usleep (100);
    }
  g_assert_true (g_subprocess_wait (subprocess, NULL, NULL));
  *status = g_subprocess_get_if_signaled (subprocess)
            ? 128 + g_subprocess_get_term_sig (subprocess) : g_subprocess_get_exit_status (subprocess);
  return caught;
}

static void
test_sigterm_while_writing (void)
{
  g_autofree char *folder = test_make_folder (scratch, "sigterm-writing");
  g_autofree char *out_folder = test_make_folder (scratch, "sigterm-writing/out");
  g_autofree char *big = NULL;
  g_autofree char *out = g_build_filename (out_folder, "r.json", NULL);
  g_autoptr(GPtrArray) args = NULL;
  gboolean caught = FALSE;

  if (!have_tiny_result ())
    return;
  big = make_big_result (folder);
  args = test_split_args ("render @/big.json --json @/out/r.json", folder);
  for (guint attempt = 0; attempt < 5 && !caught; attempt++)
    {
      g_autofree char *text = NULL;
      int status;

      g_assert_true (g_file_set_contents (out, "old", -1, NULL));
      caught = terminate_while_writing (args, out_folder, &status);
      g_test_message ("attempt %u: caught %d, status %d", attempt, caught, status);
      /* Whenever the signal came, no temporary file is left, and r.json is whole. */
      g_assert_false (has_hidden_file (out_folder));
      g_assert_cmpuint (count_entries (out_folder), ==, 1);
      g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
      if (caught && status == 128 + SIGTERM)
        g_assert_cmpstr (text, ==, "old");
      else if (!caught)
        g_assert_cmpint (status, ==, 0);
    }
  if (!caught)
    g_test_skip ("every write was over before its temporary file could be seen");
}

/* A machine may allow a million threads; the CLI inherits a per-user limit just below that,
 * so that a million tasks are refused everywhere. It is far above what the other tests use. */

/* Runs @args as given, the first being the program. */
static void
run_command_line (GPtrArray *args,
                  Outcome   *outcome)
{
  g_autoptr(GSubprocessLauncher) launcher = test_cli_launcher ();

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  test_launch (launcher, (const char * const *) args->pdata, outcome);
}

/* A thread that cannot be started fails its task with the reason; the run goes on. As root
 * the limit of processes does not apply, so the CLI runs as nobody under it. */
static void
test_thread_limit (void)
{
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  g_autofree char *prlimit = g_find_program_in_path ("prlimit");
  g_autoptr(GPtrArray) args = NULL;
  g_auto(Outcome) outcome = { 0 };

  if (getuid () != 0 || setpriv == NULL || prlimit == NULL)
    {
      g_test_skip ("needs root, setpriv and prlimit to run under a low limit of processes");
      return;
    }
  args = test_split_args ("--reuid=65534 --regid=65534 --clear-groups prlimit --nproc=7:7 @ "
                          "run --workload sleep --size 0.2 --tasks 6 --modes threads --runs 1 "
                          "--warmup 0", test_cli_path ());
  g_ptr_array_insert (args, 0, g_strdup (setpriv));
  run_command_line (args, &outcome);
  g_test_message ("stdout:\n%s\nstderr:\n%s", outcome.out, outcome.err);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_nonnull (strstr (outcome.out, "Error creating thread"));
}

/* As run_cli(), in the folder @cwd. */
static void
run_cli_in (const char *cwd,
            GPtrArray  *args,
            Outcome    *outcome)
{
  g_autoptr(GPtrArray) argv = test_cli_argv ((const char * const *) args->pdata);
  g_autoptr(GSubprocessLauncher) launcher = test_cli_launcher ();

  g_subprocess_launcher_set_cwd (launcher, cwd);
  test_launch (launcher, (const char * const *) argv->pdata, outcome);
}

/* json-glib overflowed its stack on this (SIGSEGV); the plan reader refuses it. */
static void
test_deep_plan (void)
{
  g_autofree char *folder = test_make_folder (scratch, "deep-plan");
  g_autofree char *path = g_build_filename (folder, "d.json", NULL);
  g_autofree char *text = g_malloc (200001);
  g_autoptr(GPtrArray) args = NULL;
  g_auto(Outcome) outcome = { 0 };

  memset (text, '[', 100000);
  memset (text + 100000, ']', 100000);
  text[200000] = '\0';
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  args = test_split_args ("run --preset @/d.json", folder);
  run_cli (args, &outcome);
  g_test_message ("stderr: %s", outcome.err);
  g_assert_cmpint (outcome.status, ==, 2);
  g_assert_nonnull (strstr (outcome.err, "d.json"));
  g_assert_cmpuint (count_lines (outcome.err), ==, 1);
}

static void
test_render_escapes (void)
{
  g_autofree char *folder = test_make_folder (scratch, "render-escapes");
  g_autofree char *path = g_build_filename (folder, "hostile.json", NULL);
  g_autoptr(ClabResult) result = make_hostile_result ();
  g_autoptr(GPtrArray) args = NULL;
  g_auto(Outcome) outcome = { 0 };

  g_assert_true (clab_result_save_json (result, path, NULL));
  args = test_split_args ("render @/hostile.json", folder);
  run_cli (args, &outcome);
  g_test_message ("stdout:\n%s\nstderr:\n%s", outcome.out, outcome.err);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_nonnull (strstr (outcome.out, "TITLE"));
  g_assert_null (strchr (outcome.out, '\033'));
  g_assert_null (strchr (outcome.out, '\007'));
  g_assert_false (has_controls (outcome.out));
  g_assert_false (has_controls (outcome.err));
}

static char *
write_command_plan (const char *folder,
                    const char *marker)
{
  g_autofree char *text = NULL;
  char *path = g_build_filename (folder, "their-plan.json", NULL);

  text = g_strdup_printf ("{ \"workload\": \"command\", \"command\": \"touch '%s'\","
                          " \"tasks\": 1, \"runs\": 1, \"warmup\": 0,"
                          " \"modes\": [\"sequential\"] }", marker);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* A command from someone else's file runs only with --allow-command. */
static void
test_command_consent (void)
{
  g_autofree char *folder = test_make_folder (scratch, "command-consent");
  g_autofree char *marker = g_build_filename (folder, "ran", NULL);
  g_autofree char *plan = write_command_plan (folder, marker);
  g_autoptr(GPtrArray) refused = test_split_args ("run --quiet --preset @/their-plan.json", folder);
  g_autoptr(GPtrArray) allowed =
    test_split_args ("run --quiet --allow-command --preset @/their-plan.json", folder);
  g_auto(Outcome) first = { 0 };
  g_auto(Outcome) second = { 0 };

  run_cli (refused, &first);
  g_test_message ("stderr: %s", first.err);
  g_assert_cmpint (first.status, ==, 2);
  g_assert_nonnull (strstr (first.err, "--allow-command"));
  g_assert_nonnull (strstr (first.err, "touch"));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  run_cli (allowed, &second);
  g_test_message ("stderr: %s", second.err);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* A file named like a built-in preset does not stand in for it; ./NAME reads the file. */
static void
test_preset_shadowed (void)
{
  g_autofree char *folder = test_make_folder (scratch, "preset-shadow");
  g_autofree char *shadow = g_build_filename (folder, "sleep-2x2", NULL);
  g_autoptr(GPtrArray) by_name =
    test_split_args ("run --preset sleep-2x2 --size 0 --tasks 1 --modes sequential "
                     "--runs 1 --warmup 0", "");
  g_autoptr(GPtrArray) by_path =
    test_split_args ("run --preset ./sleep-2x2 --size 0 --tasks 1 --modes sequential "
                     "--runs 1 --warmup 0", "");
  g_auto(Outcome) builtin = { 0 };
  g_auto(Outcome) file = { 0 };

  g_assert_true (g_file_set_contents (shadow, "{ \"title\": \"SHADOW\", \"workload\": \"sleep\" }",
                                      -1, NULL));
  run_cli_in (folder, by_name, &builtin);
  g_test_message ("stdout:\n%s\nstderr:\n%s", builtin.out, builtin.err);
  g_assert_cmpint (builtin.status, ==, 0);
  g_assert_null (strstr (builtin.out, "SHADOW"));
  g_assert_nonnull (strstr (builtin.out, "sleep-2x2"));

  run_cli_in (folder, by_path, &file);
  g_test_message ("stdout:\n%s\nstderr:\n%s", file.out, file.err);
  g_assert_cmpint (file.status, ==, 0);
  g_assert_nonnull (strstr (file.out, "SHADOW"));
}

static void
cap_processes_per_user (void)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_NPROC, &limit), ==, 0);
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < 1000000)
    return;
  limit.rlim_cur = 999999;
  g_assert_cmpint (setrlimit (RLIMIT_NPROC, &limit), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cap_processes_per_user ();
  scratch = test_make_scratch ("test-cli-XXXXXX");

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strconcat ("/cli/bad-input/", bad_inputs[i].name, NULL);

      g_test_add_data_func (path, &bad_inputs[i], test_bad_input);
    }
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/render-help", test_render_help);
  g_test_add_func ("/cli/presets", test_presets);
  g_test_add_func ("/cli/tiny-run", test_tiny_run);
  g_test_add_func ("/cli/render", test_render);
  g_test_add_func ("/cli/render-report", test_render_report);
  g_test_add_func ("/cli/render-cpus-busy", test_render_cpus_busy);
  g_test_add_func ("/cli/summary-csv", test_summary_csv);
  g_test_add_func ("/cli/render-python-runtime", test_render_python_runtime);
  g_test_add_func ("/cli/quiet", test_quiet);
  g_test_add_func ("/cli/preset-override", test_preset_override);
  g_test_add_func ("/cli/sweep", test_sweep);
  g_test_add_func ("/cli/hardening/deep-plan", test_deep_plan);
  g_test_add_func ("/cli/hardening/render-escapes", test_render_escapes);
  g_test_add_func ("/cli/hardening/command-consent", test_command_consent);
  g_test_add_func ("/cli/hardening/preset-shadowed", test_preset_shadowed);
  g_test_add_func ("/cli/hardening/thread-limit", test_thread_limit);
  g_test_add_func ("/cli/sigint", test_sigint);
  g_test_add_func ("/cli/output/chart-full-disk", test_chart_full_disk);
  g_test_add_func ("/cli/output/json-stdout", test_json_stdout);
  g_test_add_func ("/cli/output/chart-stdout", test_chart_stdout);
  g_test_add_func ("/cli/output/special-files", test_special_outputs);
  g_test_add_func ("/cli/output/sigterm-while-writing", test_sigterm_while_writing);
  status = test_run_in_scratch (&scratch);

  g_clear_pointer (&tiny_json, g_free);
  return status;
}
