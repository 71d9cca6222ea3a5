/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dirent.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "clab-sched.h"
#include "clab-worker-proc.h"
#include "clab-worker-protocol.h"
#include "clab-workload.h"

/* The helper that the process modes spawn; it speaks clab-worker-protocol.h. */

static void
answer_fds (void)
{
  g_autoptr(GString) line = g_string_new ("FDS");
  DIR *dir = opendir ("/proc/self/fd");
  struct dirent *entry;

  while (dir != NULL && (entry = readdir (dir)) != NULL)
    {
      if (entry->d_name[0] != '.' && atoi (entry->d_name) != dirfd (dir))
        g_string_append_printf (line, " %s", entry->d_name);
    }
  if (dir != NULL)
    closedir (dir);
  printf ("%s\n", line->str);
}

static void
run_task (const ClabWorkloadSpec *spec,
          guint                   index)
{
  g_auto(ClabWorkerReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  /* The task's own CPU time: the worker's start-up is the process modes' overhead. */
  gint64 cpu0 = clab_worker_cpu_us ();
  /* And its thread's time on a CPU and on a run queue (clab-sched.h). */
  double thread0 = clab_thread_cpu_s ();
  gint64 rq0 = clab_sched_self_run_delay_ns (), rq1;

  report.index = index;
  report.start_ns = clab_monotonic_ns ();
  report.ok = clab_workload_run (spec, index, NULL, &report.checksum, &error);
  report.end_ns = clab_monotonic_ns ();
  report.on_cpu_ns = MAX (0, (gint64) ((clab_thread_cpu_s () - thread0) * 1e9));
  rq1 = clab_sched_self_run_delay_ns ();
  report.runnable_ns = rq0 >= 0 && rq1 >= rq0 ? rq1 - rq0 : -1;
  if (!report.ok)
    report.reason = g_strdup (error->message);
  clab_worker_report_rusage (&report);
  report.task_cpu_us = MAX (0, report.user_us + report.sys_us - cpu0);
  line = clab_worker_report_format (&report);
  fputs (line, stdout);
}

/* The lab follows the command a task starts while it runs: its CPU time is the run's. */
static void
announce_child (GPid     pid,
                gboolean running,
                gpointer user_data)
{
  if (running)
    {
      printf ("CHILD %d\n", (int) pid);
      fflush (stdout);
    }
}

/* The lab ends a worker with SIGTERM, a terminal with SIGINT or SIGHUP: the command the
 * worker runs is in a process group of its own, which would not hear of it. */
static void
end_cb (int sig)
{
  clab_workload_kill_command ();
  _exit (128 + sig);
}

/* A lab killed with SIGKILL cannot end its workers: the kernel does, as the lab dies. It
 * may be dead already, before the prctl(): then the parent is no longer the one that
 * started us. */
static void
die_with_parent (void)
{
  const char *parent = g_getenv (CLAB_WORKER_PARENT_ENV);
  struct sigaction action = { 0 };

  action.sa_handler = end_cb;
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGHUP, &action, NULL);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (parent != NULL && getppid () != atoi (parent))
    _exit (2);
}

static int
serve (const ClabWorkloadSpec *spec)
{
  char buf[256];

  while (fgets (buf, sizeof buf, stdin) != NULL)
    {
      unsigned int index;

      if (sscanf (buf, "RUN %u", &index) == 1)
        run_task (spec, index);
      else if (strncmp (buf, "FDS", 3) == 0)
        answer_fds ();
      else
        {
          g_printerr ("concurrency-lab-worker: unknown request: %s", buf);
          return 2;
        }
      fflush (stdout);
    }
  return 0;
}

static gboolean
parse_spec (int                *argc,
            char             ***argv,
            ClabWorkloadSpec   *spec,
            GError            **error)
{
  g_autofree char *workload = NULL;
  g_autofree char *command = NULL;
  double size = 0;
  GOptionEntry entries[] = {
    { "workload", 0, 0, G_OPTION_ARG_STRING, &workload, "What each task does", "KIND" },
    { "size", 0, 0, G_OPTION_ARG_DOUBLE, &size, "The size of each task", "SIZE" },
    { "command", 0, 0, G_OPTION_ARG_STRING, &command, "The command workload's argv", "ARGV" },
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &spec->folder, "Where the io workload writes", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_summary (context,
                                "Runs tasks for concurrency-lab; requests come on stdin.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (!clab_workload_kind_from_string (workload, &spec->kind))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   "unknown workload “%s”", workload ? workload : "");
      return FALSE;
    }
  spec->size = size;
  if (command != NULL && !g_shell_parse_argv (command, NULL, &spec->argv, error))
    return FALSE;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  ClabWorkloadSpec spec = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  die_with_parent ();
  setlocale (LC_ALL, "");
  if (!parse_spec (&argc, &argv, &spec, &error))
    {
      g_printerr ("concurrency-lab-worker: %s\n", error->message);
      return 2;
    }
  spec.command_watch = announce_child;
  status = serve (&spec);
  g_strfreev (spec.argv);
  g_free (spec.folder);
  return status;
}
