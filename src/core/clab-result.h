/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-plan.h"
#include "clab-types.h"

G_BEGIN_DECLS

/* One task of one run. Times are seconds from the run's start (CLOCK_MONOTONIC). */
struct _ClabTask
{
  guint           index;
  gint64          worker;        /* thread index, or the worker's pid in process modes */
  double          submit_s;      /* when the executor handed the task out */
  double          start_s;
  double          end_s;
  double          cpu_s;         /* user + system CPU time of the task */
  ClabTaskStatus  status;
  guint64         checksum;
  char           *reason;        /* why it failed, or NULL */
  /* Where it ran and how its worker thread spent the task (clab-sched.h): on a CPU, waiting
   * for one (runnable), or neither (blocked: a lock, the GIL, a sleep). Zero pid/tid: not
   * known; the seconds are valid when sched_known. */
  gint64          pid;
  gint64          tid;
  gboolean        sched_known;
  double          on_cpu_s;
  double          runnable_s;
  double          blocked_s;
};

/* One sample of the CPU sampler. Percentages are 0–100 of the whole machine. */
struct _ClabSample
{
  double t_s;
  double cpu_pct;      /* busy: user + nice + system + irq + softirq + steal */
  double user_pct;
  double system_pct;
  double iowait_pct;
  double run_pct;      /* the run's own process tree */
  double rss_kib;      /* resident memory of the run's own process tree */
  double workers_on_cpu; /* CPUs the run's followed worker threads were on (clab-sched.h),
                          * NAN unknown; meaningful only in a run with sched_lanes */
};

/* One interval of a worker thread between two readings of its scheduler statistics: it
 * ends at t_s and starts at the previous point's t_s (the lane's t0_s for the first). */
typedef struct
{
  double t_s;
  double on_cpu_s;
  double runnable_s;
} ClabSchedPoint;

/* The scheduler's view of one worker thread over a run, sampled with the CPU samples. */
typedef struct
{
  gint64  pid;
  gint64  tid;
  double  t0_s;          /* the first reading */
  GArray *points;        /* of ClabSchedPoint, by time */
} ClabSchedLane;

struct _ClabRun
{
  ClabMode  mode;
  guint     workers;          /* the worker count this run used */
  gboolean  cancelled;
  gboolean  warmup;           /* warm-up runs are measured but not counted */
  double    elapsed_s;
  double    cpu_user_s;
  double    cpu_system_s;
  gint64    peak_rss_kib;
  double    ideal_s;
  double    overhead_s;
  gint64    voluntary_switches;
  gint64    involuntary_switches;
  GArray   *tasks;            /* of ClabTask, by index */
  GArray   *samples;          /* of ClabSample, by time */
  guint     n_cpus;           /* stride of per_cpu_pct */
  GArray   *per_cpu_pct;      /* of double: n_cpus values per sample */
  GPtrArray *sched_lanes;     /* of ClabSchedLane: the worker threads the sampler followed,
                               * by thread id */
};

/* Statistics of one mode over its counted runs; NAN where undefined. */
struct _ClabStats
{
  guint  n_runs;
  double mean_s;
  double stddev_s;
  double median_s;
  double min_s;
  double max_s;
  double speedup;       /* against sequential, NAN without a baseline */
  double speedup_err;   /* propagated σ of the speedup */
  double efficiency;    /* speedup / min (W, N, CPUs) */
  double cpu_pct;       /* mean CPU time / elapsed, as % of one CPU */
  gint64 peak_rss_kib;  /* highest of the runs */
  guint  failures;      /* failed tasks over all counted runs */
};

struct _ClabModeResult
{
  ClabMode   mode;
  ClabStats  stats;
  GPtrArray *runs;     /* of ClabRun, in the order they ran */
};

/* One point of a worker-count sweep. */
struct _ClabSweepPoint
{
  ClabMode mode;
  guint    workers;
  double   mean_s;
  double   stddev_s;
  double   speedup;      /* against the sequential mean */
  double   karp_flatt;   /* experimentally determined serial fraction, NAN for p = 1 */
  double   speedup_err;  /* propagated σ of the speedup, NAN without two runs a side */
  guint    n_runs;       /* the runs behind the mean; 0 where a file did not say */
};

/* The interpreter of a run on the Python runtime (system.python); version NULL: none. */
typedef struct
{
  char     *version;          /* "3.11.2" */
  char     *implementation;   /* "CPython" */
  char     *executable;       /* sys.executable */
  gboolean  gil_enabled;
  char     *start_method;     /* multiprocessing's: fork, spawn or forkserver */
} ClabPythonInfo;

struct _ClabSystemInfo
{
  guint           cpus;
  char           *kernel;
  char           *cpu_model;
  char           *hostname;
  ClabPythonInfo  python;
};

#define CLAB_RESULT_SCHEMA "concurrency-lab/result/1"
#define CLAB_TYPE_RESULT (clab_result_get_type ())

G_DECLARE_FINAL_TYPE (ClabResult, clab_result, CLAB, RESULT, GObject)

ClabRun              *clab_run_new                  (ClabMode             mode,
                                                     guint                n_cpus);
