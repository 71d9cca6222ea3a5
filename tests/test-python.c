/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "clab-plan-python.h"
#include "clab-python-protocol.h"
#include "clab-python-runtime.h"
#include "clab-result-io.h"
#include "clab-runner.h"
#include "test-files.h"
#include "test-run-helpers.h"

/* The Python runtime: the driver's protocol, runs of every mode, bad input and cancel. */

static char *tmpdir;

static char *
write_file (const char *name,
            const char *text)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_chmod (path, 0755);
  return path;
}

static ClabPlan *
python_plan (ClabWorkloadKind kind,
             double           size,
             guint            tasks,
             guint            workers)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_runtime (plan, CLAB_RUNTIME_PYTHON);
  clab_plan_set_python (plan, test_python ());
  clab_plan_set_workload (plan, kind);
  clab_plan_set_size (plan, size);
  clab_plan_set_tasks (plan, tasks);
  clab_plan_set_workers (plan, workers);
  clab_plan_set_runs (plan, 1);
  clab_plan_set_warmup (plan, 0);
  return plan;
}

static ClabTask *
task_of (ClabRun *run,
         guint    i)
{
  return &g_array_index (run->tasks, ClabTask, i);
}

static void
test_protocol_lines (void)
{
  g_auto(ClabPythonLine) line = { 0 };
  g_autoptr(GError) error = NULL;
  const char *broken[] = {
    "", "HELLO", "HELLO 1 2 fork CPython 3.11.2 /usr/bin/python3", "READY now",
    "START 1 2 3 4", "START -1 0 0 0 5", "DONE 0 0 1 1 10 20 5 12345",
    "DONE 0 0 1 1 20 10 5 0123456789abcdef", "FAIL 0 0 1 1 10 20 x reason", "PROC 0",
    "FINISH", "BYE", "DONE 0 0 1 1 10 20 5 0123456789abcdefg", "READY", "READY 1",
    "FINISH 100", "FINISH 100 -1 3", "FINISH 100 5 x",
  };

  g_assert_true (clab_python_line_parse ("HELLO 1 0 spawn CPython 3.13.0 /opt/py thon/bin/python3.13t",
                                         &line, &error));
  g_assert_no_error (error);
  g_assert_cmpint (line.kind, ==, CLAB_PYTHON_LINE_HELLO);
  g_assert_false (line.gil_enabled);
  g_assert_cmpstr (line.code, ==, "spawn");
  g_assert_cmpstr (line.version, ==, "3.13.0");
  g_assert_cmpstr (line.text, ==, "/opt/py thon/bin/python3.13t");
  clab_python_line_clear (&line);

  g_assert_true (clab_python_line_parse ("DONE 3 1 4242 4240 100 250 70 00000000000000ff", &line, NULL));
  g_assert_cmpint (line.kind, ==, CLAB_PYTHON_LINE_DONE);
  g_assert_cmpuint (line.index, ==, 3);
  g_assert_cmpint (line.worker, ==, 1);
  g_assert_cmpint (line.tid, ==, 4242);
  g_assert_cmpint (line.pid, ==, 4240);
  g_assert_cmpint (line.end_ns - line.start_ns, ==, 150);
  g_assert_cmpint (line.cpu_ns, ==, 70);
  g_assert_cmpuint (line.checksum, ==, 0xff);
  clab_python_line_clear (&line);

  g_assert_true (clab_python_line_parse ("READY 41000 9000", &line, NULL));
  g_assert_cmpint (line.kind, ==, CLAB_PYTHON_LINE_READY);
  g_assert_cmpint (line.user_us, ==, 41000);
  g_assert_cmpint (line.sys_us, ==, 9000);
  clab_python_line_clear (&line);

  g_assert_true (clab_python_line_parse ("FINISH 500 1200000 3000", &line, NULL));
  g_assert_cmpint (line.kind, ==, CLAB_PYTHON_LINE_FINISH);
  g_assert_cmpint (line.start_ns, ==, 500);
  g_assert_cmpint (line.user_us, ==, 1200000);
  g_assert_cmpint (line.sys_us, ==, 3000);
  clab_python_line_clear (&line);

  g_assert_true (clab_python_line_parse ("FAIL 0 0 1 1 10 20 5 ValueError: bad 1", &line, NULL));
  g_assert_cmpstr (line.text, ==, "ValueError: bad 1");
  clab_python_line_clear (&line);
  g_assert_true (clab_python_line_parse ("ERROR no-task ", &line, NULL));
  g_assert_cmpstr (line.code, ==, "no-task");
  g_assert_cmpstr (line.text, ==, "");
  clab_python_line_clear (&line);
  g_assert_true (clab_python_line_parse ("ERROR syntax 3 expected ':'", &line, NULL));
  g_assert_cmpstr (line.text, ==, "3 expected ':'");
  clab_python_line_clear (&line);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) e = NULL;
      g_assert_false (clab_python_line_parse (broken[i], &line, &e));
      g_assert_error (e, CLAB_ERROR, CLAB_ERROR_WORKER);
    }
  g_assert_false (clab_python_line_parse ("READY \xff", &line, NULL));
}

