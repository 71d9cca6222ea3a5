/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "clab-executor.h"
#include "clab-cpu-span.h"
#include "clab-sched.h"

/* The process modes hold a few descriptors per worker (CLAB_WORKER_PROC_FDS): a soft limit
 * of 1024, common on desktops, would stop them at two hundred tasks, so plan validation
 * counts on the hard limit and every run lifts the soft one to it. Safe, because nothing
 * here uses select(). */
static void
raise_open_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == limit.rlim_max)
    return;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
    g_debug ("The open-file limit stays at its soft value: %s", g_strerror (errno));
}

void
clab_exec_context_init (ClabExecContext *ctx)
{
  raise_open_file_limit ();
  g_mutex_init (&ctx->mutex);
  ctx->next_task = 0;
  memset (&ctx->process_totals, 0, sizeof ctx->process_totals);
}

void
clab_exec_context_clear (ClabExecContext *ctx)
{
  g_clear_pointer (&ctx->worker_argv, g_strfreev);
  g_mutex_clear (&ctx->mutex);
}

double
clab_exec_context_seconds (ClabExecContext *ctx,
                           gint64           ns)
{
  return (ns - ctx->t0_ns) / 1e9;
}

gboolean
clab_exec_context_next_task (ClabExecContext *ctx,
                             guint           *index)
{
  guint i;

  if (g_cancellable_is_cancelled (ctx->cancellable))
    return FALSE;
  i = g_atomic_int_add (&ctx->next_task, 1);
  if (i >= ctx->n_tasks)
    return FALSE;
  *index = i;
  return TRUE;
}

static ClabTask *
task_at (ClabExecContext *ctx,
         guint            index)
{
  g_assert (index < ctx->run->tasks->len);
  return &g_array_index (ctx->run->tasks, ClabTask, index);
}

static void
finish_tasks (ClabExecContext *ctx,
              guint            n)
{
  if (ctx->task_done != NULL && n > 0)
    ctx->task_done (n, ctx->user_data);
}

static void
finish_task (ClabExecContext *ctx)
{
  finish_tasks (ctx, 1);
}

/* Runs task @index into @task, its record; its CPU time comes from @span, shared with the
 * tasks before it on the thread (clab-cpu-span.h). The caller reports it done. */
static void
run_in_thread (ClabExecContext *ctx,
               guint            index,
               ClabTask        *task,
               gint64           lane,
               gint64           submit_ns,
               ClabCpuSpan     *span)
{
  g_autoptr(GError) error = NULL;
  gboolean joined = ctx->sampler != NULL && clab_sched_self_join_run (ctx->t0_ns);
  gint64 start, end;
  double own_cpu_s;
  gboolean ok, measured;

  /* Joining the sampler reads the thread's statistics: the task starts from that reading. */
  if (joined)
    clab_sampler_add_thread (ctx->sampler, getpid (), clab_sched_self_tid ());
  clab_sched_task_begin (joined || span->ran > 0);
  start = clab_monotonic_ns ();
  ok = clab_workload_run_limited (ctx->spec, index, ctx->time_limit_s, ctx->cancellable,
                                  &task->checksum, &error);
  end = clab_monotonic_ns ();
  task->end_s = clab_exec_context_seconds (ctx, end);
  task->start_s = clab_exec_context_seconds (ctx, start);
  task->submit_s = clab_exec_context_seconds (ctx, submit_ns);
  /* A command ran in a process of its own, as a worker's task's command does, whose time
   * its report counts (RUSAGE_CHILDREN); the thread's own share is added to it. */
  task->cpu_s = clab_workload_take_command_cpu_us () / 1e6;
  own_cpu_s = clab_cpu_span_add (span, task, end);
  /* Known at once for every task long enough to be measured inside (clab-cpu-span.h). */
  measured = clab_sched_task_end (task, own_cpu_s);
  if (g_atomic_int_get (&ctx->last_task_short) != !measured)
    g_atomic_int_set (&ctx->last_task_short, !measured);
  task->worker = lane;
  if (ok)
    task->status = CLAB_TASK_OK;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    task->status = CLAB_TASK_CANCELLED;
  else
    {
      task->status = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
                     ? CLAB_TASK_TIMED_OUT : CLAB_TASK_FAILED;
      task->reason = g_strdup (error->message);
    }
}

