/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "clab-helper-path.h"
#include "clab-run-session.h"
#include "clab-session-protocol.h"

/* The window's side of a run in the command line's engine: the protocol, and a session
 * against the real engine ($CLAB_CLI_PATH), a missing one and one that dies. */

static void
test_sample_round_trip (void)
{
  ClabSample s = { 0.1 + 0.2, 37.5, 20.25, 17.25, 1e-9, 12.0 / 7, 123456 };
  g_autofree char *line = clab_session_format_sample (CLAB_MODE_PROCESS_POOL, &s);
  g_auto(ClabSessionEvent) event = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_suffix (line, "\n"));
  line[strlen (line) - 1] = '\0';
  g_assert_true (clab_session_parse_event (line, &event, &error));
  g_assert_no_error (error);
  g_assert_cmpint (event.type, ==, CLAB_SESSION_EVENT_SAMPLE);
  g_assert_cmpint (event.mode, ==, CLAB_MODE_PROCESS_POOL);
  /* Exactly the same doubles: the window shows what the engine measured. */
  g_assert_true (memcmp (&event.sample, &s, sizeof s) == 0);
}

static void
test_events (void)
{
  g_auto(ClabSessionEvent) event = { 0 };
  gsize length;

  g_assert_true (clab_session_parse_event ("PROGRESS 3 10", &event, NULL));
  g_assert_cmpuint (event.done, ==, 3);
  g_assert_cmpuint (event.total, ==, 10);
  g_assert_true (clab_session_parse_event ("RESULT 42", &event, NULL));
  g_assert_cmpuint (event.length, ==, 42);
  g_assert_true (clab_session_parse_event ("ERROR Two words.", &event, NULL));
  g_assert_cmpstr (event.message, ==, "Two words.");
  clab_session_event_clear (&event);
  g_assert_true (clab_session_parse_plan ("PLAN 7", &length));
  g_assert_cmpuint (length, ==, 7);
}

static void
test_bad_lines (void)
{
  const char *bad[] = { "", "HELLO", "PROGRESS", "PROGRESS 3", "PROGRESS 11 10",
                        "PROGRESS -1 10", "PROGRESS 1 2 3", "RESULT", "RESULT -5",
                        "RESULT 12x", "RESULT 99999999999999999999", "SAMPLE threads 1 2",
                        "SAMPLE nope 1 2 3 4 5 6 7", "SAMPLE threads 1 2 3 4 5 6 nan",
                        "SAMPLE threads 1 2 3 4 5 6 7 8", "SAMPLE threads 1 2 3 4 5 6 7x" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(ClabSessionEvent) event = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (clab_session_parse_event (bad[i], &event, &error));
      g_assert_error (error, CLAB_ERROR, CLAB_ERROR_WORKER);
    }
  g_assert_false (clab_session_parse_plan ("PLAN", NULL));
  g_assert_false (clab_session_parse_plan ("PLAN x", NULL));
}

typedef struct
{
  GMainLoop    *loop;
  ClabResult   *result;
  GError       *error;
  guint         progress, samples;
  GCancellable *cancel_on_sample;
} Outcome;

static void
done_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->result = clab_run_session_run_finish (CLAB_RUN_SESSION (source), res, &outcome->error);
  g_main_loop_quit (outcome->loop);
}

static void
progress_cb (ClabRunSession *session,
             guint           done,
             guint           total,
             Outcome        *outcome)
{
  g_assert_cmpuint (done, <=, total);
  outcome->progress++;
}

static void
sample_cb (ClabRunSession *session,
           int             mode,
           Outcome        *outcome)
{
  outcome->samples++;
  if (outcome->cancel_on_sample != NULL)
    g_cancellable_cancel (outcome->cancel_on_sample);
}

static ClabPlan *
sleep_plan (double      seconds,
            const char *modes)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, CLAB_WORKLOAD_SLEEP);
  clab_plan_set_size (plan, seconds);
  clab_plan_set_tasks (plan, 2);
  clab_plan_set_workers (plan, 2);
  clab_plan_set_sample_interval_ms (plan, 20);
  g_assert_true (clab_plan_parse_modes (plan, modes, NULL));
  return plan;
}

static void
run_session (ClabRunSession *session,
             GCancellable   *cancellable,
             Outcome        *outcome)
{
  outcome->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (session, "progress", G_CALLBACK (progress_cb), outcome);
  g_signal_connect (session, "sample", G_CALLBACK (sample_cb), outcome);
  clab_run_session_run_async (session, cancellable, done_cb, outcome);
  g_main_loop_run (outcome->loop);
  g_main_loop_unref (outcome->loop);
}

static void
outcome_clear (Outcome *outcome)
{
  g_clear_object (&outcome->result);
  g_clear_error (&outcome->error);
}