/* The driver alone, as the engine speaks to it. */
static void
test_driver_protocol (void)
{
  g_autofree char *driver = clab_python_find_driver ();
  const char *argv[] = { test_python (), driver, "--mode", "thread-pool", "--workload", "cpu",
                         "--size", "2", "--tasks", "3", "--workers", "2", NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_start = 0, n_done = 0;
  gint64 go = g_get_monotonic_time () * 1000;
  int pid;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error);
  g_assert_no_error (error);
  pid = atoi (g_subprocess_get_identifier (proc));
  g_subprocess_communicate_utf8 (proc, "GO\n", NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2 + 3 + 3 + 1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(ClabPythonLine) line = { 0 };

      g_assert_true (clab_python_line_parse (lines[i], &line, &error));
      g_assert_no_error (error);
      if (i == 0)
        {
          g_assert_cmpint (line.kind, ==, CLAB_PYTHON_LINE_HELLO);
          g_assert_cmpuint (line.protocol, ==, CLAB_PYTHON_PROTOCOL);
        }
      else if (i == 1)
        g_assert_cmpint (line.kind, ==, CLAB_PYTHON_LINE_READY);
      else if (lines[i + 1] == NULL)
        g_assert_cmpint (line.kind, ==, CLAB_PYTHON_LINE_FINISH);
      else if (line.kind == CLAB_PYTHON_LINE_START)
        n_start++;
      else
        {
          g_assert_cmpint (line.kind, ==, CLAB_PYTHON_LINE_DONE);
          /* CLOCK_MONOTONIC, as GLib's monotonic clock on Linux. */
          g_assert_cmpint (line.start_ns, >=, go);
          g_assert_cmpint (line.end_ns, >=, line.start_ns);
          g_assert_cmpint (line.worker, <, 2);
          g_assert_cmpint (line.tid, >, 0);
          g_assert_cmpint (line.pid, ==, pid);
          g_assert_cmpint (line.cpu_ns, >, 0);
          n_done++;
        }
    }
  g_assert_cmpuint (n_start, ==, 3);
  g_assert_cmpuint (n_done, ==, 3);
}

static void
assert_all_ok (ClabRun *run)
{
  for (guint i = 0; i < run->tasks->len; i++)
    {
      ClabTask *task = task_of (run, i);
      if (task->status != CLAB_TASK_OK)
        g_error ("%s task %u: %s", clab_mode_to_string (run->mode), i,
                 task->reason ? task->reason : clab_task_status_to_string (task->status));
      g_assert_cmpint (task->pid, >, 0);
      g_assert_cmpint (task->tid, >, 0);
      g_assert_cmpfloat (task->end_s, >=, task->start_s);
      g_assert_cmpfloat (task->start_s, >=, 0);
      g_assert_cmpfloat (task->end_s, <=, run->elapsed_s + 1e-3);
    }
}

