/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clab-sampler.h"
#include "clab-sampler-private.h"
#include "clab-workload.h"
#include "test-run-helpers.h"

typedef struct
{
  guint n_calls;
} Counter;

static void
sample_cb (const ClabSample *sample,
           gpointer          user_data)
{
  Counter *counter = user_data;

  counter->n_calls++;
}

static void
test_samples_busy_run (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_SEQUENTIAL, 1);
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_CPU, 400, NULL };
  Counter counter = { 0 };
  gint64 t0 = clab_monotonic_ns ();
  ClabSampler *sampler = clab_sampler_start (20, t0, NULL, sample_cb, &counter);
  double max_run = 0, prev_t = 0;
  guint64 checksum;
  gint64 peak;

  g_assert_true (clab_workload_run (&spec, 0, NULL, &checksum, NULL));
  peak = clab_sampler_stop (sampler, run, NULL, NULL);

  /* 400 units are hundreds of ms: several 20 ms samples, whatever the machine. */
  g_assert_cmpuint (run->samples->len, >=, 3);
  g_assert_cmpuint (counter.n_calls, ==, run->samples->len);
  g_assert_cmpuint (run->n_cpus, >=, 1);
  g_assert_cmpuint (run->per_cpu_pct->len, ==, run->samples->len * run->n_cpus);
  for (guint i = 0; i < run->samples->len; i++)
    {
      ClabSample *s = &g_array_index (run->samples, ClabSample, i);

      g_assert_cmpfloat (s->t_s, >, prev_t);
      prev_t = s->t_s;
      g_assert_cmpfloat (s->cpu_pct, >=, 0);
      g_assert_cmpfloat (s->cpu_pct, <=, 100);
      g_assert_cmpfloat (s->iowait_pct, >=, 0);
      g_assert_cmpfloat (s->user_pct + s->system_pct, <=, s->cpu_pct + 1e-6);
      g_assert_cmpfloat (s->run_pct, <=, 100);
      max_run = MAX (max_run, s->run_pct);
    }
  for (guint i = 0; i < run->per_cpu_pct->len; i++)
    g_assert_cmpfloat (g_array_index (run->per_cpu_pct, double, i), <=, 100);
  /* One thread kept one CPU busy: the run's own share shows it (ticks are 10 ms). */
  g_assert_cmpfloat (max_run, >, 25.0 / run->n_cpus);
  g_assert_cmpint (peak, >, 0);
}

/* The sampler's own thread falls asleep for 300 ms once, as it does on a busy machine or
 * when the process is stopped: the next sample covers those 300 ms, with no burst of
 * readings at one instant and no 0 % that never happened. */
static void
stall_once_cb (const ClabSample *sample,
               gpointer          user_data)
{
  Counter *counter = user_data;

  if (++counter->n_calls == 2)
    g_usleep (300 * 1000);
}

static void
test_late_wakeup (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_SEQUENTIAL, 1);
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_CPU, 700, NULL };
  Counter counter = { 0 };
  ClabSampler *sampler = clab_sampler_start (20, clab_monotonic_ns (), NULL, stall_once_cb, &counter);
  double longest = 0, prev_t = 0;
  guint64 checksum;

  g_assert_true (clab_workload_run (&spec, 0, NULL, &checksum, NULL));
  clab_sampler_stop (sampler, run, NULL, NULL);

  g_assert_cmpuint (run->samples->len, >=, 3);
  for (guint i = 0; i < run->samples->len; i++)
    {
      ClabSample *s = &g_array_index (run->samples, ClabSample, i);

      /* Never two samples at one instant: every one covers at least a tick's worth. */
      g_assert_cmpfloat (s->t_s - prev_t, >, 0.005);
      /* This thread computed all along: the machine was never idle. */
      g_assert_cmpfloat (s->cpu_pct, >, 0);
      longest = MAX (longest, s->t_s - prev_t);
      prev_t = s->t_s;
    }
  /* The stall is one longer sample. */
  g_assert_cmpfloat (longest, >=, 0.28);
}

/* A run of 1.7 intervals: the last 0.7 of an interval is a sample of its own, ending
 * where the run ended. (A late regular sample may leave less than half an interval, which
 * is then not worth a sample: never more.) */
