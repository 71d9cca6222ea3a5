/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "clab-proc-tree.h"
#include "clab-sampler.h"
#include "clab-proc-text.h"
#include "clab-sampler-private.h"
#include "clab-sched-lanes.h"
#include "clab-workload.h"

/* One reading of the counters; percentages come from the difference of two. */
typedef struct
{
  gint64   t_ns;
  guint64  busy, user, system, iowait, total;   /* whole machine, in ticks */
  guint64 *cpu_busy, *cpu_total;                /* per CPU */
  guint64  tree_ns;                             /* the run's own process tree, CPU time */
  gint64   rss_kib;
} Reading;

struct _ClabSampler
{
  GThread        *thread;
  GMutex          mutex;        /* guards stop, with cond */
  GCond           cond;
  gboolean        stop;
  ClabProcTree   *tree;         /* the processes whose CPU time is the run's */
  guint           interval_ms;
  double          own_user_s;      /* the sampler thread's own CPU time, when it ended */
  double          own_system_s;
  gint64          t0_ns;
  int             stat_fd;      /* /proc/stat stays open: each sample re-reads it from offset 0 */
  guint64         tree_ns;       /* the last reading's tree total, without the lab's threads */
  gboolean        exclude;
  clockid_t       exclude_clock; /* a thread to leave out: one system call, no /proc file */
  guint           n_cpus;
  ClabSampleFunc  func;
  gpointer        user_data;
  GArray         *samples;      /* of ClabSample, owned by the thread until stop */
  GArray         *per_cpu;      /* of double */
  gint64          peak_rss_kib;
  ClabSchedLanes *lanes;        /* the worker threads followed */
  Reading         first;        /* taken by clab_sampler_start(), the thread's from then on */
};

static void
close_fd (int fd)
{
  if (fd >= 0)
    close (fd);
}

static void
parse_cpu_line (const char *line,
                guint64    *busy,
                guint64    *total,
                guint64    *user,
                guint64    *system,
                guint64    *iowait)
{
  guint64 v[8] = { 0 };
  const char *p = strchr (line, ' ');

  /* strtoull rather than sscanf: a sample parses a few lines, 100 times a second. */
  for (guint i = 0; i < G_N_ELEMENTS (v) && p != NULL; i++)
    {
      char *end;

      v[i] = strtoull (p, &end, 10);
      p = end;
    }
  /* user nice system idle iowait irq softirq steal */
  *busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
  *total = *busy + v[3] + v[4];
  if (user != NULL)
    {
      *user = v[0] + v[1];
      *system = v[2] + v[5] + v[6];
      *iowait = v[4];
    }
}

static void
read_proc_stat (ClabSampler *self,
                Reading     *r)
{
  char buf[16384];
  char *line = buf;
  guint cpu = 0;

  if (clab_proc_reread_text (self->stat_fd, buf, sizeof buf) <= 0)
    return;
  parse_cpu_line (line, &r->busy, &r->total, &r->user, &r->system, &r->iowait);
  while ((line = strchr (line, '\n')) != NULL && cpu < self->n_cpus)
    {
      line++;
      if (strncmp (line, "cpu", 3) != 0)
        break;
      parse_cpu_line (line, &r->cpu_busy[cpu], &r->cpu_total[cpu], NULL, NULL, NULL);
      cpu++;
    }
}

