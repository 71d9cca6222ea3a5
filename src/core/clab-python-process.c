/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "clab-python-process.h"
#include "clab-types.h"

/* The tail of the interpreter's stderr kept for a sentence about its death. */
#define STDERR_TAIL 2048

/* In the child, before exec: a process group of its own, which a cancelled run kills
 * whole (multiprocessing's processes, the forkserver, the resource tracker are in it), and
 * death with the thread that started it. The parent may have died before the prctl(). */
static void
child_setup (gpointer data)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != GPOINTER_TO_INT (data))
    _exit (127);
}

GSubprocess *
clab_python_spawn (const char * const  *argv,
       GSubprocessFlags     flags,
       int                  stderr_fd,
       const char          *tmpdir,
       GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) local_error = NULL;
  GSubprocess *proc;

  if (stderr_fd >= 0)
    g_subprocess_launcher_take_stderr_fd (launcher, dup (stderr_fd));
  if (tmpdir != NULL)
    g_subprocess_launcher_setenv (launcher, "TMPDIR", tmpdir, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER (getpid ()), NULL);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &local_error);
  if (proc == NULL)
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                 _("The Python interpreter “%s” could not be started: %s."), argv[0],
                 local_error->message);
  else
    g_debug ("Started %s (pid %s)", argv[0], g_subprocess_get_identifier (proc));
  return proc;
}

GPid
clab_python_proc_pid (GSubprocess *proc)
{
  const char *id = g_subprocess_get_identifier (proc);

  return id != NULL ? atoi (id) : 0;
}

void
clab_python_kill_group (GPid pgid)
{
  if (pgid > 0 && kill (-pgid, SIGKILL) == 0)
    g_debug ("Killed the process group %d", (int) pgid);
}

static void
flag_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(gboolean *) data = TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs @context until @done or @timeout_ms pass; returns @done. */
gboolean
clab_python_iterate_until (GMainContext *context,
               gboolean     *done,
               guint         timeout_ms)
{
  GSource *timer = g_timeout_source_new (timeout_ms);
  gboolean late = FALSE;

  g_source_set_callback (timer, timeout_cb, &late, NULL);
  g_source_attach (timer, context);
  while (!*done && !late)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timer);
  g_source_unref (timer);
  return *done;
}

/* Waits up to @grace_ms for the interpreter to exit, then ends its whole group (also
 * after a normal exit: what it left running ends with it) and reaps it. GLib's own
 * watch reaps the interpreter, so the wait goes through GSubprocess. */
void
clab_python_end_interpreter (GSubprocess *proc,
                 GPid         pgid,
                 guint        grace_ms)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  gboolean exited = FALSE;

  g_main_context_push_thread_default (context);
  g_subprocess_wait_async (proc, NULL, flag_cb, &exited);
  if (grace_ms > 0)
    clab_python_iterate_until (context, &exited, grace_ms);
  clab_python_kill_group (pgid);
  /* Nothing refuses SIGKILL: this wait is short. */
  while (!exited)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
}

/* The interpreters' temporary files go to a folder of the lab's: multiprocessing's forkserver
 * keeps its socket in a folder (pymp-…) that only its own exit removes, and a cancelled run
 * kills it, so each cancel left one in the person's temporary folder. */
char *
clab_python_scratch_new (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("concurrency-lab-python-XXXXXX", &error);

  if (folder == NULL)
    g_debug ("No temporary folder of the lab's for Python: %s", error->message);
  return folder;
}

void
clab_python_scratch_clear (const char *folder,
                           gboolean    remove_folder)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (folder == NULL)
    return;
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (folder, name, NULL);

      /* A symbolic link goes, not what it points to. */
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        clab_python_scratch_clear (child, TRUE);
      else
        g_unlink (child);
    }
  if (remove_folder)
    g_rmdir (folder);
}

/* The last line the interpreter wrote on stderr, e.g. a traceback's "MemoryError". */
char *
clab_python_stderr_last_line (int fd)
{
  char buf[STDERR_TAIL + 1];
  off_t size = fd >= 0 ? lseek (fd, 0, SEEK_END) : -1;
  ssize_t n;
  g_auto(GStrv) lines = NULL;

  if (size <= 0)
    return NULL;
  n = pread (fd, buf, STDERR_TAIL, MAX (0, size - STDERR_TAIL));
  if (n <= 0)
    return NULL;
  buf[n] = '\0';
  lines = g_strsplit (g_strstrip (buf), "\n", -1);
  for (guint i = g_strv_length (lines); i > 0; i--)
    if (*g_strstrip (lines[i - 1]) != '\0')
      return g_utf8_make_valid (lines[i - 1], -1);
  return NULL;
}