static void
test_tail (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_SEQUENTIAL, 1);
  gint64 t0 = clab_monotonic_ns ();
  ClabSampler *sampler = clab_sampler_start (100, t0, NULL, NULL, NULL);
  const ClabSample *last;
  volatile guint64 spin = 0;
  double stopped_s;

  while (clab_monotonic_ns () - t0 < 170 * G_GINT64_CONSTANT (1000000))
    spin++;
  stopped_s = (clab_monotonic_ns () - t0) / 1e9;
  clab_sampler_stop (sampler, run, NULL, NULL);

  g_assert_cmpuint (run->samples->len, >=, 1);
  last = &g_array_index (run->samples, ClabSample, run->samples->len - 1);
  g_assert_cmpfloat (stopped_s - last->t_s, <, 0.05);
}

/* A parent process and its child, forked as a Python interpreter and its worker, or as a
 * forkserver and its child: the child computes until it is told to stop, the parent reaps it
 * at once and exits when it is told to. Both stop when the test dies (end of file). */
typedef struct
{
  GPid   parent;
  pid_t  child;
  int    stop_child;    /* one byte stops the child */
  int    stop_parent;   /* one byte ends the parent */
  int    report;        /* the child's pid, its ChildReport, then the parent's reap time */
  gint64 start_ns, end_ns, cpu_ns, reaped_ns;
} Family;

typedef struct
{
  gint64 start_ns, end_ns, cpu_ns;
} ChildReport;

/* How the sampler is told about the parent; the child is followed alone. */
typedef enum
{
  PARENT_TREE,        /* with its children, as the lab follows a Python interpreter */
  PARENT_UNFOLLOWED,  /* not at all, as a forkserver: the sampler finds it itself */
  PARENT_PLAIN,       /* without its children */
} ParentFollowed;

static void G_GNUC_NORETURN
child_main (int stop,
            int report)
{
  ChildReport rep = { clab_monotonic_ns (), 0, 0 };
  struct pollfd pfd = { stop, POLLIN, 0 };
  volatile guint64 spin = 0;
  struct timespec ts;

  while (poll (&pfd, 1, 0) == 0)
    for (guint i = 0; i < 100000; i++)
      spin++;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  rep.cpu_ns = ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
  rep.end_ns = clab_monotonic_ns ();
  _exit (write (report, &rep, sizeof rep) == sizeof rep ? 0 : 1);
}

/* Only what async-signal-safe calls can do: the test process has threads. */
static void G_GNUC_NORETURN
parent_main (const int stop_child[2],
             const int stop_parent[2],
             const int report[2])
{
  pid_t child;
  gint64 reaped;
  char c;

  close (stop_child[1]);
  close (stop_parent[1]);
  close (report[0]);
  child = fork ();
  if (child == 0)
    child_main (stop_child[0], report[1]);
  if (write (report[1], &child, sizeof child) != sizeof child || child < 0)
    _exit (1);
  waitpid (child, NULL, 0);
  reaped = clab_monotonic_ns ();
  if (write (report[1], &reaped, sizeof reaped) != sizeof reaped)
    _exit (1);
  _exit (read (stop_parent[0], &c, 1) < 0);
}

static void
read_report (Family  *fam,
             gpointer data,
             gsize    size)
{
  g_assert_cmpint (read (fam->report, data, size), ==, size);
}

static void
family_start (Family *fam)
{
  int stop_child[2], stop_parent[2], report[2];

  g_assert_no_errno (pipe (stop_child));
  g_assert_no_errno (pipe (stop_parent));
  g_assert_no_errno (pipe (report));
  fam->parent = fork ();
  g_assert_cmpint (fam->parent, >=, 0);
  if (fam->parent == 0)
    parent_main (stop_child, stop_parent, report);
  close (stop_child[0]);
  close (stop_parent[0]);
  close (report[1]);
  fam->stop_child = stop_child[1];
  fam->stop_parent = stop_parent[1];
  fam->report = report[0];
  read_report (fam, &fam->child, sizeof fam->child);
  g_assert_cmpint (fam->child, >, 0);
}

