/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "clab-workload-private.h"

/* Iterations of the compute kernel in one work unit: about 1 ms on a 2020 core. */
#define CPU_ITERATIONS_PER_UNIT 600000
#define MIB (1024 * 1024)

/* The lock workload's "GIL": one per process, shared by every task in it. As CPython's
 * since 3.2, a holder hands it over after a switch interval when another thread waits,
 * and waiting threads get it in the order they asked: threads interleave and all take
 * longer, rather than one running while the others starve behind it. Each waiter sleeps
 * on a condition of its own and the holder wakes only the next one, so ten thousand
 * waiting threads cost no more than two. */
typedef struct _GilWaiter GilWaiter;

struct _GilWaiter
{
  GCond      cond;
  gboolean   granted;
  GilWaiter *next;
};

static GMutex     gil_mutex;
static gboolean   gil_held;     /* gil_mutex */
static GilWaiter *gil_head;     /* gil_mutex: the next to hold it */
static GilWaiter *gil_tail;     /* gil_mutex */

/* Work units between two chances to switch: about CPython's 5 ms switch interval. */
#define GIL_SWITCH_UNITS 5

gint64
clab_monotonic_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

double
clab_thread_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

guint64
clab_checksum_mix (guint64 a,
                   guint64 b)
{
  guint64 z = a ^ (b + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + (a << 6) + (a >> 2));

  /* splitmix64's finaliser spreads every input bit over the output */
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
clab_workload_set_timed_out (GError **error,
                             double   limit_s)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               _("The task ran past its time limit of %g s and was stopped."), limit_s);
}

gboolean
_clab_task_must_stop (const ClabTaskEnd  *end,
           GError        **error)
{
  if (g_cancellable_set_error_if_cancelled (end->cancellable, error))
    return TRUE;
  if (end->deadline_ns == 0 || clab_monotonic_ns () < end->deadline_ns)
    return FALSE;
  clab_workload_set_timed_out (error, end->limit_s);
  return TRUE;
}

int
_clab_task_ms_to_deadline (const ClabTaskEnd *end)
{
  gint64 left;

  if (end->deadline_ns == 0)
    return -1;
  left = end->deadline_ns - clab_monotonic_ns ();
  return (int) CLAMP ((left + 999999) / 1000000, 0, G_MAXINT);
}

/* Waits @seconds, until the cancellable fires or until the deadline, with nanosecond
 * resolution. */
static gboolean
run_sleep (double          seconds,
           const ClabTaskEnd  *end,
           GError        **error)
{
  gint64 finish = clab_monotonic_ns () + (gint64) (seconds * 1e9);
  gint64 stop = end->deadline_ns != 0 ? MIN (finish, end->deadline_ns) : finish;
  int fd = g_cancellable_get_fd (end->cancellable);
  gboolean cancelled = FALSE;
  gint64 left;

  while (!cancelled && (left = stop - clab_monotonic_ns ()) > 0)
    {
      struct timespec ts = { left / 1000000000, left % 1000000000 };
      struct pollfd pfd = { fd, POLLIN, 0 };

      if (fd < 0)
        clock_nanosleep (CLOCK_MONOTONIC, 0, &ts, NULL);
      else
        cancelled = ppoll (&pfd, 1, &ts, NULL) > 0
                    || g_cancellable_is_cancelled (end->cancellable);
    }
  g_cancellable_release_fd (end->cancellable);
  return (!cancelled && stop == finish) || !_clab_task_must_stop (end, error);
}

static void
cpu_unit (guint64 *state,
          double  *acc)
{
  guint64 x = *state;
  double f = *acc;

  for (guint i = 0; i < CPU_ITERATIONS_PER_UNIT; i++)
    {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      f = f * 0.999999 + (double) (x & 0xff);
    }
  *state = x;
  *acc = f;
}

static void
gil_acquire (void)
{
  GilWaiter self = { .granted = FALSE, .next = NULL };

  g_mutex_lock (&gil_mutex);
  if (!gil_held)
    gil_held = TRUE;
  else
    {
      g_cond_init (&self.cond);
      if (gil_tail != NULL)
        gil_tail->next = &self;
      else
        gil_head = &self;
      gil_tail = &self;
      while (!self.granted)
        g_cond_wait (&self.cond, &gil_mutex);
      g_cond_clear (&self.cond);
    }
  g_mutex_unlock (&gil_mutex);
}

/* Hands the GIL to the longest waiter, if any: it stays held. */
static void
gil_release (void)
{
  GilWaiter *next;

  g_mutex_lock (&gil_mutex);
  next = gil_head;
  if (next != NULL)
    {
      gil_head = next->next;
      if (gil_head == NULL)
        gil_tail = NULL;
      next->granted = TRUE;
      g_cond_signal (&next->cond);
    }
  else
    gil_held = FALSE;
  g_mutex_unlock (&gil_mutex);
}

