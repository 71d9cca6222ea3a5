/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-result.h"
#include "clab-verdict.h"

struct _ClabResult
{
  GObject         parent_instance;

  ClabPlan       *plan;
  ClabSystemInfo  system;
  GPtrArray      *modes;        /* of ClabModeResult, in the order they were added */
  GPtrArray      *warnings;     /* of char * */
  GArray         *sweep;        /* of ClabSweepPoint */
  double          amdahl[CLAB_N_MODES];
  gboolean        cancelled;
  gboolean        verdict_recorded;     /* read from a file, not judged here */
  gboolean        verdict_conclusive;
  char           *verdict_reason;
};

G_DEFINE_FINAL_TYPE (ClabResult, clab_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAN,
  PROP_CANCELLED,
  PROP_N_MODES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_task (gpointer data)
{
  ClabTask *task = data;

  g_clear_pointer (&task->reason, g_free);
}

/* The machine is read in clock ticks (10 ms of a CPU), the run to the nanosecond: over a
 * sample of 100 ms the machine's figure can come out up to a tick per CPU below the run's
 * own, which cannot be (python-gil: 35 of 264 samples, by up to 7.5 points). The machine
 * was at least as busy as the run. An average over many samples (the verdict's load of
 * other programs) takes the readings as they are: their rounding evens out. */
double
clab_sample_machine_pct (const ClabSample *sample)
{
  g_return_val_if_fail (sample != NULL, NAN);

  if (!isfinite (sample->run_pct))
    return sample->cpu_pct;
  return MAX (sample->cpu_pct, sample->run_pct);
}

ClabRun *
clab_run_new (ClabMode mode,
              guint    n_cpus)
{
  ClabRun *run;

  g_return_val_if_fail (mode < CLAB_N_MODES, NULL);

  run = g_new0 (ClabRun, 1);
  run->mode = mode;
  run->n_cpus = n_cpus;
  run->ideal_s = NAN;
  run->overhead_s = NAN;
  run->tasks = g_array_new (FALSE, TRUE, sizeof (ClabTask));
  g_array_set_clear_func (run->tasks, clear_task);
  run->samples = g_array_new (FALSE, TRUE, sizeof (ClabSample));
  run->per_cpu_pct = g_array_new (FALSE, TRUE, sizeof (double));
  run->sched_lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) clab_sched_lane_free);

  return run;
}

ClabSchedLane *
clab_sched_lane_new (gint64 pid,
                     gint64 tid,
                     double t0_s)
{
  ClabSchedLane *lane = g_new0 (ClabSchedLane, 1);

  lane->pid = pid;
  lane->tid = tid;
  lane->t0_s = t0_s;
  lane->points = g_array_new (FALSE, FALSE, sizeof (ClabSchedPoint));
  return lane;
}

void
clab_sched_lane_free (ClabSchedLane *lane)
{
  if (lane == NULL)
    return;
  g_clear_pointer (&lane->points, g_array_unref);
  g_free (lane);
}

void
clab_run_free (ClabRun *run)
{
  if (run == NULL)
    return;

  g_clear_pointer (&run->tasks, g_array_unref);
  g_clear_pointer (&run->samples, g_array_unref);
  g_clear_pointer (&run->per_cpu_pct, g_array_unref);
  g_clear_pointer (&run->sched_lanes, g_ptr_array_unref);
  g_free (run);
}

ClabRun *
clab_run_copy (const ClabRun *run)
{
  ClabRun *copy;

  g_return_val_if_fail (run != NULL, NULL);

  copy = clab_run_new (run->mode, run->n_cpus);
  g_array_unref (copy->tasks);
  g_array_unref (copy->samples);
  g_array_unref (copy->per_cpu_pct);
  g_ptr_array_unref (copy->sched_lanes);
  *copy = *run;
  copy->tasks = g_array_copy (run->tasks);
  g_array_set_clear_func (copy->tasks, clear_task);
  for (guint i = 0; i < copy->tasks->len; i++)
    {
      ClabTask *task = &g_array_index (copy->tasks, ClabTask, i);

      task->reason = g_strdup (task->reason);
    }
  copy->samples = g_array_copy (run->samples);
  copy->per_cpu_pct = g_array_copy (run->per_cpu_pct);
  copy->sched_lanes = g_ptr_array_new_full (run->sched_lanes->len,
                                            (GDestroyNotify) clab_sched_lane_free);
  for (guint i = 0; i < run->sched_lanes->len; i++)
    {
      const ClabSchedLane *lane = g_ptr_array_index (run->sched_lanes, i);
      ClabSchedLane *lane_copy = clab_sched_lane_new (lane->pid, lane->tid, lane->t0_s);

      g_array_append_vals (lane_copy->points, lane->points->data, lane->points->len);
      g_ptr_array_add (copy->sched_lanes, lane_copy);
    }
  return copy;
}