/* Stops the child and returns once its parent has reaped it. */
static void
family_reap (Family *fam)
{
  ChildReport rep;

  g_assert_cmpint (write (fam->stop_child, "x", 1), ==, 1);
  read_report (fam, &rep, sizeof rep);
  read_report (fam, &fam->reaped_ns, sizeof fam->reaped_ns);
  fam->start_ns = rep.start_ns;
  fam->end_ns = rep.end_ns;
  fam->cpu_ns = rep.cpu_ns;
}

/* Ends the parent and reaps it here. */
static void
family_end (Family *fam)
{
  int status = -1;

  g_assert_cmpint (write (fam->stop_parent, "x", 1), ==, 1);
  g_assert_cmpint (waitpid (fam->parent, &status, 0), ==, fam->parent);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  close (fam->stop_child);
  close (fam->stop_parent);
  close (fam->report);
}

static void
follow_family (ClabSampler    *sampler,
               const Family   *fam,
               ParentFollowed  how)
{
  if (how == PARENT_TREE)
    clab_sampler_add_interpreter (sampler, fam->parent);
  else if (how == PARENT_PLAIN)
    clab_sampler_add_pid (sampler, fam->parent);
  clab_sampler_add_pid (sampler, fam->child);
}

static void
count_cb (const ClabSample *sample,
          gpointer          user_data)
{
  g_atomic_int_inc ((gint *) user_data);
}

/* Waits (computing all along when @busy) until the sampler has taken @n more samples. */
static void
wait_samples (gint     *n_samples,
              gint      n,
              gboolean  busy)
{
  gint target = g_atomic_int_get (n_samples) + n;
  gint64 give_up = clab_monotonic_ns () + 30 * G_GINT64_CONSTANT (1000000000);
  volatile guint64 spin = 0;

  while (g_atomic_int_get (n_samples) < target)
    {
      g_assert_cmpint (clab_monotonic_ns (), <, give_up);
      if (busy)
        for (guint i = 0; i < 100000; i++)
          spin++;
      else
        g_usleep (2000);
    }
}

static void
spin_for (double seconds)
{
  gint64 until = clab_monotonic_ns () + seconds * 1e9;
  volatile guint64 spin = 0;

  while (clab_monotonic_ns () < until)
    spin++;
}

