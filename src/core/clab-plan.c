/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-plan.h"
#include "clab-plan-private.h"

G_DEFINE_FINAL_TYPE (ClabPlan, clab_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_WORKLOAD,
  PROP_SIZE,
  PROP_TASKS,
  PROP_WORKERS,
  PROP_RUNS,
  PROP_WARMUP,
  PROP_COMMAND,
  PROP_SAMPLE_INTERVAL_MS,
  PROP_TIMEOUT_S,
  PROP_MODES,
  PROP_SWEEP_WORKERS,
  PROP_IO_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  double      min;
  double      max;
  const char *unit;
} size_ranges[CLAB_N_WORKLOADS] = {
  [CLAB_WORKLOAD_SLEEP]   = { 0, 3600, "s" },
  [CLAB_WORKLOAD_CPU]     = { 0, 1000000, "units" },
  [CLAB_WORKLOAD_LOCK]    = { 0, 1000000, "units" },
  [CLAB_WORKLOAD_IO]      = { 0, 4096, "MiB" },
  [CLAB_WORKLOAD_MEMORY]  = { 0, 16384, "MiB" },
  [CLAB_WORKLOAD_COMMAND] = { 0, 0, "" },
};

const char *
clab_workload_size_unit (ClabWorkloadKind kind)
{
  g_return_val_if_fail (kind < CLAB_N_WORKLOADS, "");
  return size_ranges[kind].unit;
}

void
clab_workload_size_range (ClabWorkloadKind  kind,
                          double           *min,
                          double           *max)
{
  g_return_if_fail (kind < CLAB_N_WORKLOADS);
  if (min != NULL)
    *min = size_ranges[kind].min;
  if (max != NULL)
    *max = size_ranges[kind].max;
}

/* The count that picks the plural form of a size: a fraction takes the plural, as in
 * English and German ("1.5 units"); ngettext() has no better answer for fractions. */
static gulong
plural_count (double size)
{
  if (size == floor (size) && size >= 0 && size < (double) G_MAXULONG)
    return (gulong) size;
  return 2;
}

char *
clab_workload_dup_size_text (ClabWorkloadKind kind,
                             double           size)
{
  g_return_val_if_fail (kind < CLAB_N_WORKLOADS, g_strdup (""));

  switch (kind)
    {
    case CLAB_WORKLOAD_SLEEP:
      /* TRANSLATORS: the size of a sleeping task: "2 s" */
      return g_strdup_printf (_("%g s"), size);
    case CLAB_WORKLOAD_CPU:
    case CLAB_WORKLOAD_LOCK:
      /* TRANSLATORS: the size of a computing task: "50 work units" (1 unit ≈ 1 ms) */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%g work unit", "%g work units",
                                           plural_count (size)), size);
    case CLAB_WORKLOAD_IO:
    case CLAB_WORKLOAD_MEMORY:
      /* TRANSLATORS: the size of a file or memory task: "16 MiB" */
      return g_strdup_printf (_("%g MiB"), size);
    case CLAB_WORKLOAD_COMMAND:
    case CLAB_N_WORKLOADS:
    default:
      return g_strdup ("");
    }
}

const char *
clab_workload_label (ClabWorkloadKind kind)
{
  switch (kind)
    {
    case CLAB_WORKLOAD_SLEEP: return _("Sleep");
    case CLAB_WORKLOAD_CPU: return _("Computation");
    case CLAB_WORKLOAD_LOCK: return _("Shared lock");
    case CLAB_WORKLOAD_IO: return _("File I/O");
    case CLAB_WORKLOAD_MEMORY: return _("Memory");
    case CLAB_WORKLOAD_COMMAND: return _("Command");
    case CLAB_N_WORKLOADS:
    default:
      g_return_val_if_reached ("");
    }
}

