/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "clab-sched.h"
#include "clab-workload.h"

/* What a thread keeps between its tasks: its own statistics file stays open once read, so
 * that a task pays one pread() and no path lookup. It is opened only when first read:
 * opening a file in /proc costs a new thread more than its whole empty task (tests/bench
 * B2), and a thread of one short task never reads it. */
typedef struct
{
  int      fd;
  gboolean opened;
  gint64   pid;         /* getpid() is a system call since glibc 2.25: asked once */
  gint64   tid;
  gint64   born_ns;     /* when the thread was made for its task, -1 unknown */
  gint64   run_t0_ns;
  gint64   begin_ns;    /* run-queue wait at the current task's start, -1 unknown */
  gint64   last_ns;     /* at the previous task's end */
  gboolean last_is_birth;   /* last_ns is the zero of a thread's birth, not a reading */
} SelfSched;

static void
self_sched_free (gpointer data)
{
  SelfSched *self = data;

  if (self->fd >= 0)
    close (self->fd);
  g_free (self);
}

static GPrivate self_key = G_PRIVATE_INIT (self_sched_free);
static guint files_opened;   /* atomic */

static SelfSched *
self_sched (void)
{
  SelfSched *self = g_private_get (&self_key);

  if (self == NULL)
    {
      self = g_new0 (SelfSched, 1);
      self->fd = -1;
      self->pid = getpid ();
      self->tid = gettid ();
      self->born_ns = self->begin_ns = self->last_ns = -1;
      g_private_set (&self_key, self);
    }
  return self;
}

guint
clab_sched_files_opened (void)
{
  return g_atomic_int_get (&files_opened);
}

gint64
clab_sched_self_tid (void)
{
  return self_sched ()->tid;
}

gboolean
clab_sched_parse (const char *text,
                  gint64     *on_cpu_ns,
                  gint64     *run_delay_ns)
{
  char *end;

  *on_cpu_ns = g_ascii_strtoll (text, &end, 10);
  if (end == text || *on_cpu_ns < 0)
    return FALSE;
  text = end;
  *run_delay_ns = g_ascii_strtoll (text, &end, 10);
  return end != text && *run_delay_ns >= 0;
}

gboolean
clab_sched_self_read (gint64 *on_cpu_ns,
                      gint64 *run_delay_ns)
{
  SelfSched *self = self_sched ();
  char buf[96];
  gssize n;

  if (!self->opened)
    {
      self->fd = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
      self->opened = TRUE;
      g_atomic_int_inc (&files_opened);
    }
  n = self->fd >= 0 ? pread (self->fd, buf, sizeof buf - 1, 0) : -1;
  self->last_is_birth = FALSE;
  if (n <= 0)
    return FALSE;
  buf[n] = '\0';
  if (!clab_sched_parse (buf, on_cpu_ns, run_delay_ns))
    return FALSE;
  /* The latest reading, for clab_sched_task_begin() to reuse. */
  self->last_ns = *run_delay_ns;
  return TRUE;
}

gint64
clab_sched_self_run_delay_ns (void)
{
  gint64 on_cpu, run_delay;

  return clab_sched_self_read (&on_cpu, &run_delay) ? run_delay : -1;
}

gboolean
clab_sched_self_join_run (gint64 t0_ns)
{
  SelfSched *self = self_sched ();

  if (self->run_t0_ns == t0_ns)
    return FALSE;
  self->run_t0_ns = t0_ns;
  self->last_ns = -1;   /* a reading of an earlier run must not start a task of this one */
  self->last_is_birth = FALSE;
  return TRUE;
}

void
clab_sched_self_born (gint64 born_ns)
{
  self_sched ()->born_ns = born_ns;
}

gboolean
clab_sched_self_base (gint64 *t_ns,
                      gint64 *on_cpu_ns,
                      gint64 *run_delay_ns)
{
  SelfSched *self = self_sched ();

  /* The kernel starts a new thread's statistics at zero; it did not exist before
   * born_ns, so zero then is a true reading, and free. */
  if (self->born_ns >= 0 && !self->opened)
    {
      *t_ns = self->born_ns;
      *on_cpu_ns = *run_delay_ns = 0;
      self->last_ns = 0;
      self->last_is_birth = TRUE;
      return TRUE;
    }
  *t_ns = clab_monotonic_ns ();
  return clab_sched_self_read (on_cpu_ns, run_delay_ns);
}

void
clab_sched_task_begin (gboolean reuse)
{
  SelfSched *self = self_sched ();

  /* A thread that began at its birth's zero was made for a run of short tasks: it waited
   * for its first core before its task, by an unknown part of the time since, so the zero
   * cannot start the task, and a reading would cost more than the task. */
  if (reuse && self->last_is_birth)
    self->last_ns = -1;
  self->last_is_birth = FALSE;
  /* After a short task there is no reading to reuse, and none is taken: the next task
   * is likely short too. */
  self->begin_ns = reuse ? self->last_ns : clab_sched_self_run_delay_ns ();
}