/* The CPU time of the children this process reaped. */
static double
children_cpu_s (void)
{
  struct rusage usage;

  g_assert_no_errno (getrusage (RUSAGE_CHILDREN, &usage));
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* The CPU time of this process, all its threads (the sampler's too). */
static double
own_cpu_s (void)
{
  struct rusage usage;

  g_assert_no_errno (getrusage (RUSAGE_SELF, &usage));
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* The time the samples add up to is what ran, @ran_s (as the processes counted it, within a
 * few ticks), never a process's time twice: a double count here is most of a child's. */
static void
assert_sampled_cpu (const ClabRun *run,
                    double         ran_s,
                    double         upper_s)
{
  double sum = test_sampled_cpu_s (run);

  g_test_message ("sampled %.3f s of CPU time, %.3f s ran, at most %.3f s", sum, ran_s, upper_s);
  g_assert_cmpfloat (sum, >=, 0.7 * ran_s - 0.05);
  g_assert_cmpfloat (sum, <=, upper_s + 0.1);
}

/* A Python interpreter joins its worker: the worker leaves /proc, its time appears in the
 * interpreter's cutime. The sample with the reap, mostly the worker's work, once read as a
 * 0 % that never happened, and the worker's last stretch went missing from the total. */
static void
check_reaped_child (ParentFollowed how)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_PROCESSES, 1);
  gint n_samples = 0;
  gint64 t0 = clab_monotonic_ns ();
  double cpu0 = own_cpu_s (), prev = 0;
  ClabSampler *sampler = clab_sampler_start (200, t0, NULL, count_cb, &n_samples);
  guint checked = 0;
  Family fam;

  family_start (&fam);
  follow_family (sampler, &fam, how);
  wait_samples (&n_samples, 4, FALSE);
  /* Stopped well inside a sample: most of that one is the child's work, and it has the reap. */
  g_usleep (120 * 1000);
  family_reap (&fam);
  wait_samples (&n_samples, 2, FALSE);
  clab_sampler_stop (sampler, run, NULL, NULL);
  assert_sampled_cpu (run, fam.cpu_ns / 1e9, fam.cpu_ns / 1e9 + own_cpu_s () - cpu0);
  family_end (&fam);

  for (guint i = 0; i < run->samples->len; i++)
    {
      const ClabSample *s = &g_array_index (run->samples, ClabSample, i);
      double from = MAX (prev, (fam.start_ns - t0) / 1e9);
      double to = MIN (s->t_s, (fam.end_ns - t0) / 1e9);

      /* The child computed for a good part of this sample: the run used the CPU. */
      if (to - from >= 0.08)
        {
          g_assert_cmpfloat (s->run_pct, >, 0);
          checked++;
        }
      prev = s->t_s;
    }
  g_assert_cmpuint (checked, >=, 3);
}

static void
test_reaped_by_followed_parent (void)
{
  check_reaped_child (PARENT_TREE);
}

/* A forkserver reaps the workers of an interpreter: the sampler follows it itself, with its
 * children, as soon as it finds it between a worker and the interpreter. */
static void
test_reaped_by_unfollowed_parent (void)
{
  check_reaped_child (PARENT_UNFOLLOWED);
}

/* A followed process whose parent is followed without its children keeps its last ticks
 * when it goes: the total does not fall, so the stretch in which it went still shows this
 * thread's computing. When the parent is reaped in turn, the child's time reaches this
 * process's cutime through the parent's, and is not counted again. */
static void
test_gone_plain_parent (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_PROCESSES, 1);
  gint n_samples = 0;
  gint64 t0 = clab_monotonic_ns ();
  double cpu0 = own_cpu_s (), busy_until_s, busy_s;
  ClabSampler *sampler = clab_sampler_start (200, t0, NULL, count_cb, &n_samples);
  Family fam;

  family_start (&fam);
  follow_family (sampler, &fam, PARENT_PLAIN);
  wait_samples (&n_samples, 4, TRUE);
  spin_for (0.12);
  family_reap (&fam);
  wait_samples (&n_samples, 2, TRUE);
  busy_until_s = (clab_monotonic_ns () - t0) / 1e9;
  busy_s = own_cpu_s () - cpu0;
  family_end (&fam);
  wait_samples (&n_samples, 2, FALSE);
  clab_sampler_stop (sampler, run, NULL, NULL);
  assert_sampled_cpu (run, busy_s + fam.cpu_ns / 1e9, own_cpu_s () - cpu0 + fam.cpu_ns / 1e9);

  /* This thread computed all along until then. */
  for (guint i = 0; i < run->samples->len; i++)
    {
      const ClabSample *s = &g_array_index (run->samples, ClabSample, i);

      if (s->t_s <= busy_until_s)
        g_assert_cmpfloat (s->run_pct, >, 0);
    }
}

#define N_SHORT_WORKERS 16

static void G_GNUC_NORETURN
short_worker_main (const int go[2])
{
  struct timespec ts;
  char c;

  /* Computes only once followed and read (the pipe's end), so that all it does falls in
   * the samples. */
  close (go[1]);
  if (read (go[0], &c, 1) < 0)
    _exit (1);
  do
    clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  while (ts.tv_sec == 0 && ts.tv_nsec < 15000000);
  _exit (0);
}

/* Sixteen workers of 15 ms of CPU each, followed as the processes mode follows its own,
 * started together once followed, and reaped together. /proc/PID/stat counts a process's time in clock ticks of 10 ms,
 * truncated: read alive, they showed about a third less than they used, and the reap
 * brought the rest at once into a 30 ms sample that could not hold it (a share is cut off
 * at 100 %), so the samples added up to well under what ran. */
