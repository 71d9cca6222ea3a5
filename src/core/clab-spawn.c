/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "clab-spawn.h"
#include "clab-types.h"

/*
 * A command is started the way posix_spawn() starts one, by vfork(): the child borrows our
 * memory until it calls exec, so nothing is copied. GLib's fork path, which a child setup
 * function forces, copied the page tables of the whole engine for each command and closed
 * descriptors one by one: `true` × 500 took 2 ms a run against hyperfine's 1 ms (peers).
 * posix_spawn() itself cannot ask for death with the parent, so this is that child, by hand.
 *
 * The child may only make system calls: it runs on the stack and in the memory of the
 * suspended parent thread. Every signal stays blocked from before vfork() until the child
 * has put its handlers back to the default, so none of ours runs in it.
 */

typedef struct
{
  char * const *argv;
  pid_t         parent;
  int           devnull;
  int           max_fd;        /* when close_range() is missing */
  sigset_t      mask;          /* the parent thread's own, given back after the vfork() */
  sigset_t      child_mask;    /* empty: whatever the starting thread blocks is its own */
  volatile int  exec_errno;    /* written by the child: the memory is shared */
} SpawnChild;

static void
child_close_from_3 (const SpawnChild *c)
{
#ifdef SYS_close_range
  if (syscall (SYS_close_range, 3, ~0U, 0) == 0)
    return;
#endif
  for (int fd = 3; fd < c->max_fd; fd++)
    close (fd);
}

/* Our handlers would run in our memory; SIGPIPE, which GIO ignores, and SIGXFSZ are the
 * command's to die of, as when a shell starts it. */
static void
child_default_handlers (void)
{
  for (int sig = 1; sig < NSIG; sig++)
    {
      gboolean reset_ignored = sig == SIGPIPE || sig == SIGXFSZ;
      struct sigaction sa;

      if (sigaction (sig, NULL, &sa) == 0 && sa.sa_handler != SIG_DFL
          && (sa.sa_handler != SIG_IGN || reset_ignored))
        {
          sa.sa_handler = SIG_DFL;
          sa.sa_flags = 0;
          sigaction (sig, &sa, NULL);
        }
    }
}

G_GNUC_NORETURN static void
child_exec (SpawnChild *c)
{
  child_default_handlers ();
  /* A group of its own, so that ending the task ends all it started; death with its parent,
   * which may have died already, before the prctl(). */
  if (setpgid (0, 0) != 0 || prctl (PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid () != c->parent)
    {
      c->exec_errno = errno ? errno : ESRCH;
      _exit (127);
    }
  if (dup2 (c->devnull, 0) < 0 || dup2 (c->devnull, 1) < 0 || dup2 (c->devnull, 2) < 0)
    {
      c->exec_errno = errno;
      _exit (127);
    }
  child_close_from_3 (c);
  sigprocmask (SIG_SETMASK, &c->child_mask, NULL);
  execvp (c->argv[0], c->argv);
  c->exec_errno = errno;
  _exit (127);
}

gboolean
clab_spawn_command (char * const *argv,
                    GPid         *pid,
                    GError      **error)
{
  SpawnChild c = { argv, getpid (), -1, 1024, { { 0 } }, { { 0 } }, 0 };
  struct rlimit limit;
  sigset_t all;
  pid_t child;
  int saved_errno;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, FALSE);

  c.devnull = open ("/dev/null", O_RDWR | O_CLOEXEC);
  if (c.devnull < 0)
    {
      saved_errno = errno;
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKLOAD, _("Could not open /dev/null: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    c.max_fd = (int) MIN (limit.rlim_cur, G_MAXINT);
  sigemptyset (&c.child_mask);
  sigfillset (&all);
  pthread_sigmask (SIG_SETMASK, &all, &c.mask);
  child = vfork ();
  if (child == 0)
    child_exec (&c);
  saved_errno = errno;
  pthread_sigmask (SIG_SETMASK, &c.mask, NULL);
  close (c.devnull);
  if (child < 0)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKLOAD, _("Could not start “%s”: %s"),
                   argv[0], g_strerror (saved_errno));
      return FALSE;
    }
  if (c.exec_errno != 0)
    {
      /* The child has exited: reaped here, so no zombie is left behind. */
      while (waitpid (child, NULL, 0) < 0 && errno == EINTR)
        ;
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKLOAD, _("Could not start “%s”: %s"),
                   argv[0], g_strerror (c.exec_errno));
      return FALSE;
    }
  *pid = child;
  return TRUE;
}