void
clab_exec_context_run_in_thread (ClabExecContext *ctx,
                                 guint            index,
                                 gint64           lane,
                                 gint64           submit_ns)
{
  ClabCpuSpan span;

  /* Each task writes only its own slot of the array, so no lock is needed. */
  clab_cpu_span_start (&span);
  run_in_thread (ctx, index, task_at (ctx, index), lane, submit_ns, &span);
  clab_cpu_span_end (&span);
  finish_task (ctx);
}

/* A lane's records of the tasks of its current span. */
typedef struct
{
  ClabTask task[CLAB_CPU_SPAN_TASKS];
  guint    index[CLAB_CPU_SPAN_TASKS];
  guint    n;
} LaneRecords;

/* Writes the records into the run's array and reports the tasks done. */
static void
flush_records (ClabExecContext *ctx,
               LaneRecords     *records)
{
  for (guint i = 0; i < records->n; i++)
    *task_at (ctx, records->index[i]) = records->task[i];
  finish_tasks (ctx, records->n);
  records->n = 0;
}

/* A lane keeps the records of its span's tasks and writes them to the run's array when
 * the span ends and their CPU time is known. The lanes' tasks interleave in the array:
 * written one by one, each record shared a cache line with another lane's, and each done
 * count a contended atomic (tests/bench B1). */
void
clab_exec_context_run_lane (ClabExecContext *ctx,
                            guint            lane,
                            gint64           submit_ns)
{
  g_autofree LaneRecords *records = g_new (LaneRecords, 1);
  ClabCpuSpan span;
  guint index;

  records->n = 0;
  clab_cpu_span_start (&span);
  while (clab_exec_context_next_task (ctx, &index))
    {
      ClabTask *task = &records->task[records->n];

      memset (task, 0, sizeof *task);
      task->index = index;
      records->index[records->n++] = index;
      run_in_thread (ctx, index, task, lane, submit_ns >= 0 ? submit_ns : clab_monotonic_ns (),
                     &span);
      if (span.n == 0)
        flush_records (ctx, records);
    }
  clab_cpu_span_end (&span);
  flush_records (ctx, records);
}

void
clab_exec_context_record_report (ClabExecContext        *ctx,
                                 const ClabWorkerReport *report,
                                 gint64                  pid,
                                 gint64                  submit_ns)
{
  ClabTask *task = task_at (ctx, report->index);
  g_autoptr(GError) error = NULL;

  if (!clab_worker_report_check_times (report, ctx->t0_ns, clab_monotonic_ns (), &error))
    {
      clab_exec_context_fail_task (ctx, report->index, pid, submit_ns, error->message);
      return;
    }
  task->submit_s = clab_exec_context_seconds (ctx, submit_ns);
  task->start_s = clab_exec_context_seconds (ctx, report->start_ns);
  task->end_s = clab_exec_context_seconds (ctx, report->end_ns);
  task->cpu_s = MAX (report->task_cpu_us, 0) / 1e6;
  task->worker = pid;
  task->checksum = report->checksum;
  task->pid = task->tid = pid;
  if (report->runnable_ns >= 0)
    clab_task_set_sched (task, report->on_cpu_ns / 1e9, report->runnable_ns / 1e9);
  task->status = report->ok ? CLAB_TASK_OK : CLAB_TASK_FAILED;
  g_free (task->reason);
  task->reason = g_strdup (report->reason);
  finish_task (ctx);
}

static void
end_task (ClabExecContext *ctx,
          guint            index,
          gint64           worker,
          gint64           submit_ns,
          ClabTaskStatus   status,
          const char      *reason)
{
  ClabTask *task = task_at (ctx, index);
  double now = clab_exec_context_seconds (ctx, clab_monotonic_ns ());

  task->submit_s = clab_exec_context_seconds (ctx, submit_ns);
  task->start_s = task->submit_s;
  task->end_s = now;
  task->worker = worker;
  if (g_cancellable_is_cancelled (ctx->cancellable))
    task->status = CLAB_TASK_CANCELLED;
  else
    {
      task->status = status;
      g_free (task->reason);
      task->reason = g_strdup (reason);
    }
  finish_task (ctx);
}

