/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clab-proc-tree.h"
#include "clab-proc-text.h"
#include "clab-sched.h"

/* A process whose CPU time is the run's, as the reading thread knows it. */
typedef struct
{
  GPid     pid;
  gboolean with_children;  /* the time of the children it reaps is the run's too */
  gboolean seen;           /* read once at least: its CPU time and its cover are known */
  gboolean gone;           /* ended, or no longer followed */
  GPid     ppid;           /* its parent, once known */
  GPid     cover;          /* the nearest followed ancestor with children, or 0 */
  gboolean by_parent;      /* that ancestor is its parent */
  guint64  own;            /* its CPU time at its last reading, in ns, as all times here */
  guint64  children;       /* cutime + cstime at its last reading */
  guint64  floor;          /* with children: what its reaped and gone descendants used while
                            * followed, at least */
  guint64  pending;        /* the last CPU time of those it covers that went in this reading */
  guint64  base_own;       /* what it had used before it was followed: not the run's */
  guint64  base_children;  /* the same, of what its cutime holds or will hold */
} Followed;

/* Asked for by another thread, taken up by the reading thread at its next reading. */
typedef struct
{
  GPid     pid;
  GPid     ppid;
  gboolean with_children;
  gboolean remove;
  guint64  base_own;
  guint64  base_children;
} Change;

/* The fields of a /proc/PID/stat file that the tree uses. */
typedef struct
{
  char    state;
  GPid    ppid;
  guint64 own;        /* utime + stime, in ns but counted in clock ticks (but ours) */
  guint64 children;   /* cutime + cstime: the children it reaped */
  gint64  rss_kib;
} ProcStat;

struct _ClabProcTree
{
  GMutex     mutex;
  GArray    *changes;    /* of Change, guarded by mutex */
  GPtrArray *followed;   /* of Followed, the reading thread's: this process first, none removed */
  guint64    kept;       /* the last CPU time of processes gone with no cover */
  guint      n_gone;     /* gone since the last commit, their parent no cover */
  int        self_fd;    /* /proc/self/statm stays open: each reading re-reads it from offset 0 */
  GPid       self_pid;
  GPid       self_ppid;   /* as it was when the tree was made: only a walk up might ask */
  long       page_kib;
  guint64    ns_per_tick;
};

/* Skips @n fields of a line of space separated fields; NULL when the line is shorter. */
static const char *
skip_fields (const char *p,
             guint       n)
{
  for (guint i = 0; i < n && p != NULL; i++)
    {
      p = strchr (p, ' ');
      if (p != NULL)
        p++;
    }
  return p;
}

static gboolean
parse_stat (ClabProcTree *self,
            const char   *buf,
            gssize        n,
            ProcStat     *st)
{
  const char *p;
  char *end;
  guint64 utime, stime;
  gint64 cutime, cstime;

  if (n <= 0 || (p = strrchr (buf, ')')) == NULL || p[1] != ' ' || p[2] == '\0')
    return FALSE;
  /* Fields after the command name: state is field 3, ppid 4, utime 14 to cstime 17, rss 24. */
  st->state = p[2];
  st->ppid = strtol (p + 3, NULL, 10);
  p = skip_fields (p + 2, 11);
  if (p == NULL)
    return FALSE;
  utime = g_ascii_strtoull (p, &end, 10);
  stime = g_ascii_strtoull (end, &end, 10);
  cutime = g_ascii_strtoll (end, &end, 10);
  cstime = g_ascii_strtoll (end, &end, 10);
  p = skip_fields (end + 1, 6);
  if (p == NULL)
    return FALSE;
  st->own = (utime + stime) * self->ns_per_tick;
  st->children = MAX (cutime + cstime, 0) * self->ns_per_tick;
  st->rss_kib = g_ascii_strtoll (p, NULL, 10) * self->page_kib;
  return TRUE;
}

static guint64
rusage_ns (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return 0;
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_GUINT64_CONSTANT (1000000000)
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * G_GUINT64_CONSTANT (1000);
}

