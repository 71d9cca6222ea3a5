/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "clab-executor.h"
#include "clab-helper-path.h"
#include "clab-python-runtime.h"
#include "clab-run-feed.h"
#include "clab-runner.h"
#include "clab-stats.h"

struct _ClabRunner
{
  GObject   parent_instance;
  ClabPlan *plan;
  char     *worker_path;
};

/* What one call of run needs on the runner's thread; progress goes back to @context. */
typedef struct
{
  ClabRunner       *runner;
  ClabPlan         *plan;
  GMainContext     *context;        /* NULL: report nothing */
  ClabWorkloadSpec  spec;
  char             *worker_path;
  guint             n_cpus;
  ClabRunFeed      *feed;
  guint             total;
  guint             reported;        /* tasks done at the last progress emission */
  gboolean          want_samples;    /* someone draws them: decided by the caller's thread */
  GSource          *feed_source;     /* the caller's poll of the feed */
  ClabResult       *result;          /* atomic: set by the run thread when it is done */
  pid_t             caller_tid;      /* a user interface's thread, not part of the run; 0: none */
  clockid_t         caller_clock;
  ClabMode          mode;
  ClabSampler      *sampler;         /* the current run's, for the command watch */
  ClabPythonRuntime *python;         /* a plan on the Python runtime; else NULL */
} RunState;

typedef void (*ExecutorFunc) (ClabExecContext *ctx);

static const ExecutorFunc executors[CLAB_N_MODES] = {
  clab_executor_sequential,
  clab_executor_threads,
  clab_executor_thread_pool,
  clab_executor_processes,
  clab_executor_process_pool,
};

enum { PROP_0, PROP_PLAN, N_PROPS };
enum { PROGRESS, SAMPLE, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ClabRunner, clab_runner, G_TYPE_OBJECT)

/* Owned by the GTask (or the synchronous call): the poll of the feed holds the task. */
static void
run_state_free (RunState *state)
{
  g_clear_object (&state->runner);
  g_clear_object (&state->plan);
  g_clear_pointer (&state->context, g_main_context_unref);
  g_strfreev (state->spec.argv);
  g_free (state->spec.folder);
  g_free (state->worker_path);
  g_clear_pointer (&state->feed, clab_run_feed_free);
  g_clear_pointer (&state->feed_source, g_source_unref);
  g_clear_object (&state->result);
  g_clear_pointer (&state->python, clab_python_runtime_free);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunState, run_state_free)

/* Worker threads: counted only, see ClabRunFeed. */
static void
task_done_cb (guint    n,
              gpointer data)
{
  RunState *state = data;

  clab_run_feed_tasks_done (state->feed, n);
}

/* The sampler's thread. */
static void
sample_cb (const ClabSample *sample,
           gpointer          data)
{
  RunState *state = data;

  /* Nobody draws live samples (the CLI without a terminal): keep nothing. */
  if (state->want_samples)
    clab_run_feed_push_sample (state->feed, state->mode, sample);
}

/* How often the caller's main loop looks at the feed: no progress bar or live chart
 * needs more than 20 frames a second, and a quiet run wakes the loop no more often. */
#define FEED_POLL_MS 50

static void
deliver_feed (RunState *state)
{
  g_autoptr(GArray) batch = clab_run_feed_take_samples (state->feed);
  guint done = clab_run_feed_get_done (state->feed);

  if (done != state->reported)
    {
      state->reported = done;
      g_signal_emit (state->runner, signals[PROGRESS], 0, done, state->total);
    }
  for (guint i = 0; batch != NULL && i < batch->len; i++)
    {
      ClabRunFeedSample *e = &g_array_index (batch, ClabRunFeedSample, i);
      g_signal_emit (state->runner, signals[SAMPLE], 0, e->mode, &e->sample);
    }
}

/* The caller's thread. Also hands over the result, after the last progress and samples:
 * the run thread only wakes this source when it is done. */