void
clab_exec_context_fail_task (ClabExecContext *ctx,
                             guint            index,
                             gint64           worker,
                             gint64           submit_ns,
                             const char      *reason)
{
  end_task (ctx, index, worker, submit_ns, CLAB_TASK_FAILED, reason);
}

void
clab_exec_context_end_task (ClabExecContext *ctx,
                            guint            index,
                            gint64           worker,
                            gint64           submit_ns,
                            const GError    *error,
                            const char      *reason)
{
  gboolean timed_out = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);

  end_task (ctx, index, worker, submit_ns,
            timed_out ? CLAB_TASK_TIMED_OUT : CLAB_TASK_FAILED, reason);
}

void
clab_exec_context_add_process (ClabExecContext        *ctx,
                               const ClabWorkerReport *last)
{
  ClabWorkerReport *t = &ctx->process_totals;

  g_mutex_lock (&ctx->mutex);
  t->user_us += last->user_us;
  t->sys_us += last->sys_us;
  t->maxrss_kib = MAX (t->maxrss_kib, last->maxrss_kib);
  t->nvcsw += last->nvcsw;
  t->nivcsw += last->nivcsw;
  g_mutex_unlock (&ctx->mutex);
}

void
clab_exec_context_run_dispatchers (ClabExecContext *ctx,
                                   const char      *name,
                                   GThreadFunc      func)
{
  guint n = MIN (ctx->workers, ctx->n_tasks);
  g_autofree GThread **threads = g_new0 (GThread *, n);

  for (guint i = 0; i < n; i++)
    threads[i] = g_thread_new (name, func, ctx);
  for (guint i = 0; i < n; i++)
    g_thread_join (threads[i]);
}

typedef struct
{
  ClabExecContext *ctx;
  ClabTaskFunc     func;
  GAsyncQueue     *ended;       /* of PerTaskJob*, pushed by each thread as its last act */
  GThread         *thread;      /* set and read by the starting thread only */
  guint            index;
  gint64           submit_ns;
} PerTaskJob;

static gpointer
per_task_main (gpointer data)
{
  PerTaskJob *job = data;

  job->func (job->ctx, job->index, job->submit_ns);
  g_async_queue_push (job->ended, job);
  return NULL;
}

/* Joins the threads that have ended so far; returns how many. */
static guint
join_ended (GAsyncQueue *ended)
{
  PerTaskJob *job;
  guint n = 0;

  while ((job = g_async_queue_try_pop (ended)) != NULL)
    {
      g_thread_join (job->thread);
      n++;
    }
  return n;
}

/* A joinable thread that has ended keeps its stack until it is joined: a million short
 * tasks joined only at the end held a million stacks and ran out of memory. */
void
clab_exec_context_run_per_task (ClabExecContext *ctx,
                                const char      *name,
                                ClabTaskFunc     func,
                                gboolean         lane_is_index)
{
  g_autofree PerTaskJob *jobs = g_new0 (PerTaskJob, ctx->n_tasks);
  g_autoptr(GAsyncQueue) ended = g_async_queue_new ();
  guint index, running = 0;

  while (clab_exec_context_next_task (ctx, &index))
    {
      PerTaskJob *job = &jobs[index];
      g_autoptr(GError) error = NULL;

      *job = (PerTaskJob) { ctx, func, ended, NULL, index, clab_monotonic_ns () };
      job->thread = g_thread_try_new (name, per_task_main, job, &error);
      if (job->thread != NULL)
        running++;
      else
        clab_exec_context_fail_task (ctx, index, lane_is_index ? index : 0, job->submit_ns,
                                     error->message);
      running -= join_ended (ended);
    }
  for (; running > 0; running--)
    g_thread_join (((PerTaskJob *) g_async_queue_pop (ended))->thread);
}