/* Equal checksums in every mode and start method, and who ran each task. */
static void
check_modes (const char *method)
{
  g_autoptr(ClabPlan) plan = python_plan (CLAB_WORKLOAD_CPU, 3, 4, 2);
  g_autoptr(ClabResult) result = NULL;
  const ClabSystemInfo *system;
  ClabRun *seq, *threads, *processes;

  clab_plan_set_start_method (plan, method);
  result = test_run_plan (plan);
  system = clab_result_get_system (result);
  g_assert_nonnull (system->python.version);
  g_assert_cmpstr (system->python.implementation, !=, NULL);
  if (method != NULL)
    g_assert_cmpstr (system->python.start_method, ==, method);
  seq = test_first_run (result, CLAB_MODE_SEQUENTIAL);
  threads = test_first_run (result, CLAB_MODE_THREADS);
  processes = test_first_run (result, CLAB_MODE_PROCESSES);
  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    {
      ClabRun *run = test_first_run (result, mode);

      assert_all_ok (run);
      for (guint i = 0; i < 4; i++)
        g_assert_cmpuint (task_of (run, i)->checksum, ==, task_of (seq, i)->checksum);
    }
  /* A thread per task in one interpreter; a process per task, none of them it. */
  for (guint i = 1; i < 4; i++)
    {
      g_assert_cmpint (task_of (threads, i)->tid, !=, task_of (threads, 0)->tid);
      g_assert_cmpint (task_of (threads, i)->pid, ==, task_of (threads, 0)->pid);
      g_assert_cmpint (task_of (threads, i)->worker, ==, i);
      g_assert_cmpint (task_of (processes, i)->pid, !=, task_of (processes, 0)->pid);
      g_assert_cmpint (task_of (processes, i)->worker, ==, task_of (processes, i)->pid);
    }
  g_assert_cmpint (task_of (processes, 0)->pid, !=, task_of (threads, 0)->pid);
  g_assert_cmpfloat (test_first_run (result, CLAB_MODE_PROCESS_POOL)->cpu_user_s, >, 0);
}

static void
test_checksums_default (void)
{
  check_modes (NULL);
}

static void
test_checksums_spawn (void)
{
  check_modes ("spawn");
}

/* Under the GIL, CPython's threads never hold more than one CPU between them, however
 * busy the machine: their CPU time over the run's elapsed time stays near 1. */
static void
test_gil_threads (void)
{
  g_autoptr(ClabPlan) plan = python_plan (CLAB_WORKLOAD_CPU, 60, 4, 2);
  g_autoptr(ClabResult) result = NULL;
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS, CLAB_MODE_PROCESS_POOL };
  ClabRun *threads;
  double cpu = 0;

  clab_plan_set_modes (plan, modes, G_N_ELEMENTS (modes));
  result = test_run_plan (plan);
  if (!clab_result_get_system (result)->python.gil_enabled)
    {
      g_test_skip ("a free-threaded interpreter");
      return;
    }
  threads = test_first_run (result, CLAB_MODE_THREADS);
  assert_all_ok (threads);
  for (guint i = 0; i < threads->tasks->len; i++)
    cpu += task_of (threads, i)->cpu_s;
  g_test_message ("threads: %.3f s of CPU in %.3f s", cpu, threads->elapsed_s);
  g_assert_cmpfloat (cpu / threads->elapsed_s, <=, 1.3);
  g_assert_cmpfloat (cpu, >, 0.1);
}

static void
test_function_file (void)
{
  g_autofree char *file = write_file ("task.py",
                                      "import os\n"
                                      "def task(index, size):\n"
                                      "    print('to stdout, not the protocol')\n"
                                      "    if index == 2:\n"
                                      "        raise ValueError('bad %d' % index)\n"
                                      "    return index * size\n");
  g_autoptr(ClabPlan) plan = python_plan (CLAB_WORKLOAD_CPU, 7, 3, 2);
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(ClabPlan) reread = NULL;
  g_autofree char *json = NULL;
  ClabRun *seq;

  clab_plan_set_function_file (plan, file);
  clab_plan_set_start_method (plan, "forkserver");
  json = clab_plan_to_json_string (plan, FALSE);
  reread = clab_plan_new_from_data (json, strlen (json), "plan", NULL);
  g_assert_nonnull (reread);
  g_assert_cmpint (clab_plan_get_runtime (reread), ==, CLAB_RUNTIME_PYTHON);
  g_assert_cmpstr (clab_plan_get_function_file (reread), ==, file);
  g_assert_cmpstr (clab_plan_get_start_method (reread), ==, "forkserver");
  g_assert_cmpstr (clab_plan_get_python (reread), ==, test_python ());

  result = test_run_plan (plan);
  seq = test_first_run (result, CLAB_MODE_SEQUENTIAL);
  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    {
      ClabRun *run = test_first_run (result, mode);

      for (guint i = 0; i < 3; i++)
        {
          ClabTask *task = task_of (run, i);

          if (i == 2)
            {
              g_assert_cmpint (task->status, ==, CLAB_TASK_FAILED);
              g_assert_cmpstr (task->reason, ==, "ValueError: bad 2");
            }
          else
            {
              g_assert_cmpint (task->status, ==, CLAB_TASK_OK);
              g_assert_cmpuint (task->checksum, ==, task_of (seq, i)->checksum);
            }
        }
    }
  g_assert_cmpuint (task_of (seq, 0)->checksum, !=, task_of (seq, 1)->checksum);
}

