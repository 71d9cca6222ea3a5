/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "clab-python-finder.h"
#include "test-files.h"

/* The test's PATH: two folders of fake interpreters (shell scripts). */
typedef struct
{
  char *first;
  char *second;
  char *path;
} Folders;

static void
write_script (const char *folder,
              const char *name,
              const char *body)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\n%s\n", body);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
}

static void
folders_set_up (Folders       *f,
                gconstpointer  data)
{
  g_autofree char *link = NULL;

  f->first = g_dir_make_tmp ("clab-finder-XXXXXX", NULL);
  f->second = g_dir_make_tmp ("clab-finder-XXXXXX", NULL);
  g_assert_nonnull (f->first);
  g_assert_nonnull (f->second);
  write_script (f->first, "python3.12", "echo '3.12.4 0'");
  write_script (f->first, "python3.13t", "echo '3.13.1 1'");
  write_script (f->first, "python3.10", "exit 1");                 /* broken */
  write_script (f->first, "python3.9", "exec sleep 60");           /* hangs */
  write_script (f->first, "python3.8", "echo 'not a version'");   /* says nonsense */
  write_script (f->first, "python3-config", "echo '3.12.4 0'");   /* not an interpreter */
  write_script (f->first, "python3.11m", "echo '3.11.0 0'");
  /* python3 is a link to python3.12: one interpreter, listed once, by its first name. */
  link = g_build_filename (f->first, "python3", NULL);
  g_assert_cmpint (symlink ("python3.12", link), ==, 0);
  /* Shadowed by the first folder's python3, as the shell would. */
  write_script (f->second, "python3", "echo '3.7.0 0'");
  write_script (f->second, "python3.11", "echo '3.11.2 0'");
  f->path = g_strjoin (":", f->first, "/nonexistent/folder", f->second, NULL);
}

static void
folders_tear_down (Folders       *f,
                   gconstpointer  data)
{
  remove_tree (f->first);
  remove_tree (f->second);
  g_free (f->first);
  g_free (f->second);
  g_free (f->path);
}

static const ClabPythonInterpreter *
find_name (GPtrArray  *found,
           const char *name)
{
  for (guint i = 0; i < found->len; i++)
    {
      const ClabPythonInterpreter *interpreter = g_ptr_array_index (found, i);

      if (g_str_equal (interpreter->name, name))
        return interpreter;
    }
  return NULL;
}

static void
assert_fake_list (GPtrArray     *found,
                  const Folders *f)
{
  const ClabPythonInterpreter *python3, *ft, *p311;
  g_autofree char *python3_path = g_build_filename (f->first, "python3", NULL);
  g_autofree char *label = NULL;

  g_assert_cmpuint (found->len, ==, 3);
  python3 = find_name (found, "python3");
  g_assert_nonnull (python3);
  g_assert_cmpstr (python3->path, ==, python3_path);
  g_assert_cmpstr (python3->version, ==, "3.12.4");
  g_assert_false (python3->free_threaded);
  ft = find_name (found, "python3.13t");
  g_assert_nonnull (ft);
  g_assert_cmpstr (ft->version, ==, "3.13.1");
  g_assert_true (ft->free_threaded);
  p311 = find_name (found, "python3.11");
  g_assert_nonnull (p311);
  g_assert_cmpstr (p311->version, ==, "3.11.2");
  /* PATH order: the first folder's interpreters before the second's. */
  g_assert_true (g_ptr_array_index (found, 0) == python3);
  g_assert_true (g_ptr_array_index (found, 2) == p311);
  label = clab_python_interpreter_describe (python3);
  g_assert_cmpstr (label, ==, "python3 (3.12.4)");
}

static void
test_fake_path (Folders       *f,
                gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) found = clab_python_find_interpreters (f->path, 1500, NULL);
  double seconds = (g_get_monotonic_time () - start) / 1e6;

  assert_fake_list (found, f);
  /* The hanging candidate is ended at the timeout, not waited for. */
  g_test_message ("found in %.2f s", seconds);
  g_assert_cmpfloat (seconds, <, 20.0);
  g_assert_cmpfloat (seconds, >=, 1.4);
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  GPtrArray **found = data;
  g_autoptr(GError) error = NULL;

  *found = clab_python_find_interpreters_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (Folders       *f,
            gconstpointer  data)
{
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autoptr(GPtrArray) found = NULL;

  /* Without the hanging one, the thread's default timeout is not waited for. */
  g_autofree char *hang = g_build_filename (f->first, "python3.9", NULL);
  g_unlink (hang);
  g_setenv ("PATH", f->path, TRUE);
  clab_python_find_interpreters_async (NULL, found_cb, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_setenv ("PATH", old_path, TRUE);
  assert_fake_list (found, f);
}

static void
test_empty_path (void)
{
  g_autoptr(GPtrArray) found = clab_python_find_interpreters ("", 1000, NULL);
  g_autoptr(GPtrArray) none = clab_python_find_interpreters ("/nonexistent:/also/not", 1000, NULL);

  g_assert_cmpuint (found->len, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_cancelled (Folders       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) found = NULL;

  g_cancellable_cancel (cancellable);
  found = clab_python_find_interpreters (f->path, 30000, cancellable);
  g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, 10.0);
  g_assert_nonnull (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/python-finder/fake-path", Folders, NULL, folders_set_up, test_fake_path,
              folders_tear_down);
  g_test_add ("/python-finder/async", Folders, NULL, folders_set_up, test_async,
              folders_tear_down);
  g_test_add ("/python-finder/cancelled", Folders, NULL, folders_set_up, test_cancelled,
              folders_tear_down);
  g_test_add_func ("/python-finder/empty-path", test_empty_path);
  return g_test_run ();
}
