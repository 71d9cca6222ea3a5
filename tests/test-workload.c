/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "clab-workload.h"
#include "test-run-helpers.h"

static char *tmpdir;

static guint64
run_ok (ClabWorkloadKind kind,
        double           size,
        guint            index)
{
  ClabWorkloadSpec spec = { kind, size, NULL };
  g_autoptr(GError) error = NULL;
  guint64 checksum = 0;

  g_assert_true (clab_workload_run (&spec, index, NULL, &checksum, &error));
  g_assert_no_error (error);
  return checksum;
}

static void
test_deterministic (void)
{
  ClabWorkloadKind kinds[] = { CLAB_WORKLOAD_SLEEP, CLAB_WORKLOAD_CPU, CLAB_WORKLOAD_LOCK,
                               CLAB_WORKLOAD_IO, CLAB_WORKLOAD_MEMORY };
  double sizes[] = { 0.001, 3, 3, 1, 2 };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint64 a = run_ok (kinds[k], sizes[k], 7);
      guint64 b = run_ok (kinds[k], sizes[k], 7);
      guint64 c = run_ok (kinds[k], sizes[k], 8);

      g_assert_cmpuint (a, ==, b);
      g_assert_cmpuint (a, !=, c);
    }
  /* The lock workload is the cpu work under a lock: the same answer. */
  g_assert_cmpuint (run_ok (CLAB_WORKLOAD_CPU, 4, 3), ==, run_ok (CLAB_WORKLOAD_LOCK, 4, 3));
  /* More work gives another checksum: the loop is not skipped. */
  g_assert_cmpuint (run_ok (CLAB_WORKLOAD_CPU, 4, 3), !=, run_ok (CLAB_WORKLOAD_CPU, 5, 3));
}

static void
test_cpu_takes_time (void)
{
  double t0 = clab_thread_cpu_s ();

  run_ok (CLAB_WORKLOAD_CPU, 20, 1);
  /* Generous sanity bound: 20 units are at least a few ms of CPU, not optimised away. */
  g_assert_cmpfloat (clab_thread_cpu_s () - t0, >, 0.002);
}

static gpointer
run_lock_task (gpointer data)
{
  gint64 *end_ns = data;

  run_ok (CLAB_WORKLOAD_LOCK, 100, 1);
  *end_ns = clab_monotonic_ns ();
  return NULL;
}

/* Two threads under the lock take turns, as Python's threads do under the GIL, instead of
 * one finishing before the other begins: both end near the end. The handover does not
 * depend on timing, only on the second thread asking for the lock while the first works. */