guint
clab_run_count_status (const ClabRun *run,
                       ClabTaskStatus status)
{
  guint count = 0;

  g_return_val_if_fail (run != NULL, 0);

  for (guint i = 0; i < run->tasks->len; i++)
    {
      if (g_array_index (run->tasks, ClabTask, i).status == status)
        count++;
    }

  return count;
}

guint
clab_run_count_failures (const ClabRun *run)
{
  return clab_run_count_status (run, CLAB_TASK_FAILED)
         + clab_run_count_status (run, CLAB_TASK_TIMED_OUT);
}

ClabModeResult *
clab_mode_result_new (ClabMode mode)
{
  ClabModeResult *mode_result;

  g_return_val_if_fail (mode < CLAB_N_MODES, NULL);

  mode_result = g_new0 (ClabModeResult, 1);
  mode_result->mode = mode;
  mode_result->stats.mean_s = NAN;
  mode_result->stats.stddev_s = NAN;
  mode_result->stats.median_s = NAN;
  mode_result->stats.min_s = NAN;
  mode_result->stats.max_s = NAN;
  mode_result->stats.speedup = NAN;
  mode_result->stats.speedup_err = NAN;
  mode_result->stats.efficiency = NAN;
  mode_result->stats.cpu_pct = NAN;
  mode_result->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) clab_run_free);

  return mode_result;
}

void
clab_mode_result_free (ClabModeResult *mode_result)
{
  if (mode_result == NULL)
    return;

  g_clear_pointer (&mode_result->runs, g_ptr_array_unref);
  g_free (mode_result);
}

static void
clab_result_finalize (GObject *object)
{
  ClabResult *self = (ClabResult *) object;

  g_clear_object (&self->plan);
  clab_system_info_clear (&self->system);
  g_clear_pointer (&self->modes, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->sweep, g_array_unref);
  g_free (self->verdict_reason);

  G_OBJECT_CLASS (clab_result_parent_class)->finalize (object);
}

static void
clab_result_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ClabResult *self = CLAB_RESULT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, clab_result_get_plan (self));
      break;

    case PROP_CANCELLED:
      g_value_set_boolean (value, clab_result_get_cancelled (self));
      break;

    case PROP_N_MODES:
      g_value_set_uint (value, clab_result_get_n_modes (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_result_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ClabResult *self = CLAB_RESULT (object);

  switch (prop_id)
    {
    case PROP_CANCELLED:
      clab_result_set_cancelled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_result_class_init (ClabResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clab_result_finalize;
  object_class->get_property = clab_result_get_property;
  object_class->set_property = clab_result_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL,
                         CLAB_TYPE_PLAN,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CANCELLED] =
    g_param_spec_boolean ("cancelled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_MODES] =
    g_param_spec_uint ("n-modes", NULL, NULL,
                       0, CLAB_N_MODES, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clab_result_init (ClabResult *self)
{
  self->modes = g_ptr_array_new_with_free_func ((GDestroyNotify) clab_mode_result_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->sweep = g_array_new (FALSE, TRUE, sizeof (ClabSweepPoint));
  for (guint i = 0; i < CLAB_N_MODES; i++)
    self->amdahl[i] = NAN;
}

ClabResult *
clab_result_new (ClabPlan *plan)
{
  ClabResult *self;

  g_return_val_if_fail (CLAB_IS_PLAN (plan), NULL);

  self = g_object_new (CLAB_TYPE_RESULT, NULL);
  self->plan = clab_plan_copy (plan);

  return self;
}

ClabResult *
clab_result_copy (ClabResult *self)
{
  ClabResult *copy;

  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);

  copy = clab_result_new (self->plan);
  clab_system_info_copy (&self->system, &copy->system);
  for (guint i = 0; i < self->modes->len; i++)
    {
      const ClabModeResult *mode_result = g_ptr_array_index (self->modes, i);
      ClabModeResult *mode_copy = clab_result_ensure_mode (copy, mode_result->mode);

      mode_copy->stats = mode_result->stats;
      for (guint r = 0; r < mode_result->runs->len; r++)
        g_ptr_array_add (mode_copy->runs, clab_run_copy (g_ptr_array_index (mode_result->runs, r)));
    }
  for (guint i = 0; i < self->warnings->len; i++)
    g_ptr_array_add (copy->warnings, g_strdup (g_ptr_array_index (self->warnings, i)));
  g_array_append_vals (copy->sweep, self->sweep->data, self->sweep->len);
  memcpy (copy->amdahl, self->amdahl, sizeof copy->amdahl);
  copy->cancelled = self->cancelled;
  copy->verdict_recorded = self->verdict_recorded;
  copy->verdict_conclusive = self->verdict_conclusive;
  copy->verdict_reason = g_strdup (self->verdict_reason);
  return copy;
}

ClabPlan *
clab_result_get_plan (ClabResult *self)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);

  return self->plan;
}

const ClabSystemInfo *
clab_result_get_system (ClabResult *self)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);

  return &self->system;
}

void
clab_result_take_system (ClabResult     *self,
                         ClabSystemInfo *info)
{
  g_return_if_fail (CLAB_IS_RESULT (self));
  g_return_if_fail (info != NULL);

  clab_system_info_clear (&self->system);
  self->system = *info;
  memset (info, 0, sizeof *info);
}

guint
clab_result_get_n_modes (ClabResult *self)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), 0);

  return self->modes->len;
}