/* This process's own time and its reaped children's come from getrusage(), to the
 * microsecond: stat's clock ticks of 10 ms, truncated, each of utime and stime, left up to
 * 20 ms of a run's time out of its samples, 7 % of one that starts sixteen short workers
 * (seen in CI on a busy machine). The kernel keeps the same totals for both, so stat adds
 * nothing but the resident size, which statm holds too: a sample at 100 Hz makes these
 * system calls 100 times a second, each one on the sampler's CPU time (B7). */
static gboolean
read_self_stat (ClabProcTree *self,
                ProcStat     *st)
{
  char buf[128];
  const char *p;

  if (clab_proc_reread_text (self->self_fd, buf, sizeof buf) <= 0
      || (p = strchr (buf, ' ')) == NULL)
    return FALSE;
  st->state = 'R';
  st->ppid = self->self_ppid;
  st->own = rusage_ns (RUSAGE_SELF);
  st->children = rusage_ns (RUSAGE_CHILDREN);
  /* statm: size resident shared text lib data dt, in pages */
  st->rss_kib = g_ascii_strtoll (p + 1, NULL, 10) * self->page_kib;
  return TRUE;
}

static gboolean
read_stat (ClabProcTree *self,
           GPid          pid,
           ProcStat     *st)
{
  char path[32], buf[1024];

  if (pid == self->self_pid)
    return read_self_stat (self, st);
  g_snprintf (path, sizeof path, "/proc/%d/stat", pid);
  return parse_stat (self, buf, clab_proc_read_text (path, buf, sizeof buf), st);
}

/* The newest record of @pid: a pid may come back as another process. */
static Followed *
lookup (ClabProcTree *self,
        GPid          pid)
{
  for (guint i = self->followed->len; pid > 0 && i > 0; i--)
    {
      Followed *f = g_ptr_array_index (self->followed, i - 1);

      if (f->pid == pid)
        return f;
    }
  return NULL;
}

static Followed *
follow_tree (ClabProcTree *self,
             GPid          pid,
             GPid          ppid)
{
  Followed *f = g_new0 (Followed, 1);

  f->pid = pid;
  f->ppid = ppid;
  f->with_children = TRUE;
  g_ptr_array_add (self->followed, f);
  return f;
}

/* The nearest followed ancestor whose reaped children count: the cutime that @f's time goes
 * to when it ends. Processes that no one follows on the way there (a forkserver between an
 * interpreter and its workers) are the run's too: they are followed from now on, with their
 * children, the nearest one covering @f. One followed without its children breaks the chain:
 * what goes through it reaches the cover only once it is reaped itself. */
static void
find_cover (ClabProcTree *self,
            Followed     *f,
            GPid          ppid)
{
  GPid between[16];
  guint n_between = 0;
  gboolean plain = FALSE;
  Followed *cover = NULL;
  ProcStat st;

  for (guint step = 0; ppid > 1 && step < G_N_ELEMENTS (between); step++)
    {
      Followed *a = lookup (self, ppid);

      if (a != NULL && a->with_children && !a->gone)
        {
          cover = a;
          break;
        }
      if (a != NULL)
        plain = TRUE;
      else
        between[n_between++] = ppid;
      if (!read_stat (self, ppid, &st))
        return;
      ppid = st.ppid;
    }
  if (cover == NULL)
    return;
  f->cover = plain || n_between == 0 ? ppid : between[0];
  f->by_parent = !plain;
  /* Ancestors first: see read_followed_all(). */
  for (guint i = n_between; !plain && i > 0; i--)
    follow_tree (self, between[i - 1], i < n_between ? between[i] : ppid);
}

/* What @f and the children it reaped used while followed, as far as its readings know. */
static guint64
used_since_followed (const Followed *f)
{
  return f->own - MIN (f->base_own, f->own) + f->floor;
}

/* @f went, or is no longer followed: what it used stays in the total, which so never falls
 * because a process ended. Its cover's floor takes it, where the cover's cutime will not
 * count it twice; with no cover, it is kept apart. Only a process that its parent covers
 * loses nothing: the parent's next reading has its time to the end. */