static void
test_short_workers (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_PROCESSES, 1);
  GPid pids[N_SHORT_WORKERS];
  struct rusage before, after;
  gint n_samples = 0;
  double ran_s, own_s, sampler_user_s, sampler_system_s, cpu0 = own_cpu_s ();
  ClabSampler *sampler;
  int go[2];

  g_assert_no_errno (pipe (go));
  g_assert_no_errno (getrusage (RUSAGE_CHILDREN, &before));
  sampler = clab_sampler_start (30, clab_monotonic_ns (), NULL, count_cb, &n_samples);
  for (guint i = 0; i < N_SHORT_WORKERS; i++)
    {
      pids[i] = fork ();
      g_assert_cmpint (pids[i], >=, 0);
      if (pids[i] == 0)
        short_worker_main (go);
      clab_sampler_add_pid (sampler, pids[i]);
    }
  wait_samples (&n_samples, 2, FALSE);
  close (go[0]);
  close (go[1]);
  /* All of them ended, none reaped yet: the sampler reads what they used. */
  for (guint i = 0; i < N_SHORT_WORKERS; i++)
    {
      siginfo_t info;

      g_assert_no_errno (waitid (P_PID, pids[i], &info, WEXITED | WNOWAIT));
    }
  wait_samples (&n_samples, 3, FALSE);
  for (guint i = 0; i < N_SHORT_WORKERS; i++)
    {
      g_assert_cmpint (waitpid (pids[i], NULL, 0), ==, pids[i]);
      clab_sampler_remove_pid (sampler, pids[i]);
    }
  wait_samples (&n_samples, 3, FALSE);
  clab_sampler_stop (sampler, run, &sampler_user_s, &sampler_system_s);
  g_assert_no_errno (getrusage (RUSAGE_CHILDREN, &after));
  ran_s = (after.ru_utime.tv_sec - before.ru_utime.tv_sec)
          + (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6
          + (after.ru_stime.tv_sec - before.ru_stime.tv_sec)
          + (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
  /* This process's time is the run's too: it started them; not the sampler's thread's,
   * which the samples leave out. The old count came to 54–73 %. */
  own_s = own_cpu_s () - cpu0 - sampler_user_s - sampler_system_s;
  g_test_message ("sampled %.3f s, the workers used %.3f s, this process %.3f s",
                  test_sampled_cpu_s (run), ran_s, own_s);
  ran_s += own_s;
  g_assert_cmpfloat (test_sampled_cpu_s (run), >=, 0.93 * ran_s);
  g_assert_cmpfloat (test_sampled_cpu_s (run), <=, ran_s + 0.05);
}

/* An interpreter made ready before the run: 0.3 s of start-up, then it waits for the run. */
static void G_GNUC_NORETURN
ready_interpreter_main (int ready,
                        int go)
{
  volatile guint64 spin = 0;
  char c;

  while (clab_thread_cpu_s () < 0.3)
    spin++;
  if (write (ready, "r", 1) != 1 || read (go, &c, 1) != 1)
    _exit (1);
  _exit (0);
}

/* What an interpreter used before the run began is not the run's: its start-up came in
 * the first sample, 100 % of the run where the machine was 52 % busy. */
static void
test_interpreter_ready_before (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_SEQUENTIAL, 1);
  gint n_samples = 0;
  int ready[2], go[2], status;
  ClabSampler *sampler;
  GPid pid;
  char c;

  g_assert_no_errno (pipe (ready));
  g_assert_no_errno (pipe (go));
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    ready_interpreter_main (ready[1], go[0]);
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
  sampler = clab_sampler_start (30, clab_monotonic_ns (), NULL, count_cb, &n_samples);
  clab_sampler_add_interpreter (sampler, pid);
  wait_samples (&n_samples, 4, FALSE);
  g_assert_cmpint (write (go[1], "g", 1), ==, 1);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  clab_sampler_remove_pid (sampler, pid);
  wait_samples (&n_samples, 2, FALSE);
  clab_sampler_stop (sampler, run, NULL, NULL);
  g_test_message ("sampled %.3f s", test_sampled_cpu_s (run));
  /* This process only waited; the start-up alone was 0.3 s. */
  g_assert_cmpfloat (test_sampled_cpu_s (run), <, 0.1);
  for (guint i = 0; i < 2; i++)
    {
      close (ready[i]);
      close (go[i]);
    }
}

/* The child computes from the start and is reaped 0.7 s in, the sampler stops at 0.95 s;
 * samples are 0.5 s apart, so that the child is read once, alive, and the last stretch is
 * long enough for a sample. */
