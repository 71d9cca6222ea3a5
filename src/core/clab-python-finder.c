/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "clab-python-finder.h"

/* Asked of every candidate: its version, and whether it was built without the GIL. */
#define VERSION_CODE \
  "import sys, sysconfig; print('%d.%d.%d' % sys.version_info[:3], " \
  "1 if sysconfig.get_config_var('Py_GIL_DISABLED') else 0)"

typedef struct
{
  ClabPythonInterpreter *interpreter;
  GSubprocess           *proc;
  GCancellable          *cancellable;
  char                  *output;
  gboolean               done;
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  g_clear_pointer (&candidate->interpreter, clab_python_interpreter_free);
  g_clear_object (&candidate->proc);
  g_clear_object (&candidate->cancellable);
  g_free (candidate->output);
  g_free (candidate);
}

void
clab_python_interpreter_free (ClabPythonInterpreter *interpreter)
{
  if (interpreter == NULL)
    return;
  g_free (interpreter->name);
  g_free (interpreter->path);
  g_free (interpreter->version);
  g_free (interpreter);
}

char *
clab_python_interpreter_describe (const ClabPythonInterpreter *interpreter)
{
  g_return_val_if_fail (interpreter != NULL, NULL);
  if (interpreter->free_threaded)
    /* TRANSLATORS: an interpreter and its version, e.g. "python3.13t (3.13.1, free-threaded)" */
    return g_strdup_printf (_("%s (%s, free-threaded)"), interpreter->name, interpreter->version);
  /* TRANSLATORS: an interpreter and its version, e.g. "python3 (3.11.2)" */
  return g_strdup_printf (_("%s (%s)"), interpreter->name, interpreter->version);
}

/* python3, python3.X or python3.Xt: not python3-config, python3.11m or python3.11-dbg. */
static gboolean
is_candidate_name (const char *name)
{
  const char *p;

  if (!g_str_has_prefix (name, "python3"))
    return FALSE;
  p = name + strlen ("python3");
  if (*p == '\0')
    return TRUE;
  if (*p++ != '.' || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == 't')
    p++;
  return *p == '\0';
}

/* python3 first, then by minor version, so that the list reads in order. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;
  gsize lx = strlen (x), ly = strlen (y);

  return lx != ly ? (lx < ly ? -1 : 1) : strcmp (x, y);
}

static GPtrArray *
names_in (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (is_candidate_name (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* The first of each name on the path, as the shell runs it, and each real file once. */
static GPtrArray *
collect_candidates (const char *search_path)
{
  g_auto(GStrv) folders = g_strsplit (search_path != NULL ? search_path : "", ":", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);

  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) names = NULL;

      if (*folders[i] == '\0')
        continue;
      names = names_in (folders[i]);
      for (guint n = 0; n < names->len; n++)
        {
          const char *name = g_ptr_array_index (names, n);
          g_autofree char *path = g_build_filename (folders[i], name, NULL);
          g_autofree char *real = NULL;
          Candidate *candidate;

          if (g_hash_table_contains (seen, name) || !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE)
              || g_file_test (path, G_FILE_TEST_IS_DIR) || (real = realpath (path, NULL)) == NULL)
            continue;
          g_hash_table_add (seen, g_strdup (name));
          if (!g_hash_table_add (seen, g_strconcat ("/real", real, NULL)))
            continue;
          candidate = g_new0 (Candidate, 1);
          candidate->interpreter = g_new0 (ClabPythonInterpreter, 1);
          candidate->interpreter->name = g_strdup (name);
          candidate->interpreter->path = g_steal_pointer (&path);
          g_ptr_array_add (candidates, candidate);
        }
    }
  return candidates;
}

/* A group of its own, so that a candidate that hangs is ended with what it started. */
static void
child_setup (gpointer data)
{
  setpgid (0, 0);
}

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Candidate *candidate = data;
  g_autoptr(GError) error = NULL;

  if (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result,
                                            &candidate->output, NULL, &error)
      && !g_subprocess_get_successful (G_SUBPROCESS (source)))
    g_clear_pointer (&candidate->output, g_free);
  candidate->done = TRUE;
}

static void
ask_version (Candidate *candidate)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  const char *argv[] = { candidate->interpreter->path, "-I", "-c", VERSION_CODE, NULL };

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  candidate->proc = g_subprocess_launcher_spawnv (launcher, argv, NULL);
  if (candidate->proc == NULL)
    {
      candidate->done = TRUE;
      return;
    }
  candidate->cancellable = g_cancellable_new ();
  g_subprocess_communicate_utf8_async (candidate->proc, NULL, candidate->cancellable,
                                       communicate_cb, candidate);
}