/* A native plan's JSON is as it was; a Python result says which interpreter ran it. */
static void
test_json_round_trip (void)
{
  g_autoptr(ClabPlan) native = clab_plan_new ();
  g_autofree char *json = clab_plan_to_json_string (native, FALSE);
  g_autoptr(ClabPlan) plan = python_plan (CLAB_WORKLOAD_SLEEP, 0, 2, 1);
  g_autoptr(ClabResult) result = NULL, reread = NULL;
  g_autofree char *text = NULL;
  const ClabMode modes[] = { CLAB_MODE_THREADS };
  g_autoptr(GError) error = NULL;

  g_assert_null (strstr (json, "runtime"));
  g_assert_null (strstr (json, "python"));
  clab_plan_set_modes (plan, modes, 1);
  result = test_run_plan (plan);
  text = clab_result_to_json_string (result, TRUE);
  g_assert_nonnull (strstr (text, "\"gil_enabled\""));
  reread = clab_result_new_from_data (text, strlen (text), "result", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clab_result_get_system (reread)->python.version, ==,
                   clab_result_get_system (result)->python.version);
  g_assert_cmpstr (clab_result_get_system (reread)->python.start_method, ==,
                   clab_result_get_system (result)->python.start_method);
  g_assert_cmpint (clab_plan_get_runtime (clab_result_get_plan (reread)), ==, CLAB_RUNTIME_PYTHON);
}

typedef struct
{
  const char *name;
  const char *file;        /* the function file's text, or NULL */
  const char *interpreter; /* a script standing in for python, or NULL */
  const char *expect;      /* in the sentence */
} BadInput;

static const BadInput bad_inputs[] = {
  { "missing interpreter", NULL, "", "was not found" },
  { "no task", "def work(index, size):\n    return 1\n", NULL, "defines no function task(index, size)" },
  { "syntax error", "x = 1\n\ndef task(index, size)\n    return 1\n", NULL, "syntax error on line 3" },
  { "raises on import", "raise RuntimeError('no')\n", NULL, "RuntimeError: no" },
  { "too old", NULL, "#!/bin/sh\necho 'ERROR old-python 3.8.18'\nexit 2\n", "too old" },
  { "not python", NULL, "#!/bin/sh\nexit 0\n", "did not answer as a Python interpreter" },
};

/* One sentence on stderr, exit 2, and no interpreter ran the plan: no result at all. */
static void
test_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL, *json = g_build_filename (tmpdir, "bad.json", NULL);
  g_autofree char *file = bad->file ? write_file ("bad.py", bad->file) : NULL;
  g_autofree char *fake = bad->interpreter && *bad->interpreter
                          ? write_file ("fake-python", bad->interpreter) : NULL;
  g_auto(GStrv) lines = NULL;

  g_ptr_array_add (argv, g_strdup (g_getenv ("CLAB_CLI_PATH")));
  g_ptr_array_add (argv, g_strdup ("run"));
  g_ptr_array_add (argv, g_strdup ("--runtime=python"));
  g_ptr_array_add (argv, g_strdup ("--tasks=1"));
  g_ptr_array_add (argv, g_strdup_printf ("--json=%s", json));
  if (bad->file != NULL)
    g_ptr_array_add (argv, g_strdup_printf ("--function=%s", file));
  if (bad->interpreter == NULL)
    g_ptr_array_add (argv, g_strdup_printf ("--python=%s", test_python ()));
  else if (*bad->interpreter == '\0')
    g_ptr_array_add (argv, g_strdup ("--python=no-such-python-3.99"));
  else
    g_ptr_array_add (argv, g_strdup_printf ("--python=%s", fake));
  g_ptr_array_add (argv, NULL);
  g_unlink (json);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s", bad->name, err);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
  lines = g_strsplit (g_strstrip (err), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (err, bad->expect));
  g_assert_cmpstr (out, ==, "");
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
}

