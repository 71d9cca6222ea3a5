/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "clab-result-io.h"
#include "clab-runner.h"
#include "test-run-helpers.h"

/* Whatever happens to a run — a worker that stops answering, Ctrl+C, SIGTERM, SIGHUP,
 * kill -9 of the lab, a task past its time limit — it ends in bounded time and leaves no
 * worker and no command behind. Each test marks its commands with a number of its own,
 * made unique to this process ("sleep 7703.4242"), and looks for it in /proc: another run
 * of these tests at the same time has other markers. Bounds are generous: a busy two-core
 * machine must pass. */

static char *tmpdir;

/* A marker number for sleep(1), unique to this test process. */
static char *
marker (guint number)
{
  return g_strdup_printf ("%u.%d", number, (int) getpid ());
}

static ClabPlan *
make_plan (ClabWorkloadKind  kind,
           double            size,
           guint             tasks,
           const char       *mode)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, kind);
  clab_plan_set_size (plan, size);
  clab_plan_set_tasks (plan, tasks);
  clab_plan_set_workers (plan, 2);
  clab_plan_set_runs (plan, 1);
  clab_plan_set_warmup (plan, 0);
  g_assert_true (clab_plan_parse_modes (plan, mode, NULL));
  return plan;
}

/* The first mode of the result's plan: every test here runs one. */
static ClabModeResult *
first_mode (ClabResult *result)
{
  guint n_modes;
  const ClabMode *modes = clab_plan_get_modes (clab_result_get_plan (result), &n_modes);
  ClabModeResult *mr = clab_result_find_mode (result, modes[0]);

  g_assert_nonnull (mr);
  return mr;
}

static ClabRun *
first_run (ClabResult *result)
{
  ClabModeResult *mr = first_mode (result);

  g_assert_cmpuint (mr->runs->len, >=, 1);
  return g_ptr_array_index (mr->runs, 0);
}

/* Whether an argument of @pid is exactly @marker: "sleep 7703.42" has, a shell running
 * "sleep 7703.42 & wait" or the lab given that command line has not. */
static gboolean
has_argument (const char *pid,
              const char *marker)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/cmdline", pid);
  g_autofree char *cmdline = NULL;
  gsize length;

  if (!g_file_get_contents (path, &cmdline, &length, NULL))
    return FALSE;
  for (gsize i = 0; i < length; i += strlen (cmdline + i) + 1)
    {
      if (g_str_equal (cmdline + i, marker))
        return TRUE;
    }
  return FALSE;
}

static guint
count_marked (const char *marker)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      if (g_ascii_isdigit (name[0]) && has_argument (name, marker))
        n++;
    }
  return n;
}

/* Polls until @want(count) holds or @seconds pass. */
static gboolean
wait_marked (const char *marker,
             guint       at_least,
             guint       at_most,
             double      seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  do
    {
      guint n = count_marked (marker);

      if (n >= at_least && n <= at_most)
        return TRUE;
      g_usleep (20 * 1000);
    }
  while (g_get_monotonic_time () < deadline);
  return FALSE;
}

static gboolean
commands_started (const char *marker,
                  guint       n)
{
  return wait_marked (marker, n, G_MAXUINT, 20);
}

static void
describe_marked (const char *marker)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%s/stat", name);
      g_autofree char *stat = NULL;

      if (g_ascii_isdigit (name[0]) && has_argument (name, marker)
          && g_file_get_contents (path, &stat, NULL, NULL))
        g_test_message ("left: %s", stat);
    }
}

static gboolean
commands_gone (const char *marker)
{
  if (wait_marked (marker, 0, 0, 2))
    return TRUE;
  describe_marked (marker);
  return FALSE;
}

/* A process that is gone, or a zombie waiting for its new parent to reap it. */
static gboolean
is_dead (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *p;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  p = strrchr (stat, ')');
  return p != NULL && p[1] == ' ' && p[2] == 'Z';
}

static int
parent_of (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *stat = NULL;
  const char *p;
  int ppid = -1;

  if (g_file_get_contents (path, &stat, NULL, NULL) && (p = strrchr (stat, ')')) != NULL)
    sscanf (p + 2, "%*c %d", &ppid);
  return ppid;
}

static GArray *
children_of (int parent)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      int pid = atoi (name);

      if (g_ascii_isdigit (name[0]) && parent_of (name) == parent)
        g_array_append_val (pids, pid);
    }
  return pids;
}

/* The CLI's children once @n of them run; NULL after 20 s. */
static GArray *
wait_children (int   parent,
               guint n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GArray) pids = children_of (parent);

      if (pids->len >= n)
        return g_steal_pointer (&pids);
      g_usleep (20 * 1000);
    }
  return NULL;
}

