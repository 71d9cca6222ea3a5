/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-common.h"
#include "clab-runner.h"
#include "clab-worker-protocol.h"

/* B3: the processes mode, one worker process per empty task, all started at once, against
 * bare posix_spawn of as many at once. */

#define N_TASKS 300
#define TARGET  1.3

extern char **environ;

typedef struct
{
  GStrv argv;     /* the worker's command line, as the executor builds it */
} Baseline;

/* The worker reads end of file from /dev/null at once and exits. */
static pid_t
spawn_bare (Baseline *b)
{
  posix_spawn_file_actions_t actions;
  pid_t pid;
  int err;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen (&actions, 1, "/dev/null", O_WRONLY, 0);
  err = posix_spawn (&pid, b->argv[0], &actions, NULL, b->argv, environ);
  posix_spawn_file_actions_destroy (&actions);
  if (err != 0)
    g_error ("posix_spawn %s: %s", b->argv[0], g_strerror (err));
  return pid;
}

/* All started at once, then all awaited, as the processes mode does. */
static double
run_baseline (gpointer data)
{
  g_autofree pid_t *pids = g_new (pid_t, N_TASKS);
  double start = bench_now_s ();

  for (guint i = 0; i < N_TASKS; i++)
    pids[i] = spawn_bare (data);
  for (guint i = 0; i < N_TASKS; i++)
    {
      int status;

      waitpid (pids[i], &status, 0);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        g_error ("the worker failed in the baseline");
    }
  return bench_now_s () - start;
}

typedef struct
{
  pid_t pid;
  int   request_fd, answer_fd;
} Child;

/* The same spawn, plus the protocol's pipes: where the rest goes. */
static Child
spawn_with_pipes (Baseline *b)
{
  posix_spawn_file_actions_t actions;
  int to_child[2], from_child[2];
  Child child;

  if (pipe2 (to_child, O_CLOEXEC) != 0 || pipe2 (from_child, O_CLOEXEC) != 0)
    g_error ("pipe failed");
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2 (&actions, from_child[1], 1);
  if (posix_spawn (&child.pid, b->argv[0], &actions, NULL, b->argv, environ) != 0)
    g_error ("posix_spawn failed");
  posix_spawn_file_actions_destroy (&actions);
  close (to_child[0]);
  close (from_child[1]);
  child.request_fd = to_child[1];
  child.answer_fd = from_child[0];
  return child;
}

static void
ask_and_wait (Child *child,
              guint  index)
{
  char request[32], answer[512];
  int len = g_snprintf (request, sizeof request, "RUN %u\n", index);
  int status;

  if (write (child->request_fd, request, len) != len ||
      read (child->answer_fd, answer, sizeof answer) <= 0)
    g_error ("the round trip failed");
  close (child->request_fd);
  waitpid (child->pid, &status, 0);
  close (child->answer_fd);
}

/* All started at once with their pipes, then each asked for its task and awaited. */
static double
run_round_trips (gpointer data)
{
  g_autofree Child *children = g_new (Child, N_TASKS);
  double start = bench_now_s ();

  for (guint i = 0; i < N_TASKS; i++)
    children[i] = spawn_with_pipes (data);
  for (guint i = 0; i < N_TASKS; i++)
    ask_and_wait (&children[i], i);
  return bench_now_s () - start;
}

int
main (int   argc,
      char *argv[])
{
  guint reps = bench_repetitions (7);
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_CPU, 0, N_TASKS, 1,
                                             CLAB_MODE_PROCESSES);
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_CPU, 0, NULL };
  g_autofree char *worker = clab_runner_find_worker ();
  g_auto(GStrv) worker_argv = clab_worker_build_argv (worker, &spec);
  Baseline baseline = { worker_argv };
  g_autofree char *title = NULL;
  const BenchBaseline baselines[] = { run_baseline, run_round_trips };
  double lab_s, wall_s, base_s[2];
  gboolean pass;

  bench_compare_many (plan, reps, G_N_ELEMENTS (baselines), baselines, &baseline,
                      &lab_s, &wall_s, base_s);
  title = g_strdup_printf ("processes, %d empty tasks started at once; baseline: posix_spawn of "
                           "as many of the same worker, then waitpid (median of %u, rotating)",
                           N_TASKS, reps);
  bench_print_title ("B3", title);
  pass = bench_check_ratio ("run elapsed, per task", lab_s, base_s[0], N_TASKS, TARGET);
  bench_print_info ("whole clab_runner_run, per task", wall_s, base_s[0], N_TASKS);
  bench_print_info ("vs posix_spawn + pipes + RUN trip", lab_s, base_s[1], N_TASKS);
  return bench_finish ("B3", pass);
}
