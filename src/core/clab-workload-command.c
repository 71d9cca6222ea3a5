/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/pidfd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "clab-spawn.h"
#include "clab-workload-private.h"

/* The command workload: someone else's program, run without a shell, that must never
 * outlive its task. */

/* The group of the command this process runs, for a worker's signal handler (a worker
 * runs one task at a time); 0: none. Atomic, so that a handler may read it. */
static gint command_group;

/* What the commands this thread reaped used, from wait4(): theirs and their own reaped
 * children's, which no clock of this thread counts. */
static __thread gint64 reaped_cpu_us;

static gboolean
check_exit (int      status,
            GError **error)
{
  if (WIFSIGNALED (status))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKLOAD,
                   _("The command was killed by signal %d."), WTERMSIG (status));
      return FALSE;
    }
  if (WEXITSTATUS (status) != 0)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKLOAD,
                   _("The command exited with status %d."), WEXITSTATUS (status));
      return FALSE;
    }
  return TRUE;
}

/* Blocks until @pid ends, or until its task must stop; then ends the command's whole
 * process group and reaps it. A pidfd lets one poll() watch the command, the cancellable
 * and the deadline, without GLib's child watch and its thread hops. */
static gboolean
wait_command (GPid            pid,
              const ClabTaskEnd  *end,
              int            *status,
              GError        **error)
{
  int pidfd = pidfd_open (pid, 0);
  int cancel_fd = g_cancellable_get_fd (end->cancellable);
  struct pollfd fds[2] = { { pidfd, POLLIN, 0 }, { cancel_fd, POLLIN, 0 } };
  gboolean stopped = FALSE;
  struct rusage usage;
  pid_t reaped;

  while (pidfd >= 0 && !(fds[0].revents & POLLIN) && !(stopped = _clab_task_must_stop (end, error)))
    poll (fds, cancel_fd >= 0 ? 2 : 1, _clab_task_ms_to_deadline (end));
  /* Also after a normal exit: what the command left running in the background ends with
   * its task. The leader, not yet reaped, keeps the group's id from being reused. */
  kill (-pid, SIGKILL);
  while ((reaped = wait4 (pid, status, 0, &usage)) < 0 && errno == EINTR)
    ;
  if (reaped == pid)
    reaped_cpu_us += usage.ru_utime.tv_sec * G_GINT64_CONSTANT (1000000) + usage.ru_utime.tv_usec
                     + usage.ru_stime.tv_sec * G_GINT64_CONSTANT (1000000) + usage.ru_stime.tv_usec;
  g_atomic_int_set (&command_group, 0);
  if (pidfd >= 0)
    close (pidfd);
  g_cancellable_release_fd (end->cancellable);
  return !stopped;
}

/* The argv is executed directly: no shell ever sees it (clab-spawn.c). */
gboolean
_clab_workload_run_command (const ClabWorkloadSpec *spec,
                            guint                   index,
                            const ClabTaskEnd      *end,
                            guint64                *checksum,
                            GError                **error)
{
  char * const *argv = spec->argv;
  GPid pid;
  int status;
  gboolean ended;

  if (argv == NULL || argv[0] == NULL)
    {
      g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_WORKLOAD,
                           _("No command was given for the command workload."));
      return FALSE;
    }
  if (!clab_spawn_command (argv, &pid, error))
    return FALSE;
  g_atomic_int_set (&command_group, pid);
  /* Unreaped until wait_command() returns, so the pid is this command's all along. */
  if (spec->command_watch != NULL)
    spec->command_watch (pid, TRUE, spec->command_watch_data);
  ended = wait_command (pid, end, &status, error);
  if (spec->command_watch != NULL)
    spec->command_watch (pid, FALSE, spec->command_watch_data);
  if (!ended || !check_exit (status, error))
    return FALSE;
  *checksum = clab_checksum_mix (index, 0);
  return TRUE;
}

void
clab_workload_kill_command (void)
{
  int group = g_atomic_int_get (&command_group);

  if (group > 0)
    kill (-group, SIGKILL);
}

gint64
clab_workload_take_command_cpu_us (void)
{
  gint64 us = reaped_cpu_us;

  reaped_cpu_us = 0;
  return us;
}
