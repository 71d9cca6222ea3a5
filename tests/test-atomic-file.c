/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "clab-atomic-file.h"
#include "test-files.h"

#define OLD_TEXT "{ \"old\": true }\n"

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("clab-atomic-XXXXXX", &error);

  g_assert_no_error (error);
  return folder;
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, expected);
}

static char *
write_old (const char *folder,
           const char *name)
{
  char *path = g_build_filename (folder, name, NULL);

  g_assert_true (g_file_set_contents (path, OLD_TEXT, -1, NULL));
  return path;
}

static mode_t
current_umask (void)
{
  mode_t mask = umask (022);

  umask (mask);
  return mask;
}

static void
test_new_file (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "new.json", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (clab_atomic_file_replace (path, "new", 3, &error));
  g_assert_no_error (error);
  assert_contents (path, "new");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0666 & ~current_umask ());
  g_assert_cmpuint (count_entries (folder), ==, 1);
  remove_tree (folder);
}

static gboolean
fail_midway_cb (ClabAtomicFile  *file,
                gpointer         user_data,
                GError         **error)
{
  if (!clab_atomic_file_write (file, "{ \"new\": ", 9, error))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "injected failure");
  return FALSE;
}

static void
test_failing_writer_keeps_old (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = write_old (folder, "plan.json");
  g_autoptr(GError) error = NULL;

  g_assert_false (clab_atomic_file_replace_with (path, fail_midway_cb, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  assert_contents (path, OLD_TEXT);
  /* No fragment: the temporary file is gone. */
  g_assert_cmpuint (count_entries (folder), ==, 1);
  remove_tree (folder);
}

/* A full file system, as an unprivileged test can have one: write() fails with EFBIG. */
static void
test_file_size_limit_keeps_old (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = write_old (folder, "c.png");
  g_autofree char *big = g_malloc0 (256 * 1024);
  g_autoptr(GError) error = NULL;
  struct rlimit saved, small;
  void (*saved_handler) (int);
  gboolean ok;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 4096;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  ok = clab_atomic_file_replace (path, big, 256 * 1024, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  assert_contents (path, OLD_TEXT);
  g_assert_cmpuint (count_entries (folder), ==, 1);
  remove_tree (folder);
}

static void
test_symlink_written_through (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *target = write_old (folder, "target.json");
  g_autofree char *link = g_build_filename (folder, "link.json", NULL);
  g_autofree char *pointed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("target.json", link), ==, 0);
  g_assert_true (clab_atomic_file_replace (link, "new", 3, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  pointed = g_file_read_link (link, NULL);
  g_assert_cmpstr (pointed, ==, "target.json");
  assert_contents (target, "new");
  g_assert_cmpuint (count_entries (folder), ==, 2);
  remove_tree (folder);
}

/* The window writes through GFile: a local one follows the same rule. */
static void
test_gfile (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *target = write_old (folder, "target.md");
  g_autofree char *link = g_build_filename (folder, "link.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GFile) device = g_file_new_for_path ("/dev/null");
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (symlink ("target.md", link), ==, 0);
  g_assert_true (clab_atomic_file_replace_gfile (file, "new", 3, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  assert_contents (target, "new");
  g_assert_false (clab_atomic_file_replace_gfile (device, "new", 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpuint (count_entries (folder), ==, 2);
  remove_tree (folder);
}

static void
test_dangling_symlink (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *sub = g_build_filename (folder, "sub", NULL);
  g_autofree char *link = g_build_filename (folder, "link.json", NULL);
  g_autofree char *target = g_build_filename (sub, "made.json", NULL);
  g_autofree char *nowhere = g_build_filename (folder, "nowhere.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (symlink ("sub/made.json", link), ==, 0);
  g_assert_true (clab_atomic_file_replace (link, "new", 3, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  assert_contents (target, "new");

  /* A link into a folder that does not exist creates nothing. */
  g_assert_cmpint (symlink ("missing/made.json", nowhere), ==, 0);
  g_assert_false (clab_atomic_file_replace (nowhere, "new", 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, nowhere));
  g_assert_cmpuint (count_entries (folder), ==, 3);
  g_assert_cmpuint (count_entries (sub), ==, 1);
  remove_tree (folder);
}

static void
assert_refused (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (clab_atomic_file_check_target (path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_false (clab_atomic_file_replace (path, "new", 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
}

static void
test_special_files_refused (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *fifo = g_build_filename (folder, "fifo.json", NULL);
  g_autofree char *to_null = g_build_filename (folder, "null.json", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/null", to_null), ==, 0);
  assert_refused (fifo);
  assert_refused ("/dev/null");
  assert_refused (to_null);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_true (g_file_test (to_null, G_FILE_TEST_IS_SYMLINK));

  g_assert_false (clab_atomic_file_replace (folder, "new", 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_cmpuint (count_entries (folder), ==, 2);
  remove_tree (folder);
}

static void
test_mode_kept (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = write_old (folder, "r.csv");
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (clab_atomic_file_replace (path, "new", 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  assert_contents (path, "new");
  remove_tree (folder);
}

typedef struct
{
  const char *folder;
  char       *temp_name;
} Peek;

/* Writes in pieces and looks at the folder while the temporary file exists. */
static gboolean
peek_cb (ClabAtomicFile  *file,
         gpointer         user_data,
         GError         **error)
{
  Peek *peek = user_data;
  g_autoptr(GDir) dir = g_dir_open (peek->folder, 0, NULL);
  const char *name;

  for (guint i = 0; i < 3; i++)
    if (!clab_atomic_file_write (file, "ab", 2, error))
      return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (clab_atomic_file_is_temporary (name))
      peek->temp_name = g_strdup (name);
  return TRUE;
}

static void
test_temporary_name (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "result.json", NULL);
  g_autoptr(GError) error = NULL;
  Peek peek = { folder, NULL };

  g_assert_true (clab_atomic_file_replace_with (path, peek_cb, &peek, &error));
  g_assert_no_error (error);
  assert_contents (path, "ababab");
  /* Hidden, and not a .json file that a list of results or a file chooser would take. */
  g_assert_nonnull (peek.temp_name);
  g_assert_true (peek.temp_name[0] == '.');
  g_assert_false (g_str_has_suffix (peek.temp_name, ".json"));
  g_assert_false (clab_atomic_file_is_temporary ("result.json"));
  g_assert_false (clab_atomic_file_is_temporary (".hidden.json"));
  g_assert_cmpuint (count_entries (folder), ==, 1);
  g_free (peek.temp_name);
  remove_tree (folder);
}

static gboolean
raise_cb (ClabAtomicFile  *file,
          gpointer         user_data,
          GError         **error)
{
  if (!clab_atomic_file_write (file, "half", 4, error))
    return FALSE;
  raise (GPOINTER_TO_INT (user_data));
  return clab_atomic_file_write (file, " and the rest", 13, error);
}

static int
write_in_child (const char *path,
                int         signum)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* As a process started from a terminal has them, whatever ran the tests. */
      signal (signum, SIG_DFL);
      clab_atomic_file_replace_with (path, raise_cb, GINT_TO_POINTER (signum), NULL);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return status;
}

/* SIGINT, SIGTERM or SIGHUP mid-write: the process dies of it, the temporary file with it. */
static void
test_signal_removes_temporary (void)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  g_autofree char *folder = make_folder ();
  g_autofree char *path = write_old (folder, "big.json");
  struct sigaction after;

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      int status = write_in_child (path, signals[i]);

      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, signals[i]);
      assert_contents (path, OLD_TEXT);
      g_assert_cmpuint (count_entries (folder), ==, 1);
    }

  /* An ignored signal stays ignored: the write goes on and succeeds. */
  signal (SIGHUP, SIG_IGN);
  g_assert_true (clab_atomic_file_replace_with (path, raise_cb, GINT_TO_POINTER (SIGHUP), NULL));
  assert_contents (path, "half and the rest");
  g_assert_cmpint (sigaction (SIGHUP, NULL, &after), ==, 0);
  g_assert_true (after.sa_handler == SIG_IGN);
  signal (SIGHUP, SIG_DFL);
  /* And the handlers are gone once nothing is being written. */
  g_assert_cmpint (sigaction (SIGTERM, NULL, &after), ==, 0);
  g_assert_true (after.sa_handler == SIG_DFL);
  remove_tree (folder);
}

static void
age_file (const char *path,
          GTimeSpan   age)
{
  struct utimbuf times;

  times.actime = times.modtime = (g_get_real_time () - age) / G_USEC_PER_SEC;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
test_stale_removed (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *stale = write_old (folder, ".r.json.a1B2c3.clab-tmp");
  g_autofree char *fresh = write_old (folder, ".r.json.d4E5f6.clab-tmp");
  g_autofree char *old_result = write_old (folder, "r.json");
  g_autofree char *old_hidden = write_old (folder, ".notes");

  age_file (stale, G_TIME_SPAN_HOUR);
  age_file (old_result, G_TIME_SPAN_HOUR);
  age_file (old_hidden, G_TIME_SPAN_HOUR);
  g_assert_cmpuint (clab_atomic_file_remove_stale (folder, 15 * G_TIME_SPAN_MINUTE), ==, 1);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (old_result, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (old_hidden, G_FILE_TEST_EXISTS));
  remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atomic-file/new-file", test_new_file);
  g_test_add_func ("/atomic-file/failing-writer-keeps-old", test_failing_writer_keeps_old);
  g_test_add_func ("/atomic-file/file-size-limit-keeps-old", test_file_size_limit_keeps_old);
  g_test_add_func ("/atomic-file/symlink-written-through", test_symlink_written_through);
  g_test_add_func ("/atomic-file/gfile", test_gfile);
  g_test_add_func ("/atomic-file/dangling-symlink", test_dangling_symlink);
  g_test_add_func ("/atomic-file/special-files-refused", test_special_files_refused);
  g_test_add_func ("/atomic-file/mode-kept", test_mode_kept);
  g_test_add_func ("/atomic-file/temporary-name", test_temporary_name);
  g_test_add_func ("/atomic-file/signal-removes-temporary", test_signal_removes_temporary);
  g_test_add_func ("/atomic-file/stale-removed", test_stale_removed);
  return g_test_run ();
}