static void
followed_went (ClabProcTree *self,
               Followed     *f)
{
  guint64 used = used_since_followed (f) + f->pending;
  Followed *cover;
  gboolean by_parent;

  if (!f->seen)
    find_cover (self, f, f->ppid);
  cover = lookup (self, f->cover);
  by_parent = f->by_parent;
  f->gone = TRUE;
  f->pending = 0;
  /* A cover that went passes its part on to its own cover, which reaped it. Ancestries
   * have no cycle; pids that came back as other processes could make one. */
  for (guint step = 0; cover != NULL && cover->gone; step++)
    {
      cover = step < 32 ? lookup (self, cover->cover) : NULL;
      by_parent = FALSE;
    }
  /* The cover's cutime will hold all that @f used, what it used before it was followed too. */
  if (cover != NULL)
    {
      cover->pending += used;
      cover->base_children += f->base_own + f->base_children;
    }
  else
    self->kept += used;
  if (cover == NULL || !by_parent)
    self->n_gone++;
}

/* The CPU time of @pid's main thread to the nanosecond (/proc/PID/schedstat), 0 where the
 * kernel keeps none. /proc/PID/stat counts in clock ticks of 10 ms, truncated: fifty workers
 * of 15 ms each, read alive, showed a third of their time, and the rest came at once when
 * they were reaped, in a sample that could not hold it (a share above 100 % is cut off).
 * A worker computes on its main thread (a command, an interpreter mostly too); for one with
 * more threads, stat's total can be larger, and the larger of the two counts. This process
 * is read whole, by getrusage(): its main thread is not the run's. */
static guint64
leader_cpu_ns (GPid pid)
{
  char path[40], buf[128];
  gint64 on_cpu_ns, wait_ns;

  g_snprintf (path, sizeof path, "/proc/%d/schedstat", pid);
  if (clab_proc_read_text (path, buf, sizeof buf) <= 0
      || !clab_sched_parse (buf, &on_cpu_ns, &wait_ns))
    return 0;
  return MAX (on_cpu_ns, 0);
}

static guint64
own_cpu_ns (GPid            pid,
            const ProcStat *st)
{
  guint64 leader = leader_cpu_ns (pid);   /* once: MAX() would read the file twice */

  return MAX (st->own, leader);
}

/* Reads @f; FALSE when it is no longer there. One in state X is being reaped: its parent,
 * read before it, may hold its time already, so it counts as gone. */
static gboolean
read_followed (ClabProcTree *self,
               Followed     *f,
               gint64       *rss_kib)
{
  ProcStat st;

  if (!read_stat (self, f->pid, &st) || st.state == 'X')
    return FALSE;
  if (!f->seen)
    {
      f->ppid = st.ppid;
      find_cover (self, f, f->ppid);
    }
  f->seen = TRUE;
  f->own = f == g_ptr_array_index (self->followed, 0) ? st.own : own_cpu_ns (f->pid, &st);
  f->children = st.children;
  *rss_kib += st.rss_kib;
  return TRUE;
}

static void
apply_change (ClabProcTree *self,
              const Change *c)
{
  Followed *f = lookup (self, c->pid);

  if (c->remove)
    {
      /* Never read: nothing of it was counted, and nothing is known of it. */
      if (f != NULL && !f->gone && !f->seen)
        f->gone = TRUE;
      else if (f != NULL && !f->gone)
        followed_went (self, f);
    }
  else if (f != NULL && !f->gone)
    f->with_children |= c->with_children;
  else
    {
      Followed *n = g_new0 (Followed, 1);

      n->pid = c->pid;
      n->ppid = c->ppid;
      n->with_children = c->with_children;
      n->base_own = c->base_own;
      n->base_children = c->base_children;
      g_ptr_array_add (self->followed, n);
    }
}

static void
apply_changes (ClabProcTree *self)
{
  g_autoptr(GArray) changes = NULL;

  g_mutex_lock (&self->mutex);
  /* Swapped, so that no /proc read happens under the lock; most runs follow no process. */
  if (self->changes->len > 0)
    {
      changes = self->changes;
      self->changes = g_array_new (FALSE, FALSE, sizeof (Change));
    }
  g_mutex_unlock (&self->mutex);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    apply_change (self, &g_array_index (changes, Change, i));
}

/* The processes that reap with their children (this one first, then an interpreter, then
 * a forkserver) are read before those they cover. A worker reaped between its parent's
 * reading and its own is then in neither, and its last CPU time stands in for it: the time since
 * its last reading is late by one sample, never counted twice. In the other order, a worker
 * read alive and then reaped before its parent's reading would be in its own time and in its
 * parent's cutime. Processes found on the way are read from the next reading on. */
