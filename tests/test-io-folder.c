/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "clab-plan-python.h"
#include "clab-runner.h"
#include "clab-workload.h"
#include "test-files.h"
#include "test-run-helpers.h"

/* The io workload's folder: validation, plan files, and where each mode and runtime writes. */

static char *tmpdir;
static char *default_tmp;   /* TMPDIR: where the io workload writes without a folder */

static ClabPlan *
io_plan (const char *folder,
         const char *modes,
         guint       tasks)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, CLAB_WORKLOAD_IO);
  clab_plan_set_size (plan, 1);
  clab_plan_set_tasks (plan, tasks);
  clab_plan_set_workers (plan, 2);
  clab_plan_set_runs (plan, 1);
  clab_plan_set_warmup (plan, 0);
  clab_plan_set_io_folder (plan, folder);
  g_assert_true (clab_plan_parse_modes (plan, modes, NULL));
  return plan;
}

static void
assert_refused (ClabPlan   *plan,
                const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (clab_plan_validate (plan, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_validate (void)
{
  g_autofree char *folder = test_make_folder (tmpdir, "valid");
  g_autofree char *missing = g_build_filename (tmpdir, "missing", NULL);
  g_autofree char *file = g_build_filename (tmpdir, "a-file", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(ClabPlan) plan = io_plan (folder, "threads", 2);

  g_assert_true (clab_plan_validate (plan, NULL));
  clab_plan_set_io_folder (plan, "");
  g_assert_null (clab_plan_get_io_folder (plan));
  g_assert_true (clab_plan_validate (plan, NULL));

  clab_plan_set_io_folder (plan, missing);
  expected = g_strdup_printf ("The folder “%s” for the file I/O workload does not exist.", missing);
  assert_refused (plan, expected);
  g_clear_pointer (&expected, g_free);

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  clab_plan_set_io_folder (plan, file);
  expected = g_strdup_printf ("“%s” is not a folder, so the file I/O workload cannot write in it.",
                              file);
  assert_refused (plan, expected);
  g_clear_pointer (&expected, g_free);

  clab_plan_set_io_folder (plan, "relative/folder");
  assert_refused (plan, "The folder “relative/folder” for the file I/O workload is not an absolute path.");

  /* The folder is the io workload's own: another workload does not look at it. */
  clab_plan_set_io_folder (plan, missing);
  clab_plan_set_workload (plan, CLAB_WORKLOAD_SLEEP);
  g_assert_true (clab_plan_validate (plan, NULL));
}

static void
test_not_writable (void)
{
  g_autofree char *folder = test_make_folder (tmpdir, "read-only");
  g_autofree char *expected = NULL;
  g_autoptr(ClabPlan) plan = io_plan (folder, "threads", 2);

  if (geteuid () == 0)
    {
      g_test_skip ("root writes in any folder");
      return;
    }
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  expected = g_strdup_printf ("The folder “%s” is not writable, so the file I/O workload cannot write in it.",
                              folder);
  assert_refused (plan, expected);
  g_chmod (folder, 0700);
}

static void
test_json (void)
{
  g_autoptr(ClabPlan) plan = io_plan ("/srv/disk", "threads", 2);
  g_autoptr(ClabPlan) read = NULL;
  g_autoptr(ClabPlan) copy = NULL;
  g_autofree char *json = clab_plan_to_json_string (plan, FALSE);
  g_autofree char *plain = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (strstr (json, "\"io_folder\":\"/srv/disk\""));
  read = clab_plan_new_from_data (json, strlen (json), "test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clab_plan_get_io_folder (read), ==, "/srv/disk");
  copy = clab_plan_copy (read);
  g_assert_cmpstr (clab_plan_get_io_folder (copy), ==, "/srv/disk");
  /* Plans on the temporary folder are written as they always were. */
  clab_plan_set_io_folder (plan, NULL);
  plain = clab_plan_to_json_string (plan, FALSE);
  g_assert_null (strstr (plain, "io_folder"));
}

/* Every file a run creates in @folder, counted by the kernel: the workload unlinks its file
 * at once, so a look at the folder afterwards alone would prove nothing. */
typedef struct
{
  int   fd;
  guint created;
  guint deleted;
} Watch;

static void
watch_start (Watch      *watch,
             const char *folder)
{
  watch->fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (watch->fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (watch->fd, folder, IN_CREATE | IN_DELETE), >=, 0);
  watch->created = watch->deleted = 0;
}

static void
watch_stop (Watch *watch)
{
  char buf[16384] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  gssize n;

  while ((n = read (watch->fd, buf, sizeof buf)) > 0)
    for (char *p = buf; p < buf + n;)
      {
        const struct inotify_event *event = (const struct inotify_event *) (gpointer) p;

        if (event->len > 0 && g_str_has_prefix (event->name, "concurrency-lab-io-"))
          {
            if (event->mask & IN_CREATE)
              watch->created++;
            if (event->mask & IN_DELETE)
              watch->deleted++;
          }
        p += sizeof *event + event->len;
      }
  g_assert_true (n < 0 && errno == EAGAIN);
  close (watch->fd);
}

static void
assert_writes_in_folder (ClabPlan   *plan,
                         const char *folder,
                         guint       tasks)
{
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch;

  watch_start (&watch, folder);
  result = clab_runner_run (runner, NULL, &error);
  g_assert_no_error (error);
  watch_stop (&watch);
  g_assert_cmpuint (watch.created, ==, tasks);
  g_assert_cmpuint (watch.deleted, ==, tasks);
  g_assert_cmpuint (count_entries (folder), ==, 0);
  /* Nothing went to the default temporary folder. */
  g_assert_cmpuint (count_entries (default_tmp), ==, 0);
}

static void
test_runs_in_folder (gconstpointer data)
{
  const char *mode = data;
  g_autofree char *folder = test_make_folder (tmpdir, "disk");
  g_autoptr(ClabPlan) plan = io_plan (folder, mode, 3);

  assert_writes_in_folder (plan, folder, 3);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static void
test_python_in_folder (void)
{
  g_autofree char *folder = test_make_folder (tmpdir, "python-disk");
  g_autoptr(ClabPlan) plan = io_plan (folder, "threads,processes", 2);

  clab_plan_set_runtime (plan, CLAB_RUNTIME_PYTHON);
  clab_plan_set_python (plan, test_python ());
  assert_writes_in_folder (plan, folder, 4);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      data)
{
  ClabResult **result = data;

  *result = clab_runner_run_finish (CLAB_RUNNER (source), res, NULL);
}

/* A cancelled run of tasks that would write minutes long leaves the folder empty. */
static void
test_cancel_leaves_nothing (gconstpointer data)
{
  const char *mode = data;
  g_autofree char *folder = test_make_folder (tmpdir, "cancelled");
  g_autoptr(ClabPlan) plan = io_plan (folder, mode, 2);
  g_autoptr(ClabRunner) runner = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ClabResult *result = NULL;

  clab_plan_set_size (plan, 4000);
  runner = clab_runner_new (plan);
  g_timeout_add (300, cancel_cb, cancellable);
  clab_runner_run_async (runner, cancellable, run_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (clab_result_get_cancelled (result));
  g_object_unref (result);
  g_assert_cmpuint (count_entries (folder), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

/* A folder gone after validation fails the task with a sentence naming it. */
static void
test_folder_gone (void)
{
  g_autofree char *folder = g_build_filename (tmpdir, "gone", NULL);
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_IO, 1, NULL, folder };
  g_autoptr(GError) error = NULL;
  guint64 checksum = 0;

  g_assert_false (clab_workload_run (&spec, 0, NULL, &checksum, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, folder));
}

/* run --io-folder: relative to where it runs, stored whole in the result's plan. */
static void
test_cli (void)
{
  g_autofree char *folder = test_make_folder (tmpdir, "cli-disk");
  g_autofree char *json = g_build_filename (tmpdir, "cli.json", NULL);
  const char *argv[] = { g_getenv ("CLAB_CLI_PATH"), "run", "--workload", "io", "--size", "1",
                         "--tasks", "2", "--runs", "1", "--warmup", "0", "--modes",
                         "threads,processes", "--io-folder", "cli-disk", "--quiet",
                         "--json", json, NULL };
  g_autoptr(ClabPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  Watch watch;

  g_assert_nonnull (argv[0]);
  watch_start (&watch, folder);
  /* Its verdict on stdout would be read as a line of this test's TAP output. */
  g_spawn_sync (tmpdir, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  watch_stop (&watch);
  g_assert_cmpuint (watch.created, ==, 4);
  g_assert_cmpuint (watch.deleted, ==, 4);
  g_assert_cmpuint (count_entries (folder), ==, 0);
  plan = clab_plan_load (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clab_plan_get_io_folder (plan), ==, folder);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = test_make_scratch ("clab-test-io-folder-XXXXXX");
  default_tmp = g_build_filename (tmpdir, "default", NULL);
  g_assert_cmpint (g_mkdir (default_tmp, 0700), ==, 0);
  g_setenv ("TMPDIR", default_tmp, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/io-folder/validate", test_validate);
  g_test_add_func ("/io-folder/not-writable", test_not_writable);
  g_test_add_func ("/io-folder/json", test_json);
  g_test_add_data_func ("/io-folder/runs/threads", "threads", test_runs_in_folder);
  g_test_add_data_func ("/io-folder/runs/thread-pool", "thread-pool", test_runs_in_folder);
  g_test_add_data_func ("/io-folder/runs/processes", "processes", test_runs_in_folder);
  g_test_add_data_func ("/io-folder/runs/process-pool", "process-pool", test_runs_in_folder);
  g_test_add_func ("/io-folder/python", test_python_in_folder);
  g_test_add_data_func ("/io-folder/cancel/threads", "threads", test_cancel_leaves_nothing);
  g_test_add_data_func ("/io-folder/cancel/processes", "processes", test_cancel_leaves_nothing);
  g_test_add_func ("/io-folder/folder-gone", test_folder_gone);
  g_test_add_func ("/io-folder/cli", test_cli);
  status = test_run_in_scratch (&tmpdir);
  g_free (default_tmp);
  return status;
}