static void
test_lock_takes_turns (void)
{
  gint64 start = clab_monotonic_ns ();
  gint64 end[2] = { 0, 0 };
  GThread *threads[2];
  double first, last;

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("lock-task", run_lock_task, &end[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  first = (MIN (end[0], end[1]) - start) / 1e9;
  last = (MAX (end[0], end[1]) - start) / 1e9;
  g_test_message ("first ended at %.3f s, last at %.3f s", first, last);
  /* Turn by turn the first ends at about 95 % of the whole; one after the other, at 50 %. */
  g_assert_cmpfloat (first, >, 0.75 * last);
}

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (50 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
assert_cancels (ClabWorkloadKind kind,
                double           size)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ClabWorkloadSpec spec = { kind, size, NULL };
  GThread *thread = g_thread_new ("cancel", cancel_soon, cancellable);
  gint64 t0 = clab_monotonic_ns ();
  guint64 checksum;

  g_assert_false (clab_workload_run (&spec, 0, cancellable, &checksum, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Generous: the task stops long before its natural end. */
  g_assert_cmpint (clab_monotonic_ns () - t0, <, 5 * G_GINT64_CONSTANT (1000000000));
  g_thread_join (thread);
}

static void
test_cancel (void)
{
  assert_cancels (CLAB_WORKLOAD_SLEEP, 60);
  assert_cancels (CLAB_WORKLOAD_CPU, 600000);
  assert_cancels (CLAB_WORKLOAD_MEMORY, 2000);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_io_leaves_nothing (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_IO, 2, NULL };
  guint64 checksum;

  run_ok (CLAB_WORKLOAD_IO, 2, 1);
  g_assert_cmpuint (count_files (tmpdir), ==, 0);

  g_cancellable_cancel (cancellable);
  g_assert_false (clab_workload_run (&spec, 0, cancellable, &checksum, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (tmpdir), ==, 0);
}

static gboolean
run_command (const char  *command,
             GError     **error)
{
  g_auto(GStrv) argv = NULL;
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_COMMAND, 0, NULL };
  guint64 checksum;

  g_assert_true (g_shell_parse_argv (command, NULL, &argv, NULL));
  spec.argv = argv;
  return clab_workload_run (&spec, 0, NULL, &checksum, error);
}

static void
test_command (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = g_build_filename (tmpdir, "shell-was-here", NULL);
  g_autofree char *injection = g_strdup_printf ("true ; touch %s", marker);

  g_assert_true (run_command ("true", &error));
  g_assert_no_error (error);

  g_assert_false (run_command ("false", &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_WORKLOAD);
  g_assert_nonnull (strstr (error->message, "status 1"));
  g_clear_error (&error);

  g_assert_false (run_command ("no-such-program-for-clab", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* No shell: "; touch" are arguments of true, so the marker never appears. */
  g_assert_true (run_command (injection, &error));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* Descriptors past 0–2 of this process; with @inheritable, only those without
 * FD_CLOEXEC (such as ones the test runner itself passed down to us). */
static int
count_fds (gboolean inheritable)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  int n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      int fd = atoi (name);
      if (fd > 2 && (!inheritable || !(fcntl (fd, F_GETFD) & FD_CLOEXEC)))
        n++;
    }
  return n;
}

/* The command must inherit none of our descriptors, such as a cancellable's eventfd or an
 * open file: another thread's spawn could hold its own command's end of a pipe open. */
static void
test_command_inherits_nothing (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *expected = NULL;
  char *argv[] = { self, (char *) "--count-fds", NULL, NULL };
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_COMMAND, 0, argv };
  g_autoptr(GFile) file = g_file_new_for_path ("/proc/self/stat");
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint64 checksum;

  g_assert_nonnull (stream);
  g_assert_cmpint (g_cancellable_get_fd (cancellable), >=, 0);
  /* Not even what was inheritable before we started reaches the command. */
  expected = g_strdup ("0");
  argv[2] = expected;
  g_assert_true (clab_workload_run (&spec, 0, cancellable, &checksum, &error));
  g_assert_no_error (error);
  g_cancellable_release_fd (cancellable);
}

/* In the command (this program again): what a command started from a shell would have. */
static int
check_started_clean (void)
{
  sigset_t blocked;
  struct sigaction pipe_action;
  int death_signal = 0;

  sigprocmask (SIG_SETMASK, NULL, &blocked);
  sigaction (SIGPIPE, NULL, &pipe_action);
  prctl (PR_GET_PDEATHSIG, &death_signal);
  if (sigismember (&blocked, SIGUSR1) || pipe_action.sa_handler != SIG_DFL)
    return 2;
  /* A group of its own, and death with the process that started it. */
  if (getpgrp () != getpid () || death_signal != SIGKILL)
    return 3;
  return 0;
}

static void
ignore_signal_cb (int sig)
{
}

/* The command is started by vfork() from a thread whose signals are blocked meanwhile: it
 * must get the caller's mask back, and none of our handlers or ignored SIGPIPE. */
static void
test_command_starts_clean (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  char *argv[] = { self, (char *) "--check-started-clean", NULL };
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_COMMAND, 0, argv };
  struct sigaction handler = { .sa_handler = ignore_signal_cb }, old_usr2, old_pipe;
  sigset_t usr1, old_mask;
  guint64 checksum;

  sigemptyset (&usr1);
  sigaddset (&usr1, SIGUSR1);
  pthread_sigmask (SIG_BLOCK, &usr1, &old_mask);
  sigaction (SIGUSR2, &handler, &old_usr2);
  signal (SIGPIPE, SIG_IGN);
  clab_workload_run (&spec, 0, NULL, &checksum, &error);
  g_assert_no_error (error);
  /* Our own mask and handlers are as they were. */
  {
    sigset_t now;

    pthread_sigmask (SIG_SETMASK, NULL, &now);
    g_assert_true (sigismember (&now, SIGUSR1));
    g_assert_false (sigismember (&now, SIGTERM));
    sigaction (SIGPIPE, NULL, &old_pipe);
    g_assert_true (old_pipe.sa_handler == SIG_IGN);
  }
  pthread_sigmask (SIG_SETMASK, &old_mask, NULL);
  sigaction (SIGUSR2, &old_usr2, NULL);
  signal (SIGPIPE, SIG_DFL);
}

/* A command that cannot start says why and leaves no child behind. */
static void
test_command_missing (void)
{
  g_autoptr(GError) error = NULL;
  char *argv[] = { (char *) "clab-no-such-command-xyz", NULL };
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_COMMAND, 0, argv };
  guint64 checksum;

  g_assert_false (clab_workload_run (&spec, 0, NULL, &checksum, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_WORKLOAD);
  g_assert_nonnull (strstr (error->message, "clab-no-such-command-xyz"));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  /* Its zombie would be reaped here: none, or nothing left at all. */
  g_assert_cmpint (waitpid (-1, NULL, WNOHANG), <=, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The directory listing's own descriptor is the one extra. */
  if (argc == 3 && g_str_equal (argv[1], "--count-fds"))
    return count_fds (FALSE) - 1 == atoi (argv[2]) ? 0 : 1;
  if (argc == 2 && g_str_equal (argv[1], "--check-started-clean"))
    return check_started_clean ();
  tmpdir = test_make_scratch ("clab-test-workload-XXXXXX");
  g_setenv ("TMPDIR", tmpdir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workload/deterministic", test_deterministic);
  g_test_add_func ("/workload/cpu-takes-time", test_cpu_takes_time);
  g_test_add_func ("/workload/lock-takes-turns", test_lock_takes_turns);
  g_test_add_func ("/workload/cancel", test_cancel);
  g_test_add_func ("/workload/io-leaves-nothing", test_io_leaves_nothing);
  g_test_add_func ("/workload/command", test_command);
  g_test_add_func ("/workload/command-inherits-nothing", test_command_inherits_nothing);
  g_test_add_func ("/workload/command-starts-clean", test_command_starts_clean);
  g_test_add_func ("/workload/command-missing", test_command_missing);
  return test_run_in_scratch (&tmpdir);
}