/* Live processes (not zombies) in process group @pgid. */
static guint
count_group (int pgid)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *p;
      char state;
      int ppid, group;

      if (!g_ascii_isdigit (*name) || !g_file_get_contents (path, &stat, NULL, NULL)
          || (p = strrchr (stat, ')')) == NULL || sscanf (p + 2, "%c %d %d", &state, &ppid, &group) != 3)
        continue;
      if (group == pgid && state != 'Z')
        n++;
    }
  return n;
}

/* The interpreter that runs @marker: its pid leads its process group. Its own "--mode"
 * argument tells it from the command line's "--modes=…", which a child shows between its
 * fork (where it already leads its group) and its exec. */
static int
find_interpreter (const char *marker)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
      g_autofree char *cmdline = NULL;
      gsize length;

      if (!g_ascii_isdigit (*name) || !g_file_get_contents (path, &cmdline, &length, NULL))
        continue;
      for (gsize i = 0; i + 1 < length; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      if (strstr (cmdline, marker) != NULL && strstr (cmdline, " --mode ") != NULL
          && getpgid (atoi (name)) == atoi (name))
        return atoi (name);
    }
  return 0;
}

/* The group of the interpreter that runs @marker, found again while @pgid has no live
 * process: a process found there may have been the short "--check" before the run. */
static int
follow_interpreter (int         pgid,
                    const char *marker)
{
  if (pgid == 0 || count_group (pgid) == 0)
    return find_interpreter (marker);
  return pgid;
}

typedef struct
{
  GMainLoop  *loop;
  ClabResult *result;
} AsyncRun;

static void
run_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->result = clab_runner_run_finish (CLAB_RUNNER (source), res, NULL);
  g_main_loop_quit (run->loop);
}

/* Cancel ends the interpreter and every process it started at once. */
static void
check_cancel (ClabMode    mode,
              const char *method)
{
  g_autofree char *marker = g_strdup_printf ("cancel-%s-%s.py", clab_mode_to_string (mode), method);
  g_autofree char *file = write_file (marker, "import time\n"
                                              "def task(index, size):\n"
                                              "    time.sleep(size)\n");
  g_autoptr(ClabPlan) plan = python_plan (CLAB_WORKLOAD_SLEEP, 60, 3, 3);
  g_autoptr(ClabRunner) runner = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(ClabResult) result = NULL;
  AsyncRun run = { loop, NULL };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC, cancelled_at, gone_at = 0;
  int pgid = 0;

  clab_plan_set_modes (plan, &mode, 1);
  clab_plan_set_function_file (plan, file);
  clab_plan_set_start_method (plan, method);
  runner = clab_runner_new (plan);
  clab_runner_run_async (runner, cancellable, run_done_cb, &run);
  /* The interpreter and its three processes (with spawn and forkserver, a helper or two). */
  while (g_get_monotonic_time () < deadline && (pgid == 0 || count_group (pgid) < 4))
    {
      g_main_context_iteration (NULL, FALSE);
      pgid = follow_interpreter (pgid, marker);
      g_usleep (20000);
    }
  g_assert_cmpint (pgid, >, 0);
  g_assert_cmpuint (count_group (pgid), >=, 4);
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  while (g_get_monotonic_time () - cancelled_at < 5 * G_USEC_PER_SEC)
    {
      if (count_group (pgid) == 0)
        {
          gone_at = g_get_monotonic_time ();
          break;
        }
      g_usleep (5000);
    }
  g_assert_cmpint (gone_at, >, 0);
  g_test_message ("%s, %s: the group was gone %.0f ms after cancel", clab_mode_to_string (mode),
                  method, (gone_at - cancelled_at) / 1e3);
  /* The lab kills at once (30 ms measured quietly); a busy machine gets slack. */
  g_assert_cmpint (gone_at - cancelled_at, <=, G_USEC_PER_SEC);
  g_main_loop_run (loop);
  result = run.result;
  g_assert_nonnull (result);
  g_assert_true (clab_result_get_cancelled (result));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (task_of (test_first_run (result, mode), i)->status, ==, CLAB_TASK_CANCELLED);
  g_assert_cmpuint (count_group (pgid), ==, 0);
}