static guint64
clock_ns (clockid_t clock)
{
  struct timespec ts = { 0 };

  clock_gettime (clock, &ts);
  return ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

/* @on_own_thread: taken on the sampler's thread, whose CPU time (reading /proc a thousand
 * times in a run of 100 s: 0.35 s) is the lab's, as the caller's is; the first reading is
 * the caller's, before that thread used any. */
static void
take_reading (ClabSampler *self,
              Reading     *r,
              gboolean     on_own_thread)
{
  r->t_ns = clab_monotonic_ns ();
  read_proc_stat (self, r);
  clab_sched_lanes_read (self->lanes);
  r->tree_ns = clab_proc_tree_read (self->tree, &r->rss_kib);
  /* Each clock read once, before MIN(), which evaluates its arguments twice: every read is
   * a system call, 100 times a second at the fastest interval. */
  if (self->exclude)
    {
      guint64 excluded = clock_ns (self->exclude_clock);

      r->tree_ns -= MIN (excluded, r->tree_ns);
    }
  if (on_own_thread)
    {
      guint64 own = clock_ns (CLOCK_THREAD_CPUTIME_ID);

      r->tree_ns -= MIN (own, r->tree_ns);
    }
  /* This process's time and the threads left out are read at different moments, and a
   * child's time can move from its own reading (to the nanosecond) to its parent's cutime
   * (in ticks): a step back would count as none, and the step forward after it in full, an
   * idle run read as busy. So the total never falls. */
  r->tree_ns = MAX (r->tree_ns, self->tree_ns);
  self->tree_ns = r->tree_ns;
}

static double
pct (guint64 part,
     guint64 total)
{
  return total > 0 ? 100.0 * part / total : 0.0;
}

static void
add_sample (ClabSampler   *self,
            const Reading *a,
            const Reading *b)
{
  double dt = (b->t_ns - a->t_ns) / 1e9;
  guint64 total = b->total - a->total;
  ClabSample s = {
    .t_s = (b->t_ns - self->t0_ns) / 1e9,
    .cpu_pct = pct (b->busy - a->busy, total),
    .user_pct = pct (b->user - a->user, total),
    .system_pct = pct (b->system - a->system, total),
    .iowait_pct = pct (b->iowait - a->iowait, total),
    .rss_kib = b->rss_kib,
    .workers_on_cpu = clab_sched_lanes_commit (self->lanes),
  };
  double tree_s = b->tree_ns > a->tree_ns ? (b->tree_ns - a->tree_ns) / 1e9 : 0;

  if (dt > 0)
    s.run_pct = CLAMP (100.0 * tree_s / dt / self->n_cpus, 0, 100);
  for (guint c = 0; c < self->n_cpus; c++)
    {
      double v = pct (b->cpu_busy[c] - a->cpu_busy[c], b->cpu_total[c] - a->cpu_total[c]);
      g_array_append_val (self->per_cpu, v);
    }
  g_array_append_val (self->samples, s);
  clab_proc_tree_commit (self->tree);
  self->peak_rss_kib = MAX (self->peak_rss_kib, b->rss_kib);
  if (self->func != NULL)
    self->func (&s, self->user_data);
}

static void
reading_init (ClabSampler *self,
              Reading     *r)
{
  memset (r, 0, sizeof *r);
  r->cpu_busy = g_new0 (guint64, self->n_cpus);
  r->cpu_total = g_new0 (guint64, self->n_cpus);
}

static void
reading_reset (ClabSampler *self,
               Reading     *r)
{
  guint64 *busy = r->cpu_busy, *total = r->cpu_total;

  memset (r, 0, sizeof *r);
  memset (busy, 0, sizeof (guint64) * self->n_cpus);
  memset (total, 0, sizeof (guint64) * self->n_cpus);
  r->cpu_busy = busy;
  r->cpu_total = total;
}

/* After a reading taken at @now for the deadline @deadline, the deadline to wait for next:
 * the next one on the grid, unless it has passed or would come less than half an interval
 * after this reading. After a late wake-up (a busy machine, a stopped process) the passed
 * deadlines are dropped rather than caught up with back to back, and a wake-up 16 ms late on a
 * 20 ms grid is not followed by a sample 4 ms long (seen in CI): one longer sample instead. */
gint64
_clab_sampler_next_deadline (gint64 deadline,
                             gint64 now,
                             gint64 interval_us)
{
  gint64 next = deadline + interval_us;
  gint64 behind = now + interval_us / 2 - next;

  if (behind > 0)
    next += (behind + interval_us - 1) / interval_us * interval_us;
  return next;
}

/* The sampler's thread is in the process a run's threads share: the runner leaves its time
 * out of the run's, as it does the caller's. */
static void
record_own_cpu (ClabSampler *self)
{
  struct rusage usage;

  if (getrusage (RUSAGE_THREAD, &usage) != 0)
    return;
  self->own_user_s = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
  self->own_system_s = usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* The stretch from the last sample to the end of the run is measured too, once it is long
 * enough to say something (half an interval): a run of 180 ms sampled every 100 ms had its
 * last 80 ms, often the busiest, left out of its CPU chart and its mean CPU share. Not when
 * a followed process went meanwhile with no followed parent to reap it (a forkserver's
 * child): its last ticks stand in for it, so its time since the last reading is lost, and
 * the stretch in which workers end is often little more than that: the run's share would
 * read as a 0 % that never happened. */
static void
add_tail_sample (ClabSampler   *self,
                 const Reading *last,
                 Reading       *tail,
                 gint64         interval_us)
{
  reading_reset (self, tail);
  take_reading (self, tail, TRUE);
  if (tail->total > last->total && clab_proc_tree_get_n_gone (self->tree) == 0
      && (tail->t_ns - last->t_ns) / 1000 >= interval_us / 2)
    add_sample (self, last, tail);
}

static gpointer
sampler_main (gpointer data)
{
  ClabSampler *self = data;
  Reading r[2];
  guint cur = 0;
  gint64 interval_us = self->interval_ms * 1000;
  gint64 next = g_get_monotonic_time () + interval_us;

  r[0] = self->first;
  reading_init (self, &r[1]);
  g_mutex_lock (&self->mutex);
  for (;;)
    {
      /* Deadlines on a fixed grid, so that a slow reading does not shift the rest. */
      while (!self->stop && g_cond_wait_until (&self->cond, &self->mutex, next))
        ;
      if (self->stop)
        break;
      g_mutex_unlock (&self->mutex);
      reading_reset (self, &r[1 - cur]);
      take_reading (self, &r[1 - cur], TRUE);
      /* /proc/stat moves in ticks: a reading that no tick separates from the last says
       * nothing (it would be a 0 % that never happened), so the next one covers both. */
      if (r[1 - cur].total > r[cur].total)
        {
          add_sample (self, &r[cur], &r[1 - cur]);
          cur = 1 - cur;
        }
      next = _clab_sampler_next_deadline (next, g_get_monotonic_time (), interval_us);
      g_mutex_lock (&self->mutex);
    }
  g_mutex_unlock (&self->mutex);
  add_tail_sample (self, &r[cur], &r[1 - cur], interval_us);
  for (guint i = 0; i < 2; i++)
    {
      g_free (r[i].cpu_busy);
      g_free (r[i].cpu_total);
    }
  record_own_cpu (self);
  return NULL;
}

/* The CPUs that /proc/stat lists, which can differ from those we may run on. */
static guint
count_proc_stat_cpus (void)
{
  char buf[16384];
  const char *line = buf;
  guint n = 0;

  if (clab_proc_read_text ("/proc/stat", buf, sizeof buf) <= 0)
    return MAX (1, g_get_num_processors ());
  while ((line = strchr (line, '\n')) != NULL && strncmp (++line, "cpu", 3) == 0)
    n++;
  return MAX (n, 1);
}

ClabSampler *
clab_sampler_start (guint           interval_ms,
                    gint64          t0_ns,
                    const clockid_t *exclude_clock,
                    ClabSampleFunc  func,
                    gpointer        user_data)
{
  ClabSampler *self = g_new0 (ClabSampler, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->tree = clab_proc_tree_new ();
  self->interval_ms = MAX (interval_ms, 1);
  self->t0_ns = t0_ns;
  self->stat_fd = open ("/proc/stat", O_RDONLY | O_CLOEXEC);
  self->exclude = exclude_clock != NULL;
  if (self->exclude)
    self->exclude_clock = *exclude_clock;
  self->n_cpus = count_proc_stat_cpus ();
  self->func = func;
  self->user_data = user_data;
  self->samples = g_array_new (FALSE, FALSE, sizeof (ClabSample));
  self->per_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  self->lanes = clab_sched_lanes_new (t0_ns);
  /* The first reading is the caller's, before it starts a worker: taken on the sampler's
   * thread, late on a busy machine, it came after workers that had already run, and their
   * time since they started crowded into the first sample (cut off at 100 %). */
  reading_init (self, &self->first);
  take_reading (self, &self->first, FALSE);
  self->thread = g_thread_new ("clab-sampler", sampler_main, self);
  return self;
}

/* A worker process runs its tasks on its main thread, whose id is the pid. A worker that
 * ended before it was added (GSubprocess then names no pid: 0) has nothing left to read. */
void
clab_sampler_add_pid (ClabSampler *self,
                      GPid         pid)
{
  if (pid <= 0)
    return;
  clab_proc_tree_add (self->tree, pid, FALSE);
  clab_sched_lanes_add_thread (self->lanes, pid, pid);
}

void
clab_sampler_add_interpreter (ClabSampler *self,
                              GPid         pid)
{
  if (pid <= 0)
    return;
  clab_proc_tree_add_from_now (self->tree, pid);
  clab_sched_lanes_add_thread (self->lanes, pid, pid);
}

void
clab_sampler_add_child (ClabSampler *self,
                        GPid         pid)
{
  if (pid > 0)
    clab_proc_tree_add (self->tree, pid, TRUE);
}

void
clab_sampler_add_thread (ClabSampler *self,
                         gint64       pid,
                         gint64       tid)
{
  clab_sched_lanes_add_thread (self->lanes, pid, tid);
}

void
clab_sampler_thread_ending (ClabSampler *self,
                            gint64       tid)
{
  clab_sched_lanes_thread_ending (self->lanes, tid);
}

void
clab_sampler_add_threads_of (ClabSampler *self,
                             gint64       pid)
{
  clab_sched_lanes_add_threads_of (self->lanes, pid);
}

void
clab_sampler_remove_pid (ClabSampler *self,
                         GPid         pid)
{
  if (pid > 0)
    clab_proc_tree_remove (self->tree, pid);
}

gint64
clab_sampler_stop (ClabSampler *self,
                   ClabRun     *run,
                   double      *own_user_s,
                   double      *own_system_s)
{
  gint64 peak;

  g_mutex_lock (&self->mutex);
  self->stop = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);

  if (own_user_s != NULL)
    *own_user_s = self->own_user_s;
  if (own_system_s != NULL)
    *own_system_s = self->own_system_s;
  g_array_append_vals (run->samples, self->samples->data, self->samples->len);
  g_array_append_vals (run->per_cpu_pct, self->per_cpu->data, self->per_cpu->len);
  run->n_cpus = self->n_cpus;
  clab_sched_lanes_finish (self->lanes, run);
  peak = self->peak_rss_kib;
  g_array_unref (self->samples);
  g_array_unref (self->per_cpu);
  clab_proc_tree_free (self->tree);
  close_fd (self->stat_fd);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
  return peak;
}