static void
clab_plan_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ClabPlan *self = CLAB_PLAN (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_WORKLOAD: g_value_set_uint (value, self->workload); break;
    case PROP_SIZE: g_value_set_double (value, self->size); break;
    case PROP_TASKS: g_value_set_uint (value, self->tasks); break;
    case PROP_WORKERS: g_value_set_uint (value, clab_plan_get_workers (self)); break;
    case PROP_RUNS: g_value_set_uint (value, self->runs); break;
    case PROP_WARMUP: g_value_set_uint (value, self->warmup); break;
    case PROP_COMMAND: g_value_set_string (value, self->command); break;
    case PROP_SAMPLE_INTERVAL_MS: g_value_set_uint (value, self->sample_interval_ms); break;
    case PROP_TIMEOUT_S: g_value_set_double (value, self->timeout_s); break;
    case PROP_MODES: g_value_take_boxed (value, _clab_plan_dup_mode_names (self)); break;
    case PROP_SWEEP_WORKERS: g_value_take_variant (value, _clab_plan_dup_sweep_variant (self)); break;
    case PROP_IO_FOLDER: g_value_set_string (value, self->io_folder); break;
    default:
      if (!_clab_plan_python_get_property (self, prop_id - N_PROPS, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_plan_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ClabPlan *self = CLAB_PLAN (object);

  switch (prop_id)
    {
    case PROP_NAME: clab_plan_set_name (self, g_value_get_string (value)); break;
    case PROP_TITLE: clab_plan_set_title (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: clab_plan_set_description (self, g_value_get_string (value)); break;
    case PROP_WORKLOAD: clab_plan_set_workload (self, g_value_get_uint (value)); break;
    case PROP_SIZE: clab_plan_set_size (self, g_value_get_double (value)); break;
    case PROP_TASKS: clab_plan_set_tasks (self, g_value_get_uint (value)); break;
    case PROP_WORKERS: clab_plan_set_workers (self, g_value_get_uint (value)); break;
    case PROP_RUNS: clab_plan_set_runs (self, g_value_get_uint (value)); break;
    case PROP_WARMUP: clab_plan_set_warmup (self, g_value_get_uint (value)); break;
    case PROP_COMMAND: clab_plan_set_command (self, g_value_get_string (value)); break;
    case PROP_SAMPLE_INTERVAL_MS:
      clab_plan_set_sample_interval_ms (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT_S: clab_plan_set_timeout_s (self, g_value_get_double (value)); break;
    case PROP_MODES: _clab_plan_set_mode_names (self, g_value_get_boxed (value)); break;
    case PROP_SWEEP_WORKERS: _clab_plan_set_sweep_variant (self, g_value_get_variant (value)); break;
    case PROP_IO_FOLDER: clab_plan_set_io_folder (self, g_value_get_string (value)); break;
    default:
      if (!_clab_plan_python_set_property (self, prop_id - N_PROPS, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_plan_finalize (GObject *object)
{
  ClabPlan *self = CLAB_PLAN (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->command, g_free);
  g_clear_pointer (&self->io_folder, g_free);
  g_clear_pointer (&self->modes, g_array_unref);
  g_clear_pointer (&self->sweep_workers, g_array_unref);
  g_clear_pointer (&self->python, _clab_plan_python_free);

  G_OBJECT_CLASS (clab_plan_parent_class)->finalize (object);
}

static GParamSpec *
uint_param (const char *name,
            guint       default_value)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, default_value,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
string_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
clab_plan_class_init (ClabPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = clab_plan_get_property;
  object_class->set_property = clab_plan_set_property;
  object_class->finalize = clab_plan_finalize;

  /* Ranges stay wide on purpose: clab_plan_validate() explains a bad value in a sentence. */
  properties[PROP_NAME] = string_param ("name");
  properties[PROP_TITLE] = string_param ("title");
  properties[PROP_DESCRIPTION] = string_param ("description");
  properties[PROP_WORKLOAD] = g_param_spec_uint ("workload", NULL, NULL, 0, CLAB_N_WORKLOADS - 1,
                                                 CLAB_WORKLOAD_CPU, flags);
  properties[PROP_SIZE] = g_param_spec_double ("size", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE,
                                               100, flags);
  properties[PROP_TASKS] = uint_param ("tasks", 8);
  properties[PROP_WORKERS] = uint_param ("workers", 0);
  properties[PROP_RUNS] = uint_param ("runs", 3);
  properties[PROP_WARMUP] = uint_param ("warmup", 1);
  properties[PROP_COMMAND] = string_param ("command");
  properties[PROP_SAMPLE_INTERVAL_MS] = uint_param ("sample-interval-ms", 100);
  properties[PROP_TIMEOUT_S] = g_param_spec_double ("timeout-s", NULL, NULL, -G_MAXDOUBLE,
                                                    G_MAXDOUBLE, 0, flags);
  properties[PROP_MODES] = g_param_spec_boxed ("modes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SWEEP_WORKERS] = g_param_spec_variant ("sweep-workers", NULL, NULL,
                                                         G_VARIANT_TYPE ("au"), NULL, flags);
  properties[PROP_IO_FOLDER] = string_param ("io-folder");

  g_object_class_install_properties (object_class, N_PROPS, properties);
  _clab_plan_python_install_properties (object_class, N_PROPS);
}

static void
clab_plan_init (ClabPlan *self)
{
  self->workload = CLAB_WORKLOAD_CPU;
  self->size = 100;
  self->tasks = 8;
  self->workers = 0;
  self->runs = 3;
  self->warmup = 1;
  self->sample_interval_ms = 100;
  self->modes = g_array_new (FALSE, FALSE, sizeof (ClabMode));
  self->sweep_workers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->python = _clab_plan_python_new ();
  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    g_array_append_val (self->modes, mode);
}

ClabPlanPython *
_clab_plan_get_python_fields (ClabPlan *self)
{
  return self->python;
}

/* Returns a new plan with the defaults: cpu × 100, 8 tasks, all five modes. */
ClabPlan *
clab_plan_new (void)
{
  return g_object_new (CLAB_TYPE_PLAN, NULL);
}

ClabPlan *
clab_plan_copy (ClabPlan *self)
{
  ClabPlan *copy;

  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);

  copy = clab_plan_new ();
  copy->name = g_strdup (self->name);
  copy->title = g_strdup (self->title);
  copy->description = g_strdup (self->description);
  copy->command = g_strdup (self->command);
  copy->io_folder = g_strdup (self->io_folder);
  copy->workload = self->workload;
  copy->size = self->size;
  copy->tasks = self->tasks;
  copy->workers = self->workers;
  copy->runs = self->runs;
  copy->warmup = self->warmup;
  copy->sample_interval_ms = self->sample_interval_ms;
  copy->timeout_s = self->timeout_s;
  copy->command_untrusted = self->command_untrusted;
  g_array_set_size (copy->modes, 0);
  g_array_append_vals (copy->modes, self->modes->data, self->modes->len);
  g_array_append_vals (copy->sweep_workers, self->sweep_workers->data, self->sweep_workers->len);
  _clab_plan_python_copy_into (self->python, copy->python);
  return copy;
}

static void
set_string (ClabPlan    *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_uint (ClabPlan *self,
          guint    *field,
          guint     value,
          guint     prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

const char *
clab_plan_get_name (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);
  return self->name;
}

void
clab_plan_set_name (ClabPlan   *self,
                    const char *name)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  set_string (self, &self->name, name, PROP_NAME);
}

const char *
clab_plan_get_title (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);
  return self->title;
}

void
clab_plan_set_title (ClabPlan   *self,
                     const char *title)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
clab_plan_get_description (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);
  return self->description;
}

void
clab_plan_set_description (ClabPlan   *self,
                           const char *description)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  set_string (self, &self->description, description, PROP_DESCRIPTION);
}

ClabWorkloadKind
clab_plan_get_workload (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), CLAB_WORKLOAD_CPU);
  return self->workload;
}

void
clab_plan_set_workload (ClabPlan         *self,
                        ClabWorkloadKind  workload)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  g_return_if_fail (workload < CLAB_N_WORKLOADS);
  set_uint (self, &self->workload, workload, PROP_WORKLOAD);
}

double
clab_plan_get_size (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), 0);
  return self->size;
}