gboolean
clab_sched_task_end (ClabTask *task,
                     double    on_cpu_s)
{
  SelfSched *self = self_sched ();

  task->pid = self->pid;
  task->tid = self->tid;
  if (!(task->end_s - task->start_s >= CLAB_SCHED_MEASURED_TASK_S) || isnan (on_cpu_s))
    {
      self->last_ns = -1;
      return FALSE;
    }
  self->last_ns = clab_sched_self_run_delay_ns ();
  if (self->begin_ns >= 0 && self->last_ns >= self->begin_ns)
    clab_task_set_sched (task, on_cpu_s, (self->last_ns - self->begin_ns) / 1e9);
  return TRUE;
}

/* Blocked is what is left of the task's wall time, and the parts never add up to more
 * than it. The readings are taken just before the task's start and just after its end
 * (a thread running task after task shares one reading between the end of one and the
 * start of the next), so a thread preempted between a reading and the task's clock counts
 * that wait for a core, and its wake-up between two tasks, without the task's wall time
 * holding them: runnable is cut to what the wall time leaves after on-CPU. */
void
clab_task_set_sched (ClabTask *task,
                     double    on_cpu_s,
                     double    runnable_s)
{
  double duration = task->end_s - task->start_s;

  if (!isfinite (on_cpu_s) || !isfinite (runnable_s) || !isfinite (duration))
    return;
  task->sched_known = TRUE;
  task->on_cpu_s = MAX (on_cpu_s, 0);
  task->runnable_s = CLAMP (runnable_s, 0, MAX (duration - task->on_cpu_s, 0));
  task->blocked_s = MAX (duration - task->on_cpu_s - task->runnable_s, 0);
}

static int
compare_lane_tid (gconstpointer a,
                  gconstpointer b)
{
  const ClabSchedLane *la = *(const ClabSchedLane * const *) a;
  const ClabSchedLane *lb = *(const ClabSchedLane * const *) b;

  return (la->tid > lb->tid) - (la->tid < lb->tid);
}

void
clab_run_sort_sched_lanes (ClabRun *run)
{
  if (run->sched_lanes != NULL)
    g_ptr_array_sort (run->sched_lanes, compare_lane_tid);
}

/* Binary search: a chart or an estimate asks once per task, and a run of many short
 * threads has many lanes. */
const ClabSchedLane *
clab_run_find_sched_lane (const ClabRun *run,
                          gint64         pid,
                          gint64         tid)
{
  guint lo = 0, hi = run->sched_lanes != NULL ? run->sched_lanes->len : 0;

  if (tid == 0)
    return NULL;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const ClabSchedLane *lane = g_ptr_array_index (run->sched_lanes, mid);

      if (lane->tid == tid)
        return pid == 0 || lane->pid == pid ? lane : NULL;
      if (lane->tid < tid)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

guint
clab_sched_lane_find (const ClabSchedLane *lane,
                      double               t_s)
{
  guint lo = 0, hi = lane->points->len;

  /* Binary search: a run of a million short tasks asks once per task. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (lane->points, ClabSchedPoint, mid).t_s > t_s)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

double
clab_sched_lane_integrate (const ClabSchedLane *lane,
                           double               from_s,
                           double               to_s,
                           double              *on_cpu_s,
                           double              *runnable_s)
{
  guint first = clab_sched_lane_find (lane, from_s);
  double start = first > 0 ? g_array_index (lane->points, ClabSchedPoint, first - 1).t_s
                           : lane->t0_s;
  double covered = 0;

  *on_cpu_s = *runnable_s = 0;
  for (guint i = first; i < lane->points->len && start < to_s; i++)
    {
      const ClabSchedPoint *p = &g_array_index (lane->points, ClabSchedPoint, i);
      double a = MAX (start, from_s), b = MIN (p->t_s, to_s);

      if (b > a && p->t_s > start)
        {
          double share = (b - a) / (p->t_s - start);

          *on_cpu_s += p->on_cpu_s * share;
          *runnable_s += p->runnable_s * share;
          covered += b - a;
        }
      start = p->t_s;
    }
  return covered;
}

void
clab_run_estimate_sched (ClabRun *run)
{
  for (guint i = 0; i < run->tasks->len; i++)
    {
      ClabTask *task = &g_array_index (run->tasks, ClabTask, i);
      const ClabSchedLane *lane;
      double on_cpu, runnable, covered, duration = task->end_s - task->start_s;

      if (task->sched_known || !(duration > 0)
          || (lane = clab_run_find_sched_lane (run, task->pid, task->tid)) == NULL)
        continue;
      /* Only a lane that saw most of the task says enough about it; the rest of the task
       * is taken to be like what it saw. */
      covered = clab_sched_lane_integrate (lane, task->start_s, task->end_s, &on_cpu, &runnable);
      if (covered >= 0.5 * duration)
        clab_task_set_sched (task, on_cpu * duration / covered, runnable * duration / covered);
    }
}