void                  clab_run_free                 (ClabRun             *run);
/* A copy of @run that shares nothing with it. */
ClabRun              *clab_run_copy                 (const ClabRun       *run);
/* A lane of @tid in @pid without points, owned by the caller until added to a run. */
ClabSchedLane        *clab_sched_lane_new           (gint64               pid,
                                                     gint64               tid,
                                                     double               t0_s);
void                  clab_sched_lane_free          (ClabSchedLane       *lane);
/* The machine's busy share that @sample shows: never below the run's own (see there). */
double                clab_sample_machine_pct       (const ClabSample    *sample);
/* Counts the tasks with @status. */
guint                 clab_run_count_status         (const ClabRun       *run,
                                                     ClabTaskStatus       status);
/* Counts the tasks that failed or timed out: the one count of failures. */
guint                 clab_run_count_failures       (const ClabRun       *run);
ClabModeResult       *clab_mode_result_new          (ClabMode             mode);
void                  clab_mode_result_free         (ClabModeResult      *mode_result);

void                  clab_system_info_clear        (ClabSystemInfo      *info);
void                  clab_system_info_copy         (const ClabSystemInfo *from,
                                                     ClabSystemInfo      *to);
void                  clab_python_info_clear        (ClabPythonInfo      *info);
void                  clab_python_info_copy         (const ClabPythonInfo *from,
                                                     ClabPythonInfo      *to);
/* Which runtime ran: "Python: CPython 3.11.2, GIL enabled, fork (/usr/bin/python3)", or with
 * @brief "CPython 3.11.2 (GIL), fork"; NULL for the native runtime. */
char                 *clab_python_info_dup_label    (const ClabPythonInfo *info,
                                                     gboolean             brief);
/* Reads the CPU count, kernel, CPU model and host name of this machine. */
void                  clab_system_info_init_local   (ClabSystemInfo      *info);

/* Takes a copy of @plan. */
ClabResult           *clab_result_new               (ClabPlan            *plan);
/* A copy of @self that shares nothing with it: another thread may read it while @self
 * goes on changing. */
ClabResult           *clab_result_copy              (ClabResult          *self);
ClabPlan             *clab_result_get_plan          (ClabResult          *self);
const ClabSystemInfo *clab_result_get_system        (ClabResult          *self);
/* Takes the strings of @info. */
void                  clab_result_take_system       (ClabResult          *self,
                                                     ClabSystemInfo      *info);
guint                 clab_result_get_n_modes       (ClabResult          *self);
ClabModeResult       *clab_result_get_mode          (ClabResult          *self,
                                                     guint                i);
/* Finds a mode's results, or NULL when the result does not hold it. */
ClabModeResult       *clab_result_find_mode         (ClabResult          *self,
                                                     ClabMode             mode);
/* Returns the mode's results, adding an empty entry if needed. */
ClabModeResult       *clab_result_ensure_mode       (ClabResult          *self,
                                                     ClabMode             mode);
/* Takes @run and files it under its mode. */
void                  clab_result_add_run           (ClabResult          *self,
                                                     ClabRun             *run);
const GPtrArray      *clab_result_get_warnings      (ClabResult          *self);
void                  clab_result_add_warning       (ClabResult          *self,
                                                     const char          *warning);
gboolean              clab_result_get_cancelled     (ClabResult          *self);
void                  clab_result_set_cancelled     (ClabResult          *self,
                                                     gboolean             cancelled);
/* The points of a worker-count sweep, empty for a plain comparison. */
GArray               *clab_result_get_sweep         (ClabResult          *self);
/* Serial fraction that Amdahl's law fits to the sweep of @mode, or NAN. */
double                clab_result_get_amdahl_serial (ClabResult          *self,
                                                     ClabMode             mode);
void                  clab_result_set_amdahl_serial (ClabResult          *self,
                                                     ClabMode             mode,
                                                     double               fraction);
/* Records the verdict a result file holds, so that it is shown as written. */
void                  clab_result_set_recorded_verdict   (ClabResult     *self,
                                                          gboolean        conclusive,
                                                          const char     *reason);
/* Forgets a recorded verdict: statistics computed afresh judge afresh. */
void                  clab_result_clear_recorded_verdict (ClabResult     *self);
/* FALSE when no verdict was recorded; else @reason is NULL when conclusive. */
gboolean              clab_result_get_recorded_verdict   (ClabResult     *self,
                                                          gboolean       *conclusive,
                                                          const char    **reason);
/* The mode that won, or NULL: see clab_verdict_get_fastest(). */
ClabModeResult       *clab_result_get_fastest       (ClabResult          *self);
/* The verdict in one line, such as "thread-pool is 1.95 ± 0.03 × faster than sequential"
 * or "Inconclusive: other programs used 48 % of the CPUs during the run.". */
char                 *clab_result_dup_verdict       (ClabResult          *self);
/* The same with the modes' translated labels, as charts and windows show them:
 * "Thread pool is 1.95 ± 0.03 × faster than Sequential". */
char                 *clab_result_dup_verdict_labelled (ClabResult       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabRun, clab_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabModeResult, clab_mode_result_free)

G_END_DECLS