static gboolean
all_dead (GArray *pids,
          double  seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  gboolean dead;

  do
    {
      dead = TRUE;
      for (guint i = 0; i < pids->len; i++)
        dead = dead && is_dead (g_array_index (pids, int, i));
      if (!dead)
        g_usleep (20 * 1000);
    }
  while (!dead && g_get_monotonic_time () < deadline);
  return dead;
}

static GPid
spawn_cli (const char *args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parsed = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  GPid pid = 0;

  g_assert_true (g_shell_parse_argv (args, NULL, &parsed, &error));
  g_strv_builder_add (builder, g_getenv ("CLAB_CLI_PATH"));
  g_strv_builder_addv (builder, (const char **) parsed);
  argv = g_strv_builder_end (builder);
  g_spawn_async (NULL, argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* The CLI's wait status, or -1 when it is still running after @seconds. */
static int
wait_cli (GPid   pid,
          double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  int status;

  do
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        return status;
      g_usleep (20 * 1000);
    }
  while (g_get_monotonic_time () < deadline);
  return -1;
}

static void
assert_cancelled_exit (GPid pid)
{
  int status = wait_cli (pid, 15);

  g_assert_cmpint (status, !=, -1);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 130);
}

static char *
write_script (const char *name,
              const char *body)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *text = g_strconcat ("#!/bin/sh\n", body, "\n", NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return g_steal_pointer (&path);
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

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs @runner to its end, cancelled after @cancel_ms unless 0; returns seconds taken. */
static double
run_runner (ClabRunner  *runner,
            guint        cancel_ms,
            ClabResult **result)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncRun run = { loop, NULL };
  gint64 t0 = g_get_monotonic_time ();

  if (cancel_ms > 0)
    g_timeout_add (cancel_ms, cancel_cb, cancellable);
  clab_runner_run_async (runner, cancellable, run_done_cb, &run);
  g_main_loop_run (loop);
  g_assert_nonnull (run.result);
  *result = run.result;
  return (g_get_monotonic_time () - t0) / 1e6;
}

/* Item 3: a worker that closes its stdout and keeps running held the run forever and
 * made it deaf to Ctrl+C. */
static void
test_hung_worker_cancel (void)
{
  g_autofree char *mark = marker (7722);
  g_autofree char *body = g_strdup_printf ("read l; exec >&-; exec sleep %s", mark);
  g_autofree char *worker = write_script ("hang.sh", body);
  const char *modes[] = { "processes", "process-pool" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.01, 2, modes[i]);
      g_autoptr(ClabRunner) runner = clab_runner_new (plan);
      g_autoptr(ClabResult) result = NULL;

      clab_runner_set_worker_path (runner, worker);
      g_assert_cmpfloat (run_runner (runner, 1000, &result), <, 5.0);
      g_assert_true (clab_result_get_cancelled (result));
      g_assert_true (commands_gone (mark));
    }
}

/* Without Ctrl+C the misbehaving worker is ended and its task fails with a sentence. */
static void
test_hung_worker_fails (void)
{
  g_autofree char *mark = marker (7723);
  g_autofree char *body = g_strdup_printf ("read l; exec >&-; exec sleep %s", mark);
  g_autofree char *worker = write_script ("hang2.sh", body);
  const char *modes[] = { "processes", "process-pool" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.01, 1, modes[i]);
      g_autoptr(ClabRunner) runner = clab_runner_new (plan);
      g_autoptr(ClabResult) result = NULL;
      ClabTask *task;

      clab_runner_set_worker_path (runner, worker);
      g_assert_cmpfloat (run_runner (runner, 0, &result), <, 20.0);
      task = &g_array_index (first_run (result)->tasks, ClabTask, 0);
      g_assert_cmpint (task->status, ==, CLAB_TASK_FAILED);
      g_assert_nonnull (task->reason);
      g_assert_nonnull (strstr (task->reason, "kept running"));
      g_assert_true (commands_gone (mark));
    }
}

typedef struct
{
  const char *mode;
  const char *command;   /* @: the marker */
  guint       number;
} OrphanCase;

static const OrphanCase sigterm_cases[] = {
  { "processes", "sleep @", 7703 },
  { "process-pool", "sleep @", 7704 },
  { "threads", "sh -c \"sleep @ & wait\"", 7702 },
  { "processes", "sh -c \"sleep @ & wait\"", 7706 },
  { "thread-pool", "sleep @", 7708 },
};