static void
read_followed_all (ClabProcTree *self,
                   gint64       *rss_kib)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      guint n = self->followed->len;

      for (guint i = 0; i < n; i++)
        {
          Followed *f = g_ptr_array_index (self->followed, i);

          if (!f->gone && f->with_children == (pass == 0) && !read_followed (self, f, rss_kib))
            followed_went (self, f);
        }
    }
}

/* A cutime holds a gone child's time from the reading after its reap, and the floor keeps
 * its last CPU time until then: both count at most what really ran, so the larger does too. */
static guint64
sum_followed (ClabProcTree *self)
{
  guint64 ns = self->kept;

  for (guint i = 0; i < self->followed->len; i++)
    {
      Followed *f = g_ptr_array_index (self->followed, i);

      if (f->gone)
        continue;
      if (f->with_children)
        f->floor = MAX (f->children - MIN (f->base_children, f->children), f->floor + f->pending);
      f->pending = 0;
      ns += used_since_followed (f);
    }
  return ns;
}

ClabProcTree *
clab_proc_tree_new (void)
{
  ClabProcTree *self = g_new0 (ClabProcTree, 1);

  g_mutex_init (&self->mutex);
  self->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  self->followed = g_ptr_array_new_with_free_func (g_free);
  self->self_fd = open ("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  self->self_pid = getpid ();
  self->self_ppid = getppid ();
  self->page_kib = MAX (1, sysconf (_SC_PAGESIZE) / 1024);
  self->ns_per_tick = G_GUINT64_CONSTANT (1000000000) / MAX (1, sysconf (_SC_CLK_TCK));
  /* This process's reaped children are the run's: the workers it starts, once reaped. */
  follow_tree (self, self->self_pid, 0)->seen = TRUE;
  return self;
}

static void
queue_change (ClabProcTree *self,
              const Change *change)
{
  Change c = *change;

  g_mutex_lock (&self->mutex);
  g_array_append_val (self->changes, c);
  g_mutex_unlock (&self->mutex);
}

void
clab_proc_tree_add (ClabProcTree *self,
                    GPid          pid,
                    gboolean      with_children)
{
  ProcStat st;

  g_return_if_fail (self != NULL);
  g_return_if_fail (pid > 0);

  /* Its parent, read at once: a short worker may be gone by the next reading, and then its
   * parent says whether its time was lost. */
  queue_change (self, &(Change) { pid, read_stat (self, pid, &st) ? st.ppid : 0,
                                  with_children, FALSE, 0, 0 });
}

void
clab_proc_tree_add_from_now (ClabProcTree *self,
                             GPid          pid)
{
  ProcStat st;

  g_return_if_fail (self != NULL);
  g_return_if_fail (pid > 0);

  /* Its start-up (an interpreter's imports) was counted at a first reading as if the run
   * had used it: 100 % in the first sample of a machine 52 % busy. */
  if (!read_stat (self, pid, &st))
    return;
  queue_change (self, &(Change) { pid, st.ppid, TRUE, FALSE, own_cpu_ns (pid, &st),
                                  st.children });
}

void
clab_proc_tree_remove (ClabProcTree *self,
                       GPid          pid)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (pid > 0);

  queue_change (self, &(Change) { pid, 0, FALSE, TRUE, 0, 0 });
}

guint64
clab_proc_tree_read (ClabProcTree *self,
                     gint64       *rss_kib)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (rss_kib != NULL, 0);

  *rss_kib = 0;
  apply_changes (self);
  read_followed_all (self, rss_kib);
  return sum_followed (self);
}

guint
clab_proc_tree_get_n_gone (ClabProcTree *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_gone;
}

void
clab_proc_tree_commit (ClabProcTree *self)
{
  g_return_if_fail (self != NULL);

  self->n_gone = 0;
}

void
clab_proc_tree_free (ClabProcTree *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->changes);
  g_ptr_array_unref (self->followed);
  if (self->self_fd >= 0)
    close (self->self_fd);
  g_mutex_clear (&self->mutex);
  g_free (self);
}