static void
test_cancel_processes_fork (void)
{
  check_cancel (CLAB_MODE_PROCESSES, "fork");
}

static void
test_cancel_pool_forkserver (void)
{
  check_cancel (CLAB_MODE_PROCESS_POOL, "forkserver");
}

static void
test_cancel_processes_spawn (void)
{
  check_cancel (CLAB_MODE_PROCESSES, "spawn");
}

/* Runs the command line on a Python function that sleeps, from a file named @marker, with
 * @mode_args after the common arguments (and TMPDIR @temp, unless NULL); once the
 * interpreter's group holds @group processes, presses Ctrl+C and waits for the exit, status
 * 130. Returns the group, which may still be dying. */
static int
interrupt_cli (const char         *marker,
               const char * const *mode_args,
               const char         *temp,
               guint               group)
{
  g_autofree char *file = write_file (marker, "import time\n"
                                              "def task(index, size):\n"
                                              "    time.sleep(size)\n");
  g_autofree char *function = g_strdup_printf ("--function=%s", file);
  g_autofree char *interpreter = g_strdup_printf ("--python=%s", test_python ());
  const char *common[] = { g_getenv ("CLAB_CLI_PATH"), "run", interpreter, function,
                           "--size=60", "--tasks=2", "--runs=1", "--warmup=0", "--quiet" };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  int pgid = 0;

  for (guint i = 0; i < G_N_ELEMENTS (common); i++)
    g_ptr_array_add (argv, (gpointer) common[i]);
  for (guint i = 0; mode_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) mode_args[i]);
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  if (temp != NULL)
    g_subprocess_launcher_setenv (launcher, "TMPDIR", temp, TRUE);
  cli = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  while (g_get_monotonic_time () < deadline && (pgid == 0 || count_group (pgid) < group))
    {
      pgid = follow_interpreter (pgid, marker);
      g_usleep (20000);
    }
  g_assert_cmpint (pgid, >, 0);
  g_assert_cmpuint (count_group (pgid), >=, group);
  g_subprocess_send_signal (cli, SIGINT);
  g_subprocess_wait (cli, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 130);
  return pgid;
}

/* Ctrl+C in the CLI: exit 130 with the partial result, and no Python process left. */
static void
test_cli_interrupt (void)
{
  const char *mode_args[] = { "--modes=processes", NULL };
  int pgid = interrupt_cli ("interrupt-marker.py", mode_args, NULL, 3);
  gint64 exited_at = g_get_monotonic_time ();

  /* Killed processes take a moment to die after the signal: on a busy machine one of the
   * group was still exiting when the command line had ended (a CI run). None may stay. */
  while (count_group (pgid) > 0 && g_get_monotonic_time () - exited_at < 5 * G_USEC_PER_SEC)
    g_usleep (5000);
  g_test_message ("the group was gone %.0f ms after the command line ended",
                  (g_get_monotonic_time () - exited_at) / 1e3);
  g_assert_cmpuint (count_group (pgid), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - exited_at, <=, 2 * G_USEC_PER_SEC);
}

/* Interrupted, a run leaves nothing in the temporary folder: forkserver's socket and its
 * folder (pymp-…), which only its own exit removes, go with the lab's folder for Python. */
static void
test_cli_interrupt_no_files_left (void)
{
  const char *mode_args[] = { "--workers=2", "--modes=process-pool", "--start-method=forkserver",
                              NULL };
  g_autofree char *temp = g_build_filename (tmpdir, "leftover-tmp", NULL);

  g_assert_cmpint (g_mkdir (temp, 0700), ==, 0);
  /* The interpreter, the forkserver and the pool's two workers (and a resource tracker). */
  interrupt_cli ("leftover-marker.py", mode_args, temp, 4);
  g_assert_cmpuint (count_entries (temp), ==, 0);
  g_rmdir (temp);
}

