/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#include "clab-sched.h"
#include "clab-sched-lanes.h"
#include "clab-proc-text.h"
#include "clab-workload.h"

/* Worker threads followed at once: past this, a run of thousands of short threads would
 * spend its samples opening files, so the rest go unfollowed and the run's on-CPU sum is
 * unknown (NAN) from then on. */
#define MAX_FOLLOWED 256

/* A worker thread whose scheduler statistics the sampler reads. */
typedef struct
{
  gint64         pid, tid;
  int            fd;              /* -1 before the first reading and after the thread ended */
  gboolean       ended;
  gint64         last_on, last_rq, last_t;   /* the reading the last point ended at */
  gint64         next_on, next_rq, next_t;   /* this reading, until a sample takes it */
  gboolean       has_next;
  ClabSchedLane *lane;            /* from the first reading: the request's, or the sampler's */
} Followed;

/* Asked for by another thread, taken up by the sampler's thread at its next reading. */
typedef struct
{
  gint64   pid, tid;              /* tid 0: every thread of the process */
  gboolean has_base;              /* the thread's first reading, taken when it was asked for */
  gint64   base_on, base_rq, base_t;
} FollowRequest;

struct _ClabSchedLanes
{
  gint64      t0_ns;
  GMutex      mutex;
  GArray     *requests;       /* of FollowRequest, guarded by mutex */
  GHashTable *pending;        /* tid → index + 1 in requests, guarded by mutex */
  GPtrArray  *followed;       /* of Followed; this and the rest: the sampler's thread only */
  GHashTable *followed_tids;  /* tid → Followed */
  GArray     *all_threads;    /* of gint64: processes whose every thread is followed */
  guint       n_open;         /* followed threads with an open file */
  gboolean    overflow;       /* a thread went unfollowed: the on-CPU sum is unknown */
};

ClabSchedLanes *
clab_sched_lanes_new (gint64 t0_ns)
{
  ClabSchedLanes *self = g_new0 (ClabSchedLanes, 1);

  self->t0_ns = t0_ns;
  g_mutex_init (&self->mutex);
  self->requests = g_array_new (FALSE, FALSE, sizeof (FollowRequest));
  self->pending = g_hash_table_new (NULL, NULL);
  self->followed = g_ptr_array_new ();
  self->followed_tids = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->all_threads = g_array_new (FALSE, FALSE, sizeof (gint64));
  return self;
}

static void
follow (ClabSchedLanes      *self,
        gint64               pid,
        gint64               tid,
        const FollowRequest *base)
{
  Followed *f;

  if (g_hash_table_contains (self->followed_tids, &tid))
    return;
  f = g_new0 (Followed, 1);
  f->pid = pid;
  f->tid = tid;
  f->fd = -1;
  if (base != NULL && base->has_base)
    {
      f->lane = clab_sched_lane_new (pid, tid, (base->base_t - self->t0_ns) / 1e9);
      f->last_on = base->base_on;
      f->last_rq = base->base_rq;
      f->last_t = base->base_t;
    }
  g_ptr_array_add (self->followed, f);
  g_hash_table_insert (self->followed_tids, &f->tid, f);
}

/* New threads of the processes whose every thread counts (an interpreter's). */
static void
follow_threads_of (ClabSchedLanes *self,
                   gint64          pid)
{
  char path[48];
  DIR *dir;
  struct dirent *entry;

  g_snprintf (path, sizeof path, "/proc/%" G_GINT64_FORMAT "/task", pid);
  if ((dir = opendir (path)) == NULL)
    return;
  while ((entry = readdir (dir)) != NULL)
    {
      gint64 tid = g_ascii_strtoll (entry->d_name, NULL, 10);

      if (tid > 0)
        follow (self, pid, tid, NULL);
    }
  closedir (dir);
}