static gboolean
poll_feed_cb (gpointer data)
{
  GTask *task = data;
  RunState *state = g_task_get_task_data (task);
  ClabResult *result = g_atomic_pointer_exchange (&state->result, NULL);

  deliver_feed (state);
  if (result == NULL)
    return G_SOURCE_CONTINUE;
  g_task_return_pointer (task, result, g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
watch_feed (RunState *state,
            GTask    *task)
{
  state->feed_source = g_timeout_source_new (FEED_POLL_MS);
  g_source_set_priority (state->feed_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (state->feed_source, poll_feed_cb, g_object_ref (task), g_object_unref);
  g_source_attach (state->feed_source, state->context);
}

static gint64
self_rss_kib (void)
{
  g_autofree char *statm = NULL;
  long pages = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%*s %ld", &pages);
  return pages * (sysconf (_SC_PAGESIZE) / 1024);
}

static void
prefill_tasks (ClabRun *run,
               guint    n_tasks)
{
  g_array_set_size (run->tasks, n_tasks);
  for (guint i = 0; i < n_tasks; i++)
    {
      ClabTask *task = &g_array_index (run->tasks, ClabTask, i);
      memset (task, 0, sizeof *task);
      task->index = i;
      task->worker = -1;
      task->status = CLAB_TASK_PENDING;
    }
}

/* Tasks a cancelled run never started are reported as cancelled, with no lane. */
static void
settle_pending (ClabRun *run)
{
  for (guint i = 0; i < run->tasks->len; i++)
    {
      ClabTask *task = &g_array_index (run->tasks, ClabTask, i);
      if (task->status == CLAB_TASK_PENDING)
        task->status = CLAB_TASK_CANCELLED;
    }
}

static double
caller_cpu_s (RunState *state)
{
  struct timespec ts = { 0 };

  if (state->caller_tid != 0)
    clock_gettime (state->caller_clock, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The CPU time of the caller's thread (a window drawing the live chart) is not the run's. */
static void
remove_caller_cpu (ClabRun *run,
                   double   caller_s)
{
  double from_user = MIN (MAX (caller_s, 0), run->cpu_user_s);

  run->cpu_user_s -= from_user;
  run->cpu_system_s = MAX (0, run->cpu_system_s - (caller_s - from_user));
}

static double
seconds (const struct timeval *tv)
{
  return tv->tv_sec + tv->tv_usec / 1e6;
}

/* What this process used between @before and @after, with what the children it reaped in
 * that time used (@children_before, @children_after: RUSAGE_CHILDREN), to their exit: a
 * worker's start and exit, a command's whole life. */
static void
add_usage (ClabRun             *run,
           const struct rusage *before,
           const struct rusage *after,
           const struct rusage *children_before,
           const struct rusage *children_after)
{
  run->cpu_user_s = seconds (&after->ru_utime) - seconds (&before->ru_utime)
                    + seconds (&children_after->ru_utime) - seconds (&children_before->ru_utime);
  run->cpu_system_s = seconds (&after->ru_stime) - seconds (&before->ru_stime)
                      + seconds (&children_after->ru_stime) - seconds (&children_before->ru_stime);
  run->voluntary_switches = after->ru_nvcsw - before->ru_nvcsw
                            + children_after->ru_nvcsw - children_before->ru_nvcsw;
  run->involuntary_switches = after->ru_nivcsw - before->ru_nivcsw
                              + children_after->ru_nivcsw - children_before->ru_nivcsw;
}

/* A Python run is the interpreter's process tree, all of it counted by the runtime in
 * @totals: this process only read its lines (and GLib's threads reaped it). */
static void
add_python_usage (ClabRun                *run,
                  const ClabWorkerReport *totals)
{
  run->cpu_user_s = totals->user_us / 1e6;
  run->cpu_system_s = totals->sys_us / 1e6;
  run->voluntary_switches = totals->nvcsw;
  run->involuntary_switches = totals->nivcsw;
}

/* The command workload's processes are the run's: the sampler follows each while it runs. */
static void
command_watch_cb (GPid     pid,
                  gboolean running,
                  gpointer user_data)
{
  RunState *state = user_data;

  if (state->sampler == NULL)
    return;
  if (running)
    clab_sampler_add_child (state->sampler, pid);
  else
    clab_sampler_remove_pid (state->sampler, pid);
}

static ClabRun *
run_one (RunState     *state,
         ClabMode      mode,
         guint         workers,
         gboolean      warmup,
         GCancellable *cancellable)
{
  ClabRun *run = clab_run_new (mode, state->n_cpus);
  ClabExecContext ctx = { 0 };
  struct rusage before, after, children_before, children_after;
  ClabSampler *sampler;
  gint64 t1, peak;
  double caller0, sampler_user_s = 0, sampler_system_s = 0;

  run->workers = workers;
  run->warmup = warmup;
  prefill_tasks (run, clab_plan_get_tasks (state->plan));
  clab_exec_context_init (&ctx);
  ctx.spec = &state->spec;
  ctx.n_tasks = run->tasks->len;
  ctx.workers = workers;
  ctx.cancellable = cancellable;
  ctx.time_limit_s = clab_plan_get_timeout_s (state->plan);
  if (clab_mode_uses_processes (mode) && state->python == NULL)
    ctx.worker_argv = clab_worker_build_argv (state->worker_path, &state->spec);
  ctx.run = run;
  ctx.task_done = task_done_cb;
  ctx.user_data = state;
  state->mode = mode;

  /* An interpreter's start is not the mode's: it is ready before the clock starts. */
  if (state->python != NULL)
    clab_python_runtime_prepare (state->python, &ctx, mode);
  getrusage (RUSAGE_SELF, &before);
  getrusage (RUSAGE_CHILDREN, &children_before);
  caller0 = caller_cpu_s (state);
  ctx.t0_ns = clab_monotonic_ns ();
  sampler = clab_sampler_start (clab_plan_get_sample_interval_ms (state->plan), ctx.t0_ns,
                                state->caller_tid != 0 ? &state->caller_clock : NULL,
                                sample_cb, state);
  ctx.sampler = sampler;
  state->sampler = sampler;
  if (ctx.python != NULL)
    clab_executor_python (&ctx);
  else
    executors[mode] (&ctx);
  t1 = ctx.end_ns != 0 ? ctx.end_ns : clab_monotonic_ns ();
  /* Every task and worker process has ended, and the executors reaped them. */
  state->sampler = NULL;
  peak = clab_sampler_stop (sampler, run, &sampler_user_s, &sampler_system_s);
  ctx.sampler = NULL;
  if (ctx.python != NULL)
    clab_python_runtime_finish (ctx.python, &ctx);
  getrusage (RUSAGE_SELF, &after);
  getrusage (RUSAGE_CHILDREN, &children_after);

  run->elapsed_s = (t1 - ctx.t0_ns) / 1e9;
  if (ctx.python != NULL)
    add_python_usage (run, &ctx.process_totals);
  else
    add_usage (run, &before, &after, &children_before, &children_after);
  remove_caller_cpu (run, caller_cpu_s (state) - caller0);
  run->cpu_user_s = MAX (0, run->cpu_user_s - sampler_user_s);
  run->cpu_system_s = MAX (0, run->cpu_system_s - sampler_system_s);
  run->peak_rss_kib = MAX (MAX (peak, self_rss_kib ()), ctx.process_totals.maxrss_kib);
  run->cancelled = g_cancellable_is_cancelled (cancellable);
  settle_pending (run);
  clab_stats_split_run (run, state->spec.kind, state->n_cpus);
  clab_exec_context_clear (&ctx);
  return run;
}

static GArray *
worker_counts (ClabPlan *plan)
{
  GArray *counts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_sweep;
  const guint *sweep = clab_plan_get_sweep_workers (plan, &n_sweep);

  if (n_sweep > 0)
    g_array_append_vals (counts, sweep, n_sweep);
  else
    {
      guint w = clab_plan_get_workers (plan);
      g_array_append_val (counts, w);
    }
  return counts;
}

static guint
count_runs (ClabPlan *plan,
            guint     n_counts)
{
  guint n_modes, per_round = 0;
  const ClabMode *modes = clab_plan_get_modes (plan, &n_modes);

  for (guint m = 0; m < n_modes; m++)
    per_round += clab_mode_is_pool (modes[m]) ? n_counts : 1;
  return per_round * (clab_plan_get_runs (plan) + clab_plan_get_warmup (plan));
}

/* Modes interleave (A B C A B C …) so that drift of a shared machine hits them alike. */
static ClabResult *
run_all (RunState     *state,
         GCancellable *cancellable)
{
  ClabPlan *plan = state->plan;
  g_autoptr(ClabResult) result = clab_result_new (plan);
  g_autoptr(GArray) counts = worker_counts (plan);
  ClabSystemInfo info = { 0 };
  guint n_modes, rounds = clab_plan_get_runs (plan) + clab_plan_get_warmup (plan);
  const ClabMode *modes = clab_plan_get_modes (plan, &n_modes);

  clab_system_info_init_local (&info);
  if (state->python != NULL)
    clab_python_info_copy (clab_python_runtime_get_info (state->python), &info.python);
  clab_result_take_system (result, &info);
  state->total = count_runs (plan, counts->len) * clab_plan_get_tasks (plan);
  /* The first look at the feed reports "0 of N": the run has begun, though no task of a
   * minute has ended yet. */
  state->reported = G_MAXUINT;

  for (guint r = 0; r < rounds && !g_cancellable_is_cancelled (cancellable); r++)
    for (guint m = 0; m < n_modes && !g_cancellable_is_cancelled (cancellable); m++)
      for (guint c = 0; c < counts->len && !g_cancellable_is_cancelled (cancellable); c++)
        {
          gboolean pool = clab_mode_is_pool (modes[m]);
          guint workers = modes[m] == CLAB_MODE_SEQUENTIAL ? 1
                          : pool ? g_array_index (counts, guint, c)
                          : clab_plan_get_workers (plan);

          /* A sweep varies only the pools: the other modes' runs do not depend on it. */
          if (!pool && c > 0)
            break;
          clab_result_add_run (result, run_one (state, modes[m], workers,
                                                r < clab_plan_get_warmup (plan), cancellable));
        }

  /* Before the statistics, whose warnings say that the results are partial. */
  clab_result_set_cancelled (result, g_cancellable_is_cancelled (cancellable));
  clab_stats_update_result (result);
  return g_steal_pointer (&result);
}

static RunState *
run_state_new (ClabRunner    *self,
               GMainContext  *context,
               GError       **error)
{
  g_autoptr(RunState) state = g_new0 (RunState, 1);

  state->feed = clab_run_feed_new ();
  if (!clab_plan_validate (self->plan, error))
    return NULL;
  state->runner = g_object_ref (self);
  state->plan = clab_plan_copy (self->plan);
  state->context = context ? g_main_context_ref (context) : NULL;
  state->spec.kind = clab_plan_get_workload (state->plan);
  state->spec.size = clab_plan_get_size (state->plan);
  state->spec.folder = g_strdup (clab_plan_get_io_folder (state->plan));
  state->spec.command_watch = command_watch_cb;
  state->spec.command_watch_data = state;
  if (clab_plan_get_runtime (state->plan) == CLAB_RUNTIME_PYTHON)
    {
      if (!(state->python = clab_python_runtime_new (state->plan, error)))
        return NULL;
    }
  else if (state->spec.kind == CLAB_WORKLOAD_COMMAND &&
           !(state->spec.argv = clab_plan_dup_command_argv (state->plan, error)))
    return NULL;
  state->worker_path = self->worker_path ? g_strdup (self->worker_path)
                                         : clab_runner_find_worker ();
  state->n_cpus = MAX (1, g_get_num_processors ());
  return g_steal_pointer (&state);
}

/* A thread of its own rather than GTask's pool: a run can take minutes, and would hold
 * one of the pool's few threads all that time. */
static gpointer
run_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  RunState *state = g_task_get_task_data (task);
  ClabResult *result;

  result = run_all (state, g_task_get_cancellable (task));
  /* Its interpreters are gone: their temporary folder goes before the result is handed
   * over, as a command line exits as soon as it has the result (this thread's reference
   * would free it only later). */
  g_clear_pointer (&state->python, clab_python_runtime_free);
  /* The run is over: no task thread is left to contend for the context's lock. */
  g_atomic_pointer_set (&state->result, result);
  g_source_set_ready_time (state->feed_source, 0);
  return NULL;
}

void
clab_runner_run_async (ClabRunner          *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RunState *state;

  g_return_if_fail (CLAB_IS_RUNNER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clab_runner_run_async);
  /* The result must come back even when cancelled: it is the partial result. */
  g_task_set_check_cancellable (task, FALSE);
  state = run_state_new (self, context, &error);
  if (state != NULL && pthread_getcpuclockid (pthread_self (), &state->caller_clock) == 0)
    state->caller_tid = gettid ();
  if (state == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, state, (GDestroyNotify) run_state_free);
  state->want_samples = g_signal_has_handler_pending (self, signals[SAMPLE], 0, TRUE);
  watch_feed (state, task);
  g_thread_unref (g_thread_new ("clab-runner", run_thread, g_object_ref (task)));
}

ClabResult *
clab_runner_run_finish (ClabRunner    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

ClabResult *
clab_runner_run (ClabRunner    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(RunState) state = NULL;

  g_return_val_if_fail (CLAB_IS_RUNNER (self), NULL);

  state = run_state_new (self, NULL, error);
  if (state == NULL)
    return NULL;
  return run_all (state, cancellable);
}

char *
clab_runner_find_worker (void)
{
  return clab_helper_path ("CLAB_WORKER_PATH", WORKER_NAME, LIBEXECDIR);
}

ClabRunner *
clab_runner_new (ClabPlan *plan)
{
  g_return_val_if_fail (CLAB_IS_PLAN (plan), NULL);
  return g_object_new (CLAB_TYPE_RUNNER, "plan", plan, NULL);
}

ClabPlan *
clab_runner_get_plan (ClabRunner *self)
{
  g_return_val_if_fail (CLAB_IS_RUNNER (self), NULL);
  return self->plan;
}

void
clab_runner_set_worker_path (ClabRunner *self,
                             const char *path)
{
  g_return_if_fail (CLAB_IS_RUNNER (self));
  g_free (self->worker_path);
  self->worker_path = g_strdup (path);
}

static void
clab_runner_finalize (GObject *object)
{
  ClabRunner *self = CLAB_RUNNER (object);

  g_clear_object (&self->plan);
  g_clear_pointer (&self->worker_path, g_free);
  G_OBJECT_CLASS (clab_runner_parent_class)->finalize (object);
}

static void
clab_runner_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ClabRunner *self = CLAB_RUNNER (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_runner_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ClabRunner *self = CLAB_RUNNER (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      self->plan = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_runner_class_init (ClabRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clab_runner_finalize;
  object_class->get_property = clab_runner_get_property;
  object_class->set_property = clab_runner_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, CLAB_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_UINT, G_TYPE_UINT);
  signals[SAMPLE] = g_signal_new ("sample", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                  G_TYPE_INT, G_TYPE_POINTER);

  /* A worker that dies while we write to it must be an error, not the end of us. */
  signal (SIGPIPE, SIG_IGN);
}

static void
clab_runner_init (ClabRunner *self)
{
}