ClabModeResult *
clab_result_get_mode (ClabResult *self,
                      guint       i)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);
  g_return_val_if_fail (i < self->modes->len, NULL);

  return g_ptr_array_index (self->modes, i);
}

ClabModeResult *
clab_result_find_mode (ClabResult *self,
                       ClabMode    mode)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);

  for (guint i = 0; i < self->modes->len; i++)
    {
      ClabModeResult *mode_result = g_ptr_array_index (self->modes, i);

      if (mode_result->mode == mode)
        return mode_result;
    }

  return NULL;
}

ClabModeResult *
clab_result_ensure_mode (ClabResult *self,
                         ClabMode    mode)
{
  ClabModeResult *mode_result;

  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);
  g_return_val_if_fail (mode < CLAB_N_MODES, NULL);

  mode_result = clab_result_find_mode (self, mode);
  if (mode_result != NULL)
    return mode_result;

  mode_result = clab_mode_result_new (mode);
  g_ptr_array_add (self->modes, mode_result);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MODES]);

  return mode_result;
}

void
clab_result_add_run (ClabResult *self,
                     ClabRun    *run)
{
  ClabModeResult *mode_result;

  g_return_if_fail (CLAB_IS_RESULT (self));
  g_return_if_fail (run != NULL);

  mode_result = clab_result_ensure_mode (self, run->mode);
  g_ptr_array_add (mode_result->runs, run);
}

const GPtrArray *
clab_result_get_warnings (ClabResult *self)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);

  return self->warnings;
}

void
clab_result_add_warning (ClabResult *self,
                         const char *warning)
{
  g_return_if_fail (CLAB_IS_RESULT (self));
  g_return_if_fail (warning != NULL);

  /* Statistics may be updated more than once; a warning says its thing once. */
  for (guint i = 0; i < self->warnings->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->warnings, i), warning))
        return;
    }

  g_ptr_array_add (self->warnings, g_strdup (warning));
}

gboolean
clab_result_get_cancelled (ClabResult *self)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), FALSE);

  return self->cancelled;
}

void
clab_result_set_cancelled (ClabResult *self,
                           gboolean    cancelled)
{
  g_return_if_fail (CLAB_IS_RESULT (self));

  cancelled = !!cancelled;
  if (self->cancelled == cancelled)
    return;

  self->cancelled = cancelled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANCELLED]);
}

GArray *
clab_result_get_sweep (ClabResult *self)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);

  return self->sweep;
}

double
clab_result_get_amdahl_serial (ClabResult *self,
                               ClabMode    mode)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), NAN);
  g_return_val_if_fail (mode < CLAB_N_MODES, NAN);

  return self->amdahl[mode];
}

void
clab_result_set_amdahl_serial (ClabResult *self,
                               ClabMode    mode,
                               double      fraction)
{
  g_return_if_fail (CLAB_IS_RESULT (self));
  g_return_if_fail (mode < CLAB_N_MODES);

  self->amdahl[mode] = fraction;
}

void
clab_result_set_recorded_verdict (ClabResult *self,
                                  gboolean    conclusive,
                                  const char *reason)
{
  g_return_if_fail (CLAB_IS_RESULT (self));

  self->verdict_recorded = TRUE;
  self->verdict_conclusive = !!conclusive;
  g_free (self->verdict_reason);
  self->verdict_reason = conclusive ? NULL : g_strdup (reason);
}

void
clab_result_clear_recorded_verdict (ClabResult *self)
{
  g_return_if_fail (CLAB_IS_RESULT (self));

  self->verdict_recorded = FALSE;
  g_clear_pointer (&self->verdict_reason, g_free);
}

gboolean
clab_result_get_recorded_verdict (ClabResult  *self,
                                  gboolean    *conclusive,
                                  const char **reason)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), FALSE);

  if (!self->verdict_recorded)
    return FALSE;
  if (conclusive != NULL)
    *conclusive = self->verdict_conclusive;
  if (reason != NULL)
    *reason = self->verdict_reason;
  return TRUE;
}

ClabModeResult *
clab_result_get_fastest (ClabResult *self)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);
  return clab_verdict_get_fastest (self);
}

char *
clab_result_dup_verdict (ClabResult *self)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);
  return clab_verdict_dup_text (self, FALSE);
}

char *
clab_result_dup_verdict_labelled (ClabResult *self)
{
  g_return_val_if_fail (CLAB_IS_RESULT (self), NULL);
  return clab_verdict_dup_text (self, TRUE);
}