static double
run_reaped_child (ClabRun        *run,
                  ParentFollowed  how)
{
  gint64 t0 = clab_monotonic_ns ();
  ClabSampler *sampler = clab_sampler_start (500, t0, NULL, NULL, NULL);
  double stopped_s;
  Family fam;

  family_start (&fam);
  follow_family (sampler, &fam, how);
  g_usleep (MAX (0, t0 + 700 * G_GINT64_CONSTANT (1000000) - clab_monotonic_ns ()) / 1000);
  family_reap (&fam);
  g_usleep (MAX (0, t0 + 950 * G_GINT64_CONSTANT (1000000) - clab_monotonic_ns ()) / 1000);
  stopped_s = (clab_monotonic_ns () - t0) / 1e9;
  clab_sampler_stop (sampler, run, NULL, NULL);
  family_end (&fam);
  return stopped_s;
}

/* A followed process that went with no followed parent to reap it with its children lost
 * the time since the last reading: a last stretch measured then would show the run's share
 * as a 0 % that never happened, so there is none. */
static void
test_tail_after_gone (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_PROCESSES, 1);
  double stopped_s = run_reaped_child (run, PARENT_PLAIN);

  for (guint i = 0; i < run->samples->len; i++)
    g_assert_cmpfloat (g_array_index (run->samples, ClabSample, i).t_s, <, stopped_s);
}

/* Reaped by a parent followed with its children (an interpreter's worker, a forkserver's),
 * it lost nothing: the last stretch is a sample, with the child's work in it. */
static void
test_tail_after_reaped (void)
{
  const ParentFollowed hows[] = { PARENT_TREE, PARENT_UNFOLLOWED };

  for (guint i = 0; i < G_N_ELEMENTS (hows); i++)
    {
      g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_PROCESSES, 1);
      double stopped_s = run_reaped_child (run, hows[i]);
      const ClabSample *last;

      g_assert_cmpuint (run->samples->len, >=, 1);
      last = &g_array_index (run->samples, ClabSample, run->samples->len - 1);
      if (last->t_s < stopped_s && last->t_s > stopped_s - 0.3)
        {
          /* A reading late by more than 0.15 s leaves too short a last stretch for a sample. */
          g_test_skip ("The machine was too busy: the last regular sample came late.");
          return;
        }
      g_assert_cmpfloat (last->t_s, >=, stopped_s);
      g_assert_cmpfloat (last->t_s - stopped_s, <, 0.05);
      g_assert_cmpfloat (last->run_pct, >, 0);
    }
}

static void
test_idle_run (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_SEQUENTIAL, 1);
  ClabSampler *sampler = clab_sampler_start (20, clab_monotonic_ns (), NULL, NULL, NULL);
  double total = 0;

  g_usleep (200 * 1000);
  clab_sampler_stop (sampler, run, NULL, NULL);
  g_assert_cmpuint (run->samples->len, >=, 3);
  for (guint i = 0; i < run->samples->len; i++)
    total += g_array_index (run->samples, ClabSample, i).run_pct;
  /* Sleeping costs (almost) nothing: well under one busy CPU on average. */
  g_assert_cmpfloat (total / run->samples->len, <, 20);
}

#define N_IDLE_CHILDREN 100

/* The sampler's own readings are the lab's work, not the run's: following a hundred idle
 * processes every 10 ms, its thread's time made an idle run look busy (0.37 s sampled of
 * 0.08 s used), and so did a tick's jitter once that time was left out. */
