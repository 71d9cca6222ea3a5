/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-common.h"

/* B4: the process-pool mode, one worker fed 20,000 empty tasks, against a pipe ping-pong. */

#define N_TASKS 20000
#define TARGET  3.0

/* As long as a worker's DONE line, so that both sides move the same bytes. */
static const char answer[] =
  "DONE 12345 1234567890123 1234567890123 1000 2000 5120 10 1 0123456789abcdef\n";

static void
echo_main (int in,
           int out)
{
  char buf[64];

  while (read (in, buf, sizeof buf) > 0)
    {
      if (write (out, answer, sizeof answer - 1) != sizeof answer - 1)
        _exit (1);
    }
  _exit (0);
}

/* A forked echo process; the round trips are timed with its start and its end. */
static double
run_baseline (gpointer data)
{
  int to_child[2], from_child[2], status;
  double start = bench_now_s ();
  char buf[128];
  pid_t pid;

  if (pipe2 (to_child, O_CLOEXEC) != 0 || pipe2 (from_child, O_CLOEXEC) != 0)
    g_error ("pipe failed");
  pid = fork ();
  if (pid == 0)
    {
      /* Without this the echo would hold its own input open and never see the end. */
      close (to_child[1]);
      close (from_child[0]);
      echo_main (to_child[0], from_child[1]);
    }
  close (to_child[0]);
  close (from_child[1]);
  for (guint i = 0; i < N_TASKS; i++)
    {
      char request[32];
      int len = g_snprintf (request, sizeof request, "RUN %u\n", i);

      if (write (to_child[1], request, len) != len || read (from_child[0], buf, sizeof buf) <= 0)
        g_error ("the ping-pong failed");
    }
  close (to_child[1]);
  waitpid (pid, &status, 0);
  close (from_child[0]);
  return bench_now_s () - start;
}

int
main (int   argc,
      char *argv[])
{
  guint reps = bench_repetitions (7);
  g_autoptr(ClabPlan) plan = bench_plan_new (CLAB_WORKLOAD_CPU, 0, N_TASKS, 1,
                                             CLAB_MODE_PROCESS_POOL);
  g_autofree char *title = NULL;
  double lab_s, wall_s, base_s;
  gboolean pass;

  bench_compare (plan, reps, run_baseline, NULL, &lab_s, &wall_s, &base_s);
  title = g_strdup_printf ("process-pool, %d empty tasks, W = 1; baseline: pipe ping-pong "
                           "between two processes (median of %u, alternating)", N_TASKS, reps);
  bench_print_title ("B4", title);
  pass = bench_check_ratio ("run elapsed, per round trip", lab_s, base_s, N_TASKS, TARGET);
  bench_print_info ("whole clab_runner_run, per trip", wall_s, base_s, N_TASKS);
  return bench_finish ("B4", pass);
}
