/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-common.h"
#include "clab-runner.h"
#include "clab-worker-protocol.h"

/* B3: the processes mode, one worker process per empty task, against bare posix_spawn. */

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

static double
run_baseline (gpointer data)
{
  double start = bench_now_s ();

  for (guint i = 0; i < N_TASKS; i++)
    {
      int status;

      waitpid (spawn_bare (data), &status, 0);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        g_error ("the worker failed in the baseline");
    }
  return bench_now_s () - start;
}

/* The same spawn, plus the protocol's pipes and one RUN round trip: where the rest goes. */
static void
spawn_and_ask (Baseline *b,
               guint     index)
{
  posix_spawn_file_actions_t actions;
  int to_child[2], from_child[2], status;
  char request[32], answer[512];
  pid_t pid;
  int len;

  if (pipe2 (to_child, O_CLOEXEC) != 0 || pipe2 (from_child, O_CLOEXEC) != 0)
    g_error ("pipe failed");
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2 (&actions, from_child[1], 1);
  if (posix_spawn (&pid, b->argv[0], &actions, NULL, b->argv, environ) != 0)
    g_error ("posix_spawn failed");
  posix_spawn_file_actions_destroy (&actions);
  close (to_child[0]);
  close (from_child[1]);
  len = g_snprintf (request, sizeof request, "RUN %u\n", index);
  if (write (to_child[1], request, len) != len || read (from_child[0], answer, sizeof answer) <= 0)
    g_error ("the round trip failed");
  close (to_child[1]);
  waitpid (pid, &status, 0);
  close (from_child[0]);
}

static double
run_round_trips (gpointer data)
{
  double start = bench_now_s ();

  for (guint i = 0; i < N_TASKS; i++)
    spawn_and_ask (data, i);
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
  title = g_strdup_printf ("processes, %d empty tasks, W = 1; baseline: posix_spawn of the same "
                           "worker + waitpid (median of %u, rotating)", N_TASKS, reps);
  bench_print_title ("B3", title);
  pass = bench_check_ratio ("run elapsed, per task", lab_s, base_s[0], N_TASKS, TARGET);
  bench_print_info ("whole clab_runner_run, per task", wall_s, base_s[0], N_TASKS);
  bench_print_info ("vs posix_spawn + pipes + RUN trip", lab_s, base_s[1], N_TASKS);
  return bench_finish ("B3", pass);
}