static gboolean
all_done (GPtrArray *candidates)
{
  for (guint i = 0; i < candidates->len; i++)
    if (!((Candidate *) g_ptr_array_index (candidates, i))->done)
      return FALSE;
  return TRUE;
}

/* Ends a candidate still running with what it started; its read then ends too. */
static void
end_candidate (Candidate *candidate)
{
  const char *id;

  if (candidate->done || candidate->proc == NULL)
    {
      candidate->done = TRUE;
      return;
    }
  g_debug ("%s did not tell its version in time", candidate->interpreter->path);
  if ((id = g_subprocess_get_identifier (candidate->proc)) != NULL)
    kill (-atoi (id), SIGKILL);
  g_cancellable_cancel (candidate->cancellable);
}

static void
source_drop (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static gboolean
late_cb (gpointer data)
{
  end_candidate (data);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      data)
{
  /* Runs in the cancelling thread: only wake the loop. */
  g_main_context_wakeup (data);
}

/* Starts @candidate with a deadline of its own, in @context. */
static GSource *
start_candidate (Candidate    *candidate,
                 guint         timeout_ms,
                 GMainContext *context)
{
  GSource *timer = g_timeout_source_new (timeout_ms);

  g_source_set_callback (timer, late_cb, candidate, NULL);
  g_source_attach (timer, context);
  ask_version (candidate);
  return timer;
}

static guint
count_running (GPtrArray *candidates,
               guint      started)
{
  guint running = 0;

  for (guint i = 0; i < started; i++)
    running += !((Candidate *) g_ptr_array_index (candidates, i))->done;
  return running;
}

/* A few at a time: a pyenv shim costs a second of CPU, and nine of them at once on two
 * cores would each miss its deadline. */
static void
ask_all (GPtrArray    *candidates,
         guint         timeout_ms,
         GCancellable *cancellable)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) timers = g_ptr_array_new_with_free_func ((GDestroyNotify) source_drop);
  guint parallel = MAX (2, g_get_num_processors ()), started = 0;
  gulong handler = 0;

  g_main_context_push_thread_default (context);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), context, NULL);
  while (!all_done (candidates) && !g_cancellable_is_cancelled (cancellable))
    {
      while (started < candidates->len && count_running (candidates, started) < parallel)
        g_ptr_array_add (timers, start_candidate (g_ptr_array_index (candidates, started++),
                                                  timeout_ms, context));
      g_main_context_iteration (context, TRUE);
    }
  for (guint i = 0; i < candidates->len; i++)
    end_candidate (g_ptr_array_index (candidates, i));
  while (!all_done (candidates))
    g_main_context_iteration (context, TRUE);
  g_cancellable_disconnect (cancellable, handler);
  g_clear_pointer (&timers, g_ptr_array_unref);
  g_main_context_pop_thread_default (context);
}

/* "3.11.2 0" → the version and whether the build is free-threaded. */
static gboolean
parse_output (Candidate *candidate)
{
  g_auto(GStrv) fields = NULL;

  if (candidate->output == NULL)
    return FALSE;
  fields = g_strsplit (g_strstrip (candidate->output), " ", -1);
  if (g_strv_length (fields) != 2 || strspn (fields[0], "0123456789.") != strlen (fields[0])
      || *fields[0] == '\0')
    return FALSE;
  candidate->interpreter->version = g_strdup (fields[0]);
  candidate->interpreter->free_threaded = g_str_equal (fields[1], "1");
  return TRUE;
}

GPtrArray *
clab_python_find_interpreters (const char   *search_path,
                               guint         timeout_ms,
                               GCancellable *cancellable)
{
  g_autoptr(GPtrArray) candidates = collect_candidates (search_path);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) clab_python_interpreter_free);

  ask_all (candidates, timeout_ms, cancellable);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (candidates, i);

      if (parse_output (candidate))
        g_ptr_array_add (found, g_steal_pointer (&candidate->interpreter));
    }
  g_debug ("Found %u Python interpreters of %u candidates", found->len, candidates->len);
  return found;
}

static void
find_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GPtrArray *found = clab_python_find_interpreters (g_getenv ("PATH"),
                                                    CLAB_PYTHON_FINDER_TIMEOUT_MS, cancellable);

  if (g_task_return_error_if_cancelled (task))
    g_ptr_array_unref (found);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

void
clab_python_find_interpreters_async (GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, clab_python_find_interpreters_async);
  g_task_run_in_thread (task, find_thread);
}

GPtrArray *
clab_python_find_interpreters_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