static void
take_requests (ClabSchedLanes *self)
{
  g_autoptr(GArray) requests = NULL;

  g_mutex_lock (&self->mutex);
  if (self->requests->len > 0)
    {
      requests = self->requests;
      self->requests = g_array_new (FALSE, FALSE, sizeof (FollowRequest));
      g_hash_table_remove_all (self->pending);
    }
  g_mutex_unlock (&self->mutex);
  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      const FollowRequest *q = &g_array_index (requests, FollowRequest, i);

      if (q->tid > 0)
        follow (self, q->pid, q->tid, q);
      else if (q->tid < 0)
        continue;   /* withdrawn */
      else
        g_array_append_val (self->all_threads, q->pid);
    }
  for (guint i = 0; i < self->all_threads->len; i++)
    follow_threads_of (self, g_array_index (self->all_threads, gint64, i));
}

static void
followed_end (ClabSchedLanes *self,
              Followed       *f)
{
  if (f->fd >= 0)
    {
      close (f->fd);
      self->n_open--;
    }
  f->fd = -1;
  f->ended = TRUE;
  f->has_next = FALSE;
}

/* Opens the thread's file once: the descriptor stays bound to that thread, so a thread
 * id that the kernel hands out again later can never be read by mistake. */
static gboolean
followed_open (ClabSchedLanes *self,
               Followed       *f)
{
  char path[64];

  if (self->n_open >= MAX_FOLLOWED)
    {
      self->overflow = TRUE;
      return FALSE;
    }
  g_snprintf (path, sizeof path, "/proc/%" G_GINT64_FORMAT "/task/%" G_GINT64_FORMAT "/schedstat",
              f->pid, f->tid);
  f->fd = open (path, O_RDONLY | O_CLOEXEC);
  if (f->fd >= 0)
    self->n_open++;
  return f->fd >= 0;
}

/* Each thread's reading carries its own time: a sampler preempted halfway through the
 * threads would otherwise give the later ones a longer interval than the CPU time in it. */
static void
read_followed (ClabSchedLanes *self,
               Followed       *f)
{
  char buf[96];
  gint64 on, rq, t_ns;

  if (f->ended || (f->fd < 0 && !followed_open (self, f)))
    {
      /* Never opened and never to be: no series for this thread. */
      if (f->fd < 0 && !self->overflow)
        f->ended = TRUE;
      return;
    }
  t_ns = clab_monotonic_ns ();
  if (clab_proc_reread_text (f->fd, buf, sizeof buf) <= 0 || !clab_sched_parse (buf, &on, &rq))
    {
      followed_end (self, f);
      return;
    }
  if (f->lane == NULL)
    {
      f->lane = clab_sched_lane_new (f->pid, f->tid, (t_ns - self->t0_ns) / 1e9);
      f->last_on = on;
      f->last_rq = rq;
      f->last_t = t_ns;
      return;
    }
  f->next_on = on;
  f->next_rq = rq;
  f->next_t = t_ns;
  f->has_next = TRUE;
}

void
clab_sched_lanes_read (ClabSchedLanes *self)
{
  take_requests (self);
  for (guint i = 0; i < self->followed->len; i++)
    read_followed (self, g_ptr_array_index (self->followed, i));
}

/* Turns this reading of every followed thread into a point of its lane; returns the CPUs
 * they were on together (each thread's share of its own interval, summed), NAN when none
 * is followed or one went unfollowed. */
double
clab_sched_lanes_commit (ClabSchedLanes *self)
{
  double on_cpu = 0;

  for (guint i = 0; i < self->followed->len; i++)
    {
      Followed *f = g_ptr_array_index (self->followed, i);
      ClabSchedPoint p;

      if (!f->has_next)
        continue;
      p.t_s = (f->next_t - self->t0_ns) / 1e9;
      p.on_cpu_s = MAX (f->next_on - f->last_on, 0) / 1e9;
      p.runnable_s = MAX (f->next_rq - f->last_rq, 0) / 1e9;
      g_array_append_val (f->lane->points, p);
      on_cpu += p.on_cpu_s * 1e9 / MAX (f->next_t - f->last_t, 1);
      f->last_on = f->next_on;
      f->last_rq = f->next_rq;
      f->last_t = f->next_t;
      f->has_next = FALSE;
    }
  if (self->followed->len == 0 || self->overflow)
    return NAN;
  return on_cpu;
}

static void
request (ClabSchedLanes      *self,
         const FollowRequest *q)
{
  g_mutex_lock (&self->mutex);
  g_array_append_val (self->requests, *q);
  if (q->tid > 0)
    g_hash_table_insert (self->pending, GINT_TO_POINTER (q->tid),
                         GUINT_TO_POINTER (self->requests->len));
  g_mutex_unlock (&self->mutex);
}