void
clab_plan_set_size (ClabPlan *self,
                    double    size)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  /* NAN never equals itself; setting it twice must not notify twice */
  if (self->size == size || (isnan (self->size) && isnan (size)))
    return;
  self->size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

double
clab_plan_get_timeout_s (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), 0);
  return self->timeout_s;
}

void
clab_plan_set_timeout_s (ClabPlan *self,
                         double    timeout_s)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  if (self->timeout_s == timeout_s || (isnan (self->timeout_s) && isnan (timeout_s)))
    return;
  self->timeout_s = timeout_s;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_S]);
}

guint
clab_plan_get_tasks (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), 0);
  return self->tasks;
}

void
clab_plan_set_tasks (ClabPlan *self,
                     guint     tasks)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  set_uint (self, &self->tasks, tasks, PROP_TASKS);
}

guint
clab_plan_get_workers (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), 1);
  if (self->workers == 0)
    return CLAMP (g_get_num_processors (), 1, CLAB_MAX_WORKERS);
  return self->workers;
}

void
clab_plan_set_workers (ClabPlan *self,
                       guint     workers)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  set_uint (self, &self->workers, workers, PROP_WORKERS);
}

guint
clab_plan_get_runs (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), 0);
  return self->runs;
}

void
clab_plan_set_runs (ClabPlan *self,
                    guint     runs)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  set_uint (self, &self->runs, runs, PROP_RUNS);
}

guint
clab_plan_get_warmup (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), 0);
  return self->warmup;
}

void
clab_plan_set_warmup (ClabPlan *self,
                      guint     warmup)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  set_uint (self, &self->warmup, warmup, PROP_WARMUP);
}

const char *
clab_plan_get_command (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);
  return self->command;
}

void
clab_plan_set_command (ClabPlan   *self,
                       const char *command)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  set_string (self, &self->command, command, PROP_COMMAND);
}

gboolean
clab_plan_get_command_trusted (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), FALSE);
  return !self->command_untrusted;
}

void
clab_plan_set_command_trusted (ClabPlan *self,
                               gboolean  trusted)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  self->command_untrusted = !trusted;
}

guint
clab_plan_get_sample_interval_ms (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), 100);
  return self->sample_interval_ms;
}

void
clab_plan_set_sample_interval_ms (ClabPlan *self,
                                  guint     interval_ms)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  set_uint (self, &self->sample_interval_ms, interval_ms, PROP_SAMPLE_INTERVAL_MS);
}

const char *
clab_plan_get_io_folder (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);
  return self->io_folder;
}

void
clab_plan_set_io_folder (ClabPlan   *self,
                         const char *folder)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  /* An empty folder is no folder: the default, as a plan without the key. */
  set_string (self, &self->io_folder, folder != NULL && *folder != '\0' ? folder : NULL,
              PROP_IO_FOLDER);
}