static char *
command_args (const OrphanCase *c,
              const char       *mark,
              const char       *extra)
{
  g_auto(GStrv) parts = g_strsplit (c->command, "@", -1);
  g_autofree char *command = g_strjoinv (mark, parts);
  g_autofree char *quoted = g_shell_quote (command);

  return g_strdup_printf ("run --workload command --command %s --tasks 2 --workers 2 "
                          "--modes %s --runs 1 --warmup 0 --quiet %s",
                          quoted, c->mode, extra);
}

/* Item 4: SIGTERM of the CLI left its commands (and a command's own children) running. */
static void
test_sigterm_ends_commands (gconstpointer data)
{
  const OrphanCase *c = data;
  g_autofree char *mark = marker (c->number);
  g_autofree char *args = command_args (c, mark, "");
  GPid pid = spawn_cli (args);

  g_assert_true (commands_started (mark, 2));
  kill (pid, SIGTERM);
  assert_cancelled_exit (pid);
  g_assert_true (commands_gone (mark));
}

/* Item 5: kill -9 of the CLI left its pool's workers computing. */
static void
test_kill_cli_ends_workers (void)
{
  GPid pid = spawn_cli ("run --workload sleep --size 60 --tasks 4 --workers 2 "
                        "--modes process-pool --runs 1 --warmup 0 --quiet");
  g_autoptr(GArray) workers = wait_children (pid, 2);

  g_assert_nonnull (workers);
  kill (pid, SIGKILL);
  g_assert_cmpint (wait_cli (pid, 10), !=, -1);
  g_assert_true (all_dead (workers, 2));
}

/* Item 5: nor the commands those workers ran. */
static void
test_kill_cli_ends_commands (void)
{
  const OrphanCase c = { "process-pool", "sleep @", 7705 };
  g_autofree char *mark = marker (c.number);
  g_autofree char *args = command_args (&c, mark, "");
  GPid pid = spawn_cli (args);

  g_assert_true (commands_started (mark, 2));
  kill (pid, SIGKILL);
  g_assert_cmpint (wait_cli (pid, 10), !=, -1);
  g_assert_true (commands_gone (mark));
}

/* Item 5: a closed terminal is a cancellation: the partial result is written, exit 130. */
static void
test_sighup (void)
{
  const OrphanCase c = { "process-pool", "sleep @", 7707 };
  g_autofree char *mark = marker (c.number);
  g_autofree char *json = g_build_filename (tmpdir, "hup.json", NULL);
  g_autofree char *extra = g_strdup_printf ("--json %s", json);
  g_autofree char *args = command_args (&c, mark, extra);
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPid pid = spawn_cli (args);

  g_assert_true (commands_started (mark, 2));
  kill (pid, SIGHUP);
  assert_cancelled_exit (pid);
  g_assert_true (commands_gone (mark));
  result = clab_result_load (json, &error);
  g_assert_no_error (error);
  g_assert_true (clab_result_get_cancelled (result));
}

static void
assert_timed_out (ClabRun  *run,
                  guint     expected)
{
  for (guint i = 0; i < run->tasks->len; i++)
    {
      ClabTask *task = &g_array_index (run->tasks, ClabTask, i);

      g_test_message ("task %u: %s after %.3f s: %s", i, clab_task_status_to_string (task->status),
                      task->end_s - task->start_s, task->reason ? task->reason : "");
    }
  g_assert_cmpuint (clab_run_count_status (run, CLAB_TASK_TIMED_OUT), ==, expected);
  g_assert_cmpuint (clab_run_count_status (run, CLAB_TASK_OK), ==, run->tasks->len - expected);
  g_assert_cmpuint (clab_run_count_failures (run), ==, expected);
  for (guint i = 0; i < run->tasks->len; i++)
    {
      ClabTask *task = &g_array_index (run->tasks, ClabTask, i);

      if (task->status == CLAB_TASK_TIMED_OUT)
        g_assert_nonnull (strstr (task->reason, "time limit"));
    }
}

/* Item 6: every task of 5 s stops at a limit of 0.2 s, in every mode; the run goes on. */
static void
test_timeout_every_mode (void)
{
  const char *modes[] = { "sequential", "threads", "thread-pool", "processes", "process-pool" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 5, 2, modes[i]);
      g_autoptr(ClabRunner) runner = clab_runner_new (plan);
      g_autoptr(ClabResult) result = NULL;
      ClabModeResult *mr;

      clab_plan_set_timeout_s (plan, 0.2);
      g_assert_cmpfloat (run_runner (runner, 0, &result), <, 3.0);
      g_assert_false (clab_result_get_cancelled (result));
      assert_timed_out (first_run (result), 2);
      mr = first_mode (result);
      g_assert_cmpuint (mr->stats.failures, ==, 2);
    }
}