/* The first reading of a thread, taken by the caller, so that its lane starts when it is
 * asked for rather than at the sampler's next reading. */
static void
read_base (FollowRequest *q)
{
  char path[64], buf[96];

  g_snprintf (path, sizeof path, "/proc/%" G_GINT64_FORMAT "/task/%" G_GINT64_FORMAT "/schedstat",
              q->pid, q->tid);
  q->base_t = clab_monotonic_ns ();
  q->has_base = clab_proc_read_text (path, buf, sizeof buf) > 0
                && clab_sched_parse (buf, &q->base_on, &q->base_rq);
}

/* The lane starts with the request (a thread asking for itself gives its birth or reads its
 * own file, already open), not up to an interval later. */
void
clab_sched_lanes_add_thread (ClabSchedLanes *self,
                             gint64          pid,
                             gint64          tid)
{
  FollowRequest q = { pid, tid, FALSE, 0, 0, 0 };

  g_return_if_fail (tid > 0);
  if (tid == clab_sched_self_tid ())
    q.has_base = clab_sched_self_base (&q.base_t, &q.base_on, &q.base_rq);
  else
    read_base (&q);
  request (self, &q);
}

/* A thread that ends before the sampler's next reading leaves no point: its file would be
 * gone by then, and a thousand short threads would cost the sampler a thousand failed
 * path lookups, CPU time taken from the run. */
void
clab_sched_lanes_thread_ending (ClabSchedLanes *self,
                                gint64          tid)
{
  guint at;

  g_mutex_lock (&self->mutex);
  at = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending, GINT_TO_POINTER (tid)));
  if (at > 0)
    {
      g_array_index (self->requests, FollowRequest, at - 1).tid = -1;
      g_hash_table_remove (self->pending, GINT_TO_POINTER (tid));
    }
  g_mutex_unlock (&self->mutex);
}

void
clab_sched_lanes_add_threads_of (ClabSchedLanes *self,
                                 gint64          pid)
{
  FollowRequest q = { pid, 0, FALSE, 0, 0, 0 };

  g_return_if_fail (pid > 0);
  request (self, &q);
}

/* The kernel adds a thread's wait for a core when the thread gets one: an interval that
 * ends while it waits shows less than its length, the one it gets the CPU in more. A wait
 * ends where it is credited, so its excess goes back to the intervals just before that
 * have room, where it happened; what is left before the lane's start is dropped. */
static void
settle_lane (ClabSchedLane *lane)
{
  double carry = 0;

  for (guint i = lane->points->len; i-- > 0;)
    {
      ClabSchedPoint *p = &g_array_index (lane->points, ClabSchedPoint, i);
      double start = i > 0 ? g_array_index (lane->points, ClabSchedPoint, i - 1).t_s
                           : lane->t0_s;
      double room = (p->t_s - start) - p->on_cpu_s - p->runnable_s;
      double moved = room >= 0 ? MIN (room, carry) : -MIN (-room, p->runnable_s);

      p->runnable_s += moved;
      carry -= moved;
    }
}

/* Lanes with at least one point move into @run; the rest said nothing. */
void
clab_sched_lanes_finish (ClabSchedLanes *self,
                         ClabRun        *run)
{
  for (guint i = 0; i < self->followed->len; i++)
    {
      Followed *f = g_ptr_array_index (self->followed, i);

      if (f->fd >= 0)
        close (f->fd);
      if (f->lane != NULL && f->lane->points->len > 0)
        {
          settle_lane (f->lane);
          g_ptr_array_add (run->sched_lanes, g_steal_pointer (&f->lane));
        }
      clab_sched_lane_free (f->lane);
      g_free (f);
    }
  g_ptr_array_unref (self->followed);
  g_hash_table_unref (self->followed_tids);
  g_array_unref (self->all_threads);
  g_array_unref (self->requests);
  g_hash_table_unref (self->pending);
  g_mutex_clear (&self->mutex);
  g_free (self);
  clab_run_sort_sched_lanes (run);
  clab_run_estimate_sched (run);
}