static void
test_own_time_left_out (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_PROCESSES, 1);
  double cpu0 = own_cpu_s (), children0 = children_cpu_s ();
  ClabSampler *sampler = clab_sampler_start (10, clab_monotonic_ns (), NULL, NULL, NULL);
  GPid pids[N_IDLE_CHILDREN];
  double own_user_s, own_system_s, own_s, ran_s;
  int go[2];
  char c;

  g_assert_no_errno (pipe (go));
  for (guint i = 0; i < N_IDLE_CHILDREN; i++)
    {
      pids[i] = fork ();
      g_assert_cmpint (pids[i], >=, 0);
      if (pids[i] == 0)
        {
          close (go[1]);
          _exit (read (go[0], &c, 1) == 0 ? 0 : 1);
        }
      clab_sampler_add_pid (sampler, pids[i]);
    }
  g_usleep (1500 * 1000);
  close (go[0]);
  close (go[1]);
  for (guint i = 0; i < N_IDLE_CHILDREN; i++)
    {
      g_assert_cmpint (waitpid (pids[i], NULL, 0), ==, pids[i]);
      clab_sampler_remove_pid (sampler, pids[i]);
    }
  clab_sampler_stop (sampler, run, &own_user_s, &own_system_s);
  own_s = own_user_s + own_system_s;
  /* Forking and reaping the children is the run's (most of it, in a sanitizer build); the
   * readings are not. */
  ran_s = own_cpu_s () - cpu0 - own_s + children_cpu_s () - children0;
  g_test_message ("sampled %.3f s; the run used %.3f s, the sampler's thread %.3f s",
                  test_sampled_cpu_s (run), ran_s, own_s);
  g_assert_cmpfloat (test_sampled_cpu_s (run), <, ran_s + 0.5 * own_s + 0.03);
}

/* Where the sampler waits next after a wake-up on time, late by most of an interval (as a
 * busy machine makes it: a CI run had a sample 3.8 ms long on a 20 ms grid), or late by
 * several: the next deadline stays on the grid and at least half an interval away. */
static void
test_next_deadline (void)
{
  const gint64 d = 1000000, ms = 1000, interval = 20 * ms;

  g_assert_cmpint (_clab_sampler_next_deadline (d, d + 100, interval), ==, d + 20 * ms);
  g_assert_cmpint (_clab_sampler_next_deadline (d, d + 9 * ms, interval), ==, d + 20 * ms);
  g_assert_cmpint (_clab_sampler_next_deadline (d, d + 16 * ms, interval), ==, d + 40 * ms);
  g_assert_cmpint (_clab_sampler_next_deadline (d, d + 45 * ms, interval), ==, d + 60 * ms);
  g_assert_cmpint (_clab_sampler_next_deadline (d, d + 300 * ms, interval), ==, d + 320 * ms);
  for (gint64 late = 0; late < 1000 * ms; late += 700)
    {
      gint64 next = _clab_sampler_next_deadline (d, d + late, interval);

      g_assert_cmpint ((next - d) % interval, ==, 0);
      g_assert_cmpint (next - (d + late), >=, interval / 2);
      g_assert_cmpint (next - (d + late), <, interval + interval / 2);
    }
}

/* A worker that ended before the executor added it has no pid left (GSubprocess names
 * none: 0): it is not followed, and nothing complains (a CI run under load aborted here). */
static void
test_ended_worker (void)
{
  g_autoptr(ClabRun) run = clab_run_new (CLAB_MODE_PROCESSES, 1);
  ClabSampler *sampler = clab_sampler_start (20, clab_monotonic_ns (), NULL, NULL, NULL);

  clab_sampler_add_pid (sampler, 0);
  g_usleep (60 * 1000);
  clab_sampler_remove_pid (sampler, 0);
  clab_sampler_stop (sampler, run, NULL, NULL);
  g_assert_cmpuint (run->samples->len, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sampler/busy-run", test_samples_busy_run);
  g_test_add_func ("/sampler/idle-run", test_idle_run);
  g_test_add_func ("/sampler/own-time-left-out", test_own_time_left_out);
  g_test_add_func ("/sampler/late-wakeup", test_late_wakeup);
  g_test_add_func ("/sampler/tail", test_tail);
  g_test_add_func ("/sampler/tail-after-gone", test_tail_after_gone);
  g_test_add_func ("/sampler/tail-after-reaped", test_tail_after_reaped);
  g_test_add_func ("/sampler/reaped-by-followed-parent", test_reaped_by_followed_parent);
  g_test_add_func ("/sampler/reaped-by-unfollowed-parent", test_reaped_by_unfollowed_parent);
  g_test_add_func ("/sampler/gone-plain-parent", test_gone_plain_parent);
  g_test_add_func ("/sampler/short-workers", test_short_workers);
  g_test_add_func ("/sampler/interpreter-ready-before", test_interpreter_ready_before);
  g_test_add_func ("/sampler/next-deadline", test_next_deadline);
  g_test_add_func ("/sampler/ended-worker", test_ended_worker);
  return g_test_run ();
}