/* Item 6: only the slow task times out, its command ended with it; the others are fine.
 * mkdir is atomic: exactly one task of each run gets to sleep. */
static void
test_timeout_one_command (void)
{
  const char *modes[] = { "sequential", "threads", "thread-pool", "processes", "process-pool" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_COMMAND, 0, 3, modes[i]);
      g_autoptr(ClabRunner) runner = clab_runner_new (plan);
      g_autoptr(ClabResult) result = NULL;
      g_autofree char *lock = g_strdup_printf ("%s/lock-%s", tmpdir, modes[i]);
      g_autofree char *mark = marker (7730);
      g_autofree char *command = g_strdup_printf ("sh -c 'mkdir %s 2>/dev/null && exec sleep %s; exit 0'",
                                                  lock, mark);

      /* Long enough for the quick tasks to start a shell on a busy machine. */
      g_test_message ("mode %s", modes[i]);
      clab_plan_set_command (plan, command);
      clab_plan_set_timeout_s (plan, 2);
      g_assert_cmpfloat (run_runner (runner, 0, &result), <, 8.0);
      assert_timed_out (first_run (result), 1);
      g_assert_true (commands_gone (mark));
    }
}

/* The status travels through the result file; the plan keeps its limit. */
static void
test_timeout_round_trip (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 5, 1, "threads");
  g_autoptr(ClabRunner) runner = NULL;
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(ClabResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "timed-out.json", NULL);
  g_autofree char *text = NULL;

  clab_plan_set_timeout_s (plan, 0.1);
  runner = clab_runner_new (plan);
  run_runner (runner, 0, &result);
  g_assert_true (clab_result_save_json (result, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"timed-out\""));
  g_assert_nonnull (strstr (text, "\"timeout_s\""));
  loaded = clab_result_load (path, &error);
  g_assert_no_error (error);
  assert_timed_out (first_run (loaded), 1);
  g_assert_cmpfloat (clab_plan_get_timeout_s (clab_result_get_plan (loaded)), ==, 0.1);
}

static void
test_timeout_validation (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 1, 1, "threads");
  const double good[] = { 0, 0.001, 1, 86400 };
  const double bad[] = { -1, 0.0005, 86401, NAN, INFINITY };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      clab_plan_set_timeout_s (plan, good[i]);
      g_assert_true (clab_plan_validate (plan, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      clab_plan_set_timeout_s (plan, bad[i]);
      g_assert_false (clab_plan_validate (plan, &error));
      g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
    }
}

/* --timeout on the command line: the run ends well before its tasks would. */
static void
test_cli_timeout (void)
{
  gint64 t0 = g_get_monotonic_time ();
  GPid pid = spawn_cli ("run --workload sleep --size 5 --tasks 2 --workers 2 "
                        "--modes threads,process-pool --runs 1 --warmup 0 --quiet --timeout 0.2");
  int status = wait_cli (pid, 20);

  g_assert_cmpint (status, !=, -1);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 4 * G_USEC_PER_SEC);

  status = wait_cli (spawn_cli ("run --workload sleep --size 1 --timeout -1"), 20);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tmpdir = test_make_scratch ("test-lifecycle-XXXXXX");

  g_test_add_func ("/lifecycle/hung-worker/cancel", test_hung_worker_cancel);
  g_test_add_func ("/lifecycle/hung-worker/fails", test_hung_worker_fails);
  for (guint i = 0; i < G_N_ELEMENTS (sigterm_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lifecycle/sigterm/%s-%u",
                                               sigterm_cases[i].mode, sigterm_cases[i].number);

      g_test_add_data_func (path, &sigterm_cases[i], test_sigterm_ends_commands);
    }
  g_test_add_func ("/lifecycle/kill-9/workers", test_kill_cli_ends_workers);
  g_test_add_func ("/lifecycle/kill-9/commands", test_kill_cli_ends_commands);
  g_test_add_func ("/lifecycle/sighup", test_sighup);
  g_test_add_func ("/lifecycle/timeout/every-mode", test_timeout_every_mode);
  g_test_add_func ("/lifecycle/timeout/one-command", test_timeout_one_command);
  g_test_add_func ("/lifecycle/timeout/round-trip", test_timeout_round_trip);
  g_test_add_func ("/lifecycle/timeout/validation", test_timeout_validation);
  g_test_add_func ("/lifecycle/timeout/cli", test_cli_timeout);
  return test_run_in_scratch (&tmpdir);
}