static gboolean
gil_wanted (void)
{
  gboolean wanted;

  g_mutex_lock (&gil_mutex);
  wanted = gil_head != NULL;
  g_mutex_unlock (&gil_mutex);
  return wanted;
}

/* Deterministic integer and float work; the checksum depends on every iteration. With
 * @gil, every unit runs holding the GIL. */
static gboolean
run_cpu (double          units,
         guint           index,
         gboolean        gil,
         const ClabTaskEnd  *end,
         guint64        *checksum,
         GError        **error)
{
  guint64 state = clab_checksum_mix (index, 0x5eed) | 1;
  double acc = 0;
  guint64 n = (guint64) units;
  gboolean ok = TRUE;

  if (gil)
    gil_acquire ();
  for (guint64 u = 0; u < n && ok; u++)
    {
      if (_clab_task_must_stop (end, error))
        ok = FALSE;
      else
        cpu_unit (&state, &acc);
      if (gil && ok && (u + 1) % GIL_SWITCH_UNITS == 0 && u + 1 < n && gil_wanted ())
        {
          gil_release ();
          gil_acquire ();
        }
    }
  if (gil)
    gil_release ();
  if (ok)
    *checksum = clab_checksum_mix (state, (guint64) acc);
  return ok;
}

static void
fill_pattern (guint64 *buf,
              gsize    n_words,
              guint64  seed)
{
  for (gsize i = 0; i < n_words; i++)
    buf[i] = seed ^ (i * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
}

static guint64
sum_words (const guint64 *buf,
           gsize          n_words,
           guint64        sum)
{
  for (gsize i = 0; i < n_words; i++)
    sum = (sum ^ buf[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  return sum;
}

static gboolean
io_error (int            saved_errno,
          const char    *message,
          GError       **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", message, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
io_write_all (int            fd,
              guint64       *buf,
              gsize          mib,
              guint64        seed,
              const ClabTaskEnd *end,
              GError       **error)
{
  for (gsize m = 0; m < mib; m++)
    {
      if (_clab_task_must_stop (end, error))
        return FALSE;
      fill_pattern (buf, MIB / 8, seed + m);
      for (gsize done = 0; done < MIB;)
        {
          gssize w = write (fd, (char *) buf + done, MIB - done);
          if (w < 0 && errno != EINTR)
            return io_error (errno, _("Could not write the temporary file"), error);
          done += MAX (w, 0);
        }
    }
  if (fsync (fd) != 0)
    return io_error (errno, _("Could not sync the temporary file to disk"), error);
  return TRUE;
}

static gboolean
io_read_all (int            fd,
             guint64       *buf,
             gsize          mib,
             guint64       *sum,
             const ClabTaskEnd *end,
             GError       **error)
{
  if (lseek (fd, 0, SEEK_SET) != 0)
    return io_error (errno, _("Could not rewind the temporary file"), error);
  for (gsize m = 0; m < mib; m++)
    {
      gsize done = 0;

      if (_clab_task_must_stop (end, error))
        return FALSE;
      while (done < MIB)
        {
          gssize r = read (fd, (char *) buf + done, MIB - done);
          if (r < 0 && errno == EINTR)
            continue;
          if (r <= 0)
            return io_error (r < 0 ? errno : EIO, _("Could not read the temporary file"), error);
          done += r;
        }
      *sum = sum_words (buf, MIB / 8, *sum);
    }
  return TRUE;
}

/* A new file in @folder, or in the temporary folder when @folder is NULL. */
static int
io_open_tmp (const char  *folder,
             char       **path,
             GError     **error)
{
  int fd;

  if (folder == NULL)
    return g_file_open_tmp ("concurrency-lab-io-XXXXXX", path, error);
  *path = g_build_filename (folder, "concurrency-lab-io-XXXXXX", NULL);
  fd = g_mkstemp (*path);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create a temporary file in “%s”: %s"), folder,
                   g_strerror (saved_errno));
    }
  return fd;
}

static gboolean
run_io (double         size_mib,
        const char    *folder,
        guint          index,
        const ClabTaskEnd *end,
        guint64       *checksum,
        GError       **error)
{
  g_autofree guint64 *buf = g_malloc (MIB);
  g_autofree char *path = NULL;
  guint64 sum = index;
  gsize mib = (gsize) size_mib;
  sigset_t ending, saved;
  gboolean ok;
  int fd;

  /* Unlinked at once: even a worker killed mid-task leaves no file behind. The signals that
   * end a worker wait until then, or a cancel could land between the two calls. */
  sigemptyset (&ending);
  sigaddset (&ending, SIGTERM);
  sigaddset (&ending, SIGINT);
  sigaddset (&ending, SIGHUP);
  pthread_sigmask (SIG_BLOCK, &ending, &saved);
  fd = io_open_tmp (folder, &path, error);
  if (fd >= 0)
    g_unlink (path);
  pthread_sigmask (SIG_SETMASK, &saved, NULL);
  if (fd < 0)
    return FALSE;
  ok = io_write_all (fd, buf, mib, index, end, error) &&
       io_read_all (fd, buf, mib, &sum, end, error);
  close (fd);
  if (ok)
    *checksum = clab_checksum_mix (sum, mib);
  return ok;
}

/* Maps the buffer from the kernel directly rather than through malloc: with
 * MALLOC_PERTURB_ set (meson's tests set it), glibc would fill gigabytes inside malloc,
 * where no cancellable is looked at. Pages arrive untouched, one first write at a time. */
static guint64 *
map_buffer (gsize    bytes,
            GError **error)
{
  void *buf = mmap (NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  if (buf != MAP_FAILED)
    return buf;
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKLOAD,
               _("Could not allocate %zu MiB of memory."), bytes / MIB);
  return NULL;
}

/* Fills, then sums, one MiB at a time: a cancellation is seen within a MiB's work. */
static gboolean
stream_memory (guint64       *buf,
               gsize          mib,
               guint          index,
               const ClabTaskEnd *end,
               guint64       *sum,
               GError       **error)
{
  for (gsize m = 0; m < mib; m++)
    {
      if (_clab_task_must_stop (end, error))
        return FALSE;
      fill_pattern (buf + m * (MIB / 8), MIB / 8, index + m);
    }
  for (gsize m = 0; m < mib; m++)
    {
      if (_clab_task_must_stop (end, error))
        return FALSE;
      *sum = sum_words (buf + m * (MIB / 8), MIB / 8, *sum);
    }
  return TRUE;
}

static gboolean
run_memory (double         size_mib,
            guint          index,
            const ClabTaskEnd *end,
            guint64       *checksum,
            GError       **error)
{
  gsize mib = (gsize) size_mib;
  gsize bytes = MAX (mib, 1) * MIB;
  guint64 *buf = map_buffer (bytes, error);
  guint64 sum = index;
  gboolean ok;

  if (buf == NULL)
    return FALSE;
  ok = stream_memory (buf, mib, index, end, &sum, error);
  munmap (buf, bytes);
  if (ok)
    *checksum = clab_checksum_mix (sum, mib);
  return ok;
}

gboolean
clab_workload_run (const ClabWorkloadSpec  *spec,
                   guint                    index,
                   GCancellable            *cancellable,
                   guint64                 *checksum,
                   GError                 **error)
{
  return clab_workload_run_limited (spec, index, 0, cancellable, checksum, error);
}

gboolean
clab_workload_run_limited (const ClabWorkloadSpec  *spec,
                           guint                    index,
                           double                   limit_s,
                           GCancellable            *cancellable,
                           guint64                 *checksum,
                           GError                 **error)
{
  ClabTaskEnd end = { cancellable, 0, limit_s };

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (checksum != NULL, FALSE);

  if (limit_s > 0)
    end.deadline_ns = clab_monotonic_ns () + (gint64) (limit_s * 1e9);
  switch (spec->kind)
    {
    case CLAB_WORKLOAD_SLEEP:
      *checksum = clab_checksum_mix (index, (guint64) (spec->size * 1e6));
      return run_sleep (spec->size, &end, error);
    case CLAB_WORKLOAD_CPU:
      return run_cpu (spec->size, index, FALSE, &end, checksum, error);
    case CLAB_WORKLOAD_LOCK:
      return run_cpu (spec->size, index, TRUE, &end, checksum, error);
    case CLAB_WORKLOAD_IO:
      return run_io (spec->size, spec->folder, index, &end, checksum, error);
    case CLAB_WORKLOAD_MEMORY:
      return run_memory (spec->size, index, &end, checksum, error);
    case CLAB_WORKLOAD_COMMAND:
      return _clab_workload_run_command (spec, index, &end, checksum, error);
    case CLAB_N_WORKLOADS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

const char *
clab_workload_describe (ClabWorkloadKind kind)
{
  switch (kind)
    {
    case CLAB_WORKLOAD_SLEEP:
      return _("Waits without using the CPU, as a task blocked on a network or disk would.");
    case CLAB_WORKLOAD_CPU:
      return _("Computes without pause; one work unit is about 1 ms of one core.");
    case CLAB_WORKLOAD_LOCK:
      return _("The CPU work while holding one lock shared by the whole process, like Python’s GIL.");
    case CLAB_WORKLOAD_IO:
      return _("Writes a temporary file, syncs it to disk, reads it back and deletes it.");
    case CLAB_WORKLOAD_MEMORY:
      return _("Allocates a buffer and streams over it: bound by memory bandwidth.");
    case CLAB_WORKLOAD_COMMAND:
      return _("Runs a program of your choice, without a shell (inside the sandbox when installed as a Flatpak).");
    case CLAB_N_WORKLOADS:
    default:
      g_return_val_if_reached (NULL);
    }
}