static void
test_run (void)
{
  g_autoptr(ClabPlan) plan = sleep_plan (0.2, "sequential,threads,processes");
  g_autoptr(ClabRunSession) session = clab_run_session_new (plan);
  Outcome outcome = { 0 };
  ClabResult *live;

  run_session (session, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.result);
  g_assert_false (clab_result_get_cancelled (outcome.result));
  g_assert_cmpuint (clab_result_get_n_modes (outcome.result), ==, 3);
  g_assert_cmpuint (outcome.progress, >, 0);
  g_assert_cmpuint (outcome.samples, >, 0);
  for (guint m = 0; m < 3; m++)
    {
      ClabModeResult *mode = clab_result_get_mode (outcome.result, m);

      /* Sequential sleeps follow each other; the others overlap. Generous bounds. */
      g_assert_cmpfloat (mode->stats.mean_s, >=, mode->mode == CLAB_MODE_SEQUENTIAL ? 0.4 : 0.2);
      g_assert_cmpfloat (mode->stats.mean_s, <, 5);
    }
  /* The live result the window draws while it runs: one run per mode, from the samples. */
  live = clab_run_session_get_live_result (session);
  g_assert_cmpuint (clab_result_get_n_modes (live), ==, 3);
  outcome_clear (&outcome);
}

static void
test_cancel (void)
{
  g_autoptr(ClabPlan) plan = sleep_plan (30, "threads,processes");
  g_autoptr(ClabRunSession) session = clab_run_session_new (plan);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { .cancel_on_sample = cancellable };
  gint64 t0 = g_get_monotonic_time ();

  run_session (session, cancellable, &outcome);
  /* Stopped at the first sample, long before the sleeps' 30 s: the partial result. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 20 * G_USEC_PER_SEC);
  g_assert_no_error (outcome.error);
  g_assert_true (clab_result_get_cancelled (outcome.result));
  outcome_clear (&outcome);
}

static void
test_cancel_at_once (void)
{
  g_autoptr(ClabPlan) plan = sleep_plan (30, "threads");
  g_autoptr(ClabRunSession) session = clab_run_session_new (plan);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { 0 };

  /* Before the engine could have set anything up: it must still stop, not hang. */
  g_cancellable_cancel (cancellable);
  run_session (session, cancellable, &outcome);
  g_assert_true (outcome.result == NULL || clab_result_get_cancelled (outcome.result));
  outcome_clear (&outcome);
}

static void
assert_engine_error (const char *engine,
                     const char *expected)
{
  g_autoptr(ClabPlan) plan = sleep_plan (0.1, "threads");
  g_autoptr(ClabRunSession) session = clab_run_session_new (plan);
  Outcome outcome = { 0 };

  clab_run_session_set_engine_path (session, engine);
  run_session (session, NULL, &outcome);
  g_assert_null (outcome.result);
  g_assert_error (outcome.error, CLAB_ERROR, CLAB_ERROR_WORKER);
  g_test_message ("%s: %s", engine, outcome.error->message);
  g_assert_nonnull (strstr (outcome.error->message, expected));
  outcome_clear (&outcome);
}

static void
test_engine_missing_or_dying (void)
{
  assert_engine_error ("/nonexistent/concurrency-lab-cli", "Could not start");
  assert_engine_error ("/bin/false", "exited with status 1");
  /* An engine that talks nonsense: the window says so instead of believing it. */
  assert_engine_error ("/bin/echo", "not part of its protocol");
}

/* Whether the process or thread @stat_path describes runs at the command line's priority:
 * the normal policy, nice 0 (stat fields 19 and 41). */
static gboolean
at_normal_priority (const char *stat_path)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *p;

  if (!g_file_get_contents (stat_path, &stat, NULL, NULL) || (p = strrchr (stat, ')')) == NULL)
    return TRUE;   /* gone meanwhile */
  fields = g_strsplit (p + 2, " ", -1);
  return g_strv_length (fields) > 38 && atoi (fields[16]) == 0 && atoi (fields[38]) == SCHED_OTHER;
}

typedef struct
{
  GPid  engine;
  guint looked_at, background;
} PrioritySeen;

/* The engine's threads, and its children (the workers). */
static gboolean
look_at_priority_cb (gpointer user_data)
{
  PrioritySeen *seen = user_data;
  g_autofree char *tasks = g_strdup_printf ("/proc/%d/task", seen->engine);
  g_autoptr(GDir) dir = g_dir_open (tasks, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tasks, name, "stat", NULL);
      g_autofree char *children_path = g_build_filename (tasks, name, "children", NULL);
      g_autofree char *children = NULL;

      seen->looked_at++;
      seen->background += !at_normal_priority (path);
      if (g_file_get_contents (children_path, &children, NULL, NULL))
        {
          g_auto(GStrv) pids = g_strsplit (g_strstrip (children), " ", -1);

          for (guint i = 0; pids[i] != NULL && *pids[i] != '\0'; i++)
            {
              g_autofree char *child = g_strdup_printf ("/proc/%s/stat", pids[i]);

              seen->looked_at++;
              seen->background += !at_normal_priority (child);
            }
        }
    }
  return G_SOURCE_CONTINUE;
}