/* A Python thread cannot be stopped alone: the task past the limit ends the interpreter. */
/* A launcher that works before it execs the interpreter under its own pid (pyenv's shim runs
 * a dozen programs first) is not the run: the run's CPU time is what its tasks and the
 * interpreter used after the clock started, never more than the CPUs could give. */
static void
test_launcher_cpu (void)
{
  g_autofree char *script = g_strdup_printf (
      "#!/bin/sh\n"
      "'%s' -c 'import time\nt = time.process_time()\nwhile time.process_time() - t < 0.4: pass'\n"
      "exec '%s' \"$@\"\n", test_python (), test_python ());
  g_autofree char *launcher = write_file ("launcher.sh", script);
  g_autoptr(ClabPlan) plan = python_plan (CLAB_WORKLOAD_CPU, 50, 1, 1);
  g_autoptr(ClabResult) result = NULL;
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL };
  ClabRun *run;
  double cpu;

  clab_plan_set_python (plan, launcher);
  clab_plan_set_modes (plan, modes, G_N_ELEMENTS (modes));
  result = test_run_plan (plan);
  run = test_first_run (result, CLAB_MODE_SEQUENTIAL);
  assert_all_ok (run);
  cpu = run->cpu_user_s + run->cpu_system_s;
  g_test_message ("sequential: %.3f s of CPU in %.3f s", cpu, run->elapsed_s);
  /* 0.4 s burnt by the launcher would be counted otherwise; the bound holds however busy
   * the machine is, since waiting adds to the elapsed time, not to the CPU time. */
  g_assert_cmpfloat (cpu, <=, run->elapsed_s * 1.2 + 0.05);
}

/* The run's CPU time is what ran between the clock's start and FINISH: the interpreter's exit
 * (tearing down multiprocessing, 15-40 ms) made a sequential run "126 %" of one CPU and a
 * process pool "218 %" of two; the lab's own sampler and reader threads are not the run's. Both are CPU times, so waiting on a busy machine adds
 * to neither side. */
static void
test_cpu_within_clock (void)
{
  g_autoptr(ClabPlan) plan = python_plan (CLAB_WORKLOAD_CPU, 30, 3, 2);
  g_autoptr(ClabResult) result = NULL;
  const ClabMode modes[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_PROCESS_POOL };
  ClabRun *sequential, *pool;
  double tasks = 0, cpu;
  guint cpus = g_get_num_processors ();

  clab_plan_set_modes (plan, modes, G_N_ELEMENTS (modes));
  result = test_run_plan (plan);
  sequential = test_first_run (result, CLAB_MODE_SEQUENTIAL);
  assert_all_ok (sequential);
  for (guint i = 0; i < sequential->tasks->len; i++)
    tasks += task_of (sequential, i)->cpu_s;
  cpu = sequential->cpu_user_s + sequential->cpu_system_s;
  g_test_message ("sequential: %.4f s of CPU, its tasks %.4f s", cpu, tasks);
  g_assert_cmpfloat (cpu, <=, tasks + 0.008);
  /* One thread computed: never more than one CPU (the lab's own threads are not the run). */
  g_assert_cmpfloat (cpu, <=, sequential->elapsed_s + 0.002);
  pool = test_first_run (result, CLAB_MODE_PROCESS_POOL);
  assert_all_ok (pool);
  cpu = pool->cpu_user_s + pool->cpu_system_s;
  g_test_message ("process pool: %.4f s of CPU in %.4f s", cpu, pool->elapsed_s);
  g_assert_cmpfloat (cpu, <=, MIN (cpus, 2) * pool->elapsed_s + 0.005);
}

/* A preset run on another runtime is another plan: "Two sleeps, two workers" and its words
 * about C threads do not describe CPython's run of it. */