static GPid
find_child (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task/%d/children", getpid (), getpid ());
  g_autofree char *children = NULL;

  if (!g_file_get_contents (path, &children, NULL, NULL))
    return 0;
  return atoi (children);
}

static gboolean
find_engine_cb (gpointer user_data)
{
  PrioritySeen *seen = user_data;

  if (seen->engine == 0)
    seen->engine = find_child ();
  if (seen->engine != 0)
    look_at_priority_cb (seen);
  return G_SOURCE_CONTINUE;
}

/* A run from the window goes at the command line's priority, threads and workers alike:
 * at idle priority, any other busy program would starve it and distort what it measures. */
static void
test_normal_priority (void)
{
  g_autoptr(ClabPlan) plan = sleep_plan (0.5, "threads,processes");
  g_autoptr(ClabRunSession) session = clab_run_session_new (plan);
  PrioritySeen seen = { 0 };
  Outcome outcome = { 0 };
  guint id = g_timeout_add (20, find_engine_cb, &seen);

  run_session (session, NULL, &outcome);
  g_source_remove (id);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (seen.looked_at, >, 0);
  g_assert_cmpuint (seen.background, ==, 0);
  outcome_clear (&outcome);
}

/* The window's descriptors reach neither the engine's commands nor its workers: the
 * engine is spawned without closing them (posix_spawn) and closes them itself. */
static void
test_inherits_nothing (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autoptr(ClabRunSession) session = NULL;
  g_autofree char *command = NULL;
  Outcome outcome = { 0 };
  int leaked = open ("/dev/null", O_RDONLY);   /* not close-on-exec, on purpose */

  g_assert_cmpint (leaked, >, 2);
  command = g_strdup_printf ("sh -c 'test ! -e /proc/self/fd/%d'", leaked);
  clab_plan_set_workload (plan, CLAB_WORKLOAD_COMMAND);
  clab_plan_set_command (plan, command);
  clab_plan_set_tasks (plan, 2);
  g_assert_true (clab_plan_parse_modes (plan, "threads,processes", NULL));
  session = clab_run_session_new (plan);
  run_session (session, NULL, &outcome);
  close (leaked);
  g_assert_no_error (outcome.error);
  for (guint m = 0; m < clab_result_get_n_modes (outcome.result); m++)
    {
      ClabModeResult *mode = clab_result_get_mode (outcome.result, m);
      ClabRun *run = g_ptr_array_index (mode->runs, 0);

      g_assert_cmpuint (clab_run_count_status (run, CLAB_TASK_OK), ==, 2);
    }
  outcome_clear (&outcome);
}

/* A helper planted beside an installed program is never run; in a build tree it is found. */
static void
test_helper_path (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("clab-helper-XXXXXX", NULL);
  g_autofree char *bin = g_build_filename (tmp, "bin", NULL);
  g_autofree char *src = g_build_filename (tmp, "src", NULL);
  g_autofree char *planted_dir = g_build_filename (src, "worker", NULL);
  g_autofree char *planted = g_build_filename (planted_dir, "clab-test-helper", NULL);
  g_autofree char *found = NULL, *installed = NULL, *expected = NULL;

  g_unsetenv ("CLAB_TEST_HELPER");
  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (planted_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (planted, "#!/bin/sh\n", -1, NULL));
  g_assert_cmpint (g_chmod (planted, 0700), ==, 0);

  found = clab_helper_path_from (bin, "CLAB_TEST_HELPER", "clab-test-helper", "/nowhere");
  g_assert_cmpstr (found, ==, planted);
  installed = clab_helper_path_from (BINDIR, "CLAB_TEST_HELPER", "clab-test-helper", LIBEXECDIR);
  expected = g_build_filename (LIBEXECDIR, "clab-test-helper", NULL);
  g_assert_cmpstr (installed, ==, expected);
  g_setenv ("CLAB_TEST_HELPER", "/from/the/environment", TRUE);
  g_free (found);
  found = clab_helper_path_from (BINDIR, "CLAB_TEST_HELPER", "clab-test-helper", LIBEXECDIR);
  g_assert_cmpstr (found, ==, "/from/the/environment");

  g_unlink (planted);
  g_rmdir (planted_dir);
  g_rmdir (src);
  g_rmdir (bin);
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/protocol/sample", test_sample_round_trip);
  g_test_add_func ("/session/protocol/events", test_events);
  g_test_add_func ("/session/protocol/bad-lines", test_bad_lines);
  g_test_add_func ("/session/run", test_run);
  g_test_add_func ("/session/cancel", test_cancel);
  g_test_add_func ("/session/cancel-at-once", test_cancel_at_once);
  g_test_add_func ("/session/engine-fails", test_engine_missing_or_dying);
  g_test_add_func ("/session/helper-path", test_helper_path);
  g_test_add_func ("/session/normal-priority", test_normal_priority);
  g_test_add_func ("/session/inherits-nothing", test_inherits_nothing);
  return g_test_run ();
}