static void
test_cli_runtime_drops_preset_words (void)
{
  g_autofree char *json = g_build_filename (tmpdir, "other-runtime.json", NULL);
  const char *argv[] = { g_getenv ("CLAB_CLI_PATH"), "run", "--preset", "sleep-2x2", "--runtime",
                         "python", "--python", test_python (), "--size", "0.02", "--modes",
                         "sequential", "--runs", "1", "--warmup", "0", "--quiet", "--json", json,
                         NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabResult) result = NULL;
  ClabPlan *plan;
  int status = -1;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  result = clab_result_load (json, &error);
  g_assert_no_error (error);
  plan = clab_result_get_plan (result);
  g_assert_cmpint (clab_plan_get_runtime (plan), ==, CLAB_RUNTIME_PYTHON);
  g_assert_null (clab_plan_get_name (plan));
  g_assert_null (clab_plan_get_title (plan));
  g_assert_null (clab_plan_get_description (plan));
}

static void
test_time_limit (void)
{
  g_autoptr(ClabPlan) plan = python_plan (CLAB_WORKLOAD_SLEEP, 30, 2, 2);
  g_autoptr(ClabResult) result = NULL;
  const ClabMode mode = CLAB_MODE_THREADS;
  ClabRun *run;
  gint64 t0 = g_get_monotonic_time ();

  clab_plan_set_modes (plan, &mode, 1);
  clab_plan_set_timeout_s (plan, 0.5);
  result = test_run_plan (plan);
  run = test_first_run (result, mode);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 20 * G_USEC_PER_SEC);
  g_assert_cmpuint (clab_run_count_status (run, CLAB_TASK_TIMED_OUT), ==, 1);
  g_assert_cmpuint (clab_run_count_status (run, CLAB_TASK_FAILED), ==, 1);
}

static void
test_validation (void)
{
  g_autoptr(ClabPlan) plan = python_plan (CLAB_WORKLOAD_COMMAND, 0, 1, 1);
  g_autoptr(ClabPlan) native = clab_plan_new ();
  g_autoptr(GError) error = NULL;

  clab_plan_set_command (plan, "true");
  g_assert_false (clab_plan_validate (plan, &error));
  g_assert_nonnull (strstr (error->message, "native runtime"));
  g_clear_error (&error);
  clab_plan_set_function_file (native, "/nonexistent.py");
  g_assert_false (clab_plan_validate (native, &error));
  g_assert_nonnull (strstr (error->message, "Python runtime"));
  g_clear_error (&error);
  clab_plan_set_function_file (native, NULL);
  clab_plan_set_start_method (native, "vfork");
  g_assert_false (clab_plan_validate (native, &error));
  g_assert_nonnull (strstr (error->message, "vfork"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tmpdir = test_make_scratch ("clab-test-python-XXXXXX");

  g_test_add_func ("/python/protocol-lines", test_protocol_lines);
  g_test_add_func ("/python/validation", test_validation);
  g_test_add_func ("/python/driver-protocol", test_driver_protocol);
  g_test_add_func ("/python/checksums-default", test_checksums_default);
  g_test_add_func ("/python/checksums-spawn", test_checksums_spawn);
  g_test_add_func ("/python/gil-threads", test_gil_threads);
  g_test_add_func ("/python/function-file", test_function_file);
  g_test_add_func ("/python/json-round-trip", test_json_round_trip);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/python/bad-input/%s", bad_inputs[i].name);
      g_test_add_data_func (path, &bad_inputs[i], test_bad_input);
    }
  g_test_add_func ("/python/cancel/processes-fork", test_cancel_processes_fork);
  g_test_add_func ("/python/cancel/processes-spawn", test_cancel_processes_spawn);
  g_test_add_func ("/python/cancel/pool-forkserver", test_cancel_pool_forkserver);
  g_test_add_func ("/python/cancel/cli-interrupt", test_cli_interrupt);
  g_test_add_func ("/python/cancel/no-files-left", test_cli_interrupt_no_files_left);
  g_test_add_func ("/python/time-limit", test_time_limit);
  g_test_add_func ("/python/launcher-cpu", test_launcher_cpu);
  g_test_add_func ("/python/cpu-within-clock", test_cpu_within_clock);
  g_test_add_func ("/python/cli-runtime-drops-preset-words", test_cli_runtime_drops_preset_words);

  return test_run_in_scratch (&tmpdir);
}
