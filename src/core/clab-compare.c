/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-compare.h"
#include "clab-format.h"
#include "clab-result-io.h"
#include "clab-stats.h"
#include "clab-verdict.h"

typedef struct
{
  ClabResult *result;
  char       *source;
  char       *when;
  char       *machine;
  char       *plan_text;
  char       *verdict;
  char       *label;
  char       *runtime;       /* "Native C" or the interpreter, brief */
  gboolean    conclusive;
  gboolean    plans_match;
  GArray     *cells;         /* of ClabCompareCell, one per mode of the comparison */
} Entry;

struct _ClabCompare
{
  GObject  parent_instance;

  GArray  *entries;          /* of Entry, the reference first */
  ClabMode modes[CLAB_N_MODES];
  guint    n_modes;
  gboolean runtimes_differ;  /* a Python result beside its C counterpart: names say which */
};

G_DEFINE_FINAL_TYPE (ClabCompare, clab_compare, G_TYPE_OBJECT)

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->result);
  g_clear_pointer (&entry->source, g_free);
  g_clear_pointer (&entry->when, g_free);
  g_clear_pointer (&entry->machine, g_free);
  g_clear_pointer (&entry->runtime, g_free);
  g_clear_pointer (&entry->plan_text, g_free);
  g_clear_pointer (&entry->verdict, g_free);
  g_clear_pointer (&entry->label, g_free);
  g_clear_pointer (&entry->cells, g_array_unref);
}

static void
clab_compare_finalize (GObject *object)
{
  ClabCompare *self = CLAB_COMPARE (object);

  g_clear_pointer (&self->entries, g_array_unref);
  G_OBJECT_CLASS (clab_compare_parent_class)->finalize (object);
}

static void
clab_compare_class_init (ClabCompareClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = clab_compare_finalize;
}

static void
clab_compare_init (ClabCompare *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
}

ClabCompare *
clab_compare_new (void)
{
  return g_object_new (CLAB_TYPE_COMPARE, NULL);
}

static Entry *
get_entry (ClabCompare *self,
           guint        i)
{
  return &g_array_index (self->entries, Entry, i);
}

/* Text from a file: its control characters are shown, not obeyed. */
static char *
dup_field (const char *text)
{
  g_autofree char *escaped = clab_format_escape_controls (text);

  return escaped != NULL && *escaped != '\0' ? g_steal_pointer (&escaped) : NULL;
}

static char *
dup_hostname (ClabResult *result)
{
  char *hostname = dup_field (clab_result_get_system (result)->hostname);

  return hostname != NULL ? hostname : g_strdup (_("unknown machine"));
}

static char *
dup_machine (ClabResult *result)
{
  const ClabSystemInfo *system = clab_result_get_system (result);
  g_autofree char *hostname = dup_hostname (result);
  g_autofree char *cpu_model = dup_field (system->cpu_model);
  g_autofree char *cpus = NULL;

  if (system->cpus == 0)
    return g_steal_pointer (&hostname);
  cpus = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u CPU", "%u CPUs", system->cpus),
                          system->cpus);
  if (cpu_model == NULL)
    /* TRANSLATORS: a machine: its host name, then its CPUs, "server — 64 CPUs" */
    return g_strdup_printf (_("%s — %s"), hostname, cpus);
  /* TRANSLATORS: a machine: "server — 64 CPUs, AMD EPYC 7543" */
  return g_strdup_printf (_("%s — %s, %s"), hostname, cpus, cpu_model);
}

static char *
dup_work_text (ClabPlan *plan)
{
  ClabWorkloadKind kind = clab_plan_get_workload (plan);
  guint tasks = clab_plan_get_tasks (plan);
  g_autofree char *command = NULL;
  g_autofree char *size = NULL;

  if (kind == CLAB_WORKLOAD_COMMAND)
    {
      command = clab_format_escape_controls (clab_plan_get_command (plan));
      /* TRANSLATORS: what a result measured: "command “gzip -9” × 8 tasks" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "command “%s” × %u task",
                                           "command “%s” × %u tasks", tasks),
                              command != NULL ? command : "", tasks);
    }
  size = clab_workload_dup_size_text (kind, clab_plan_get_size (plan));
  /* TRANSLATORS: what a result measured: the workload, its size per task and the tasks,
   * "Computation, 50 work units × 8 tasks" or "Sleep, 2 s × 2 tasks" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s × %u task",
                                       "%s, %s × %u tasks", tasks),
                          clab_workload_label (kind), size, tasks);
}

static char *
dup_plan_text (ClabPlan *plan)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *work = dup_work_text (plan);
  const guint *sweep;
  guint n_sweep;

  g_string_append (text, work);
  sweep = clab_plan_get_sweep_workers (plan, &n_sweep);
  if (n_sweep > 0)
    {
      /* TRANSLATORS: follows the work, before a list of worker counts such as "1, 2, 4" */
      g_string_append (text, _(", pools of "));
      for (guint k = 0; k < n_sweep; k++)
        g_string_append_printf (text, k == 0 ? "%u" : ", %u", sweep[k]);
      /* TRANSLATORS: ends ", pools of 1, 2, 4" */
      g_string_append (text, _(" workers"));
    }
  else if (clab_plan_has_pool (plan))
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", pools of %u worker",
                                               ", pools of %u workers",
                                               clab_plan_get_workers (plan)),
                            clab_plan_get_workers (plan));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_mode (ClabCompare *self,
          ClabMode     mode)
{
  for (guint m = 0; m < self->n_modes; m++)
    if (self->modes[m] == mode)
      return;
  if (mode < CLAB_N_MODES)
    self->modes[self->n_modes++] = mode;
}

static void
collect_modes (ClabCompare *self)
{
  self->n_modes = 0;
  for (guint i = 0; i < self->entries->len; i++)
    {
      ClabResult *result = get_entry (self, i)->result;
      guint n_planned;
      const ClabMode *planned = clab_plan_get_modes (clab_result_get_plan (result), &n_planned);

      for (guint k = 0; k < n_planned; k++)
        add_mode (self, planned[k]);
      for (guint k = 0; k < clab_result_get_n_modes (result); k++)
        add_mode (self, clab_result_get_mode (result, k)->mode);
    }
}

static gboolean
cell_has_mean (const ClabCompareCell *cell)
{
  return cell->mode_result != NULL && cell->mode_result->stats.n_runs > 0
         && isfinite (cell->mode_result->stats.mean_s) && cell->mode_result->stats.mean_s > 0;
}

static gboolean
cell_failed (const ClabCompareCell *cell)
{
  return cell->has_mean && cell->mode_result->stats.failures > 0;
}

static void
measure_change (ClabCompareCell       *cell,
                const ClabCompareCell *reference)
{
  ClabCompareChange *change = &cell->change;
  ClabAggregate a, b;
  double delta;

  clab_stats_get_aggregate (&cell->mode_result->stats, &a);
  clab_stats_get_aggregate (&reference->mode_result->stats, &b);
  change->ratio = clab_stats_ratio (&a, &b, &change->error);
  delta = change->ratio - 1;
  if (!isfinite (delta))
    change->kind = CLAB_COMPARE_CHANGE_MISSING;
  else if (!clab_verdict_ratio_is_clear (change->ratio, change->error))
    change->direction = 0;
  else
    change->direction = delta < 0 ? -1 : +1;
}

static void
judge_cell (ClabCompareCell       *cell,
            const ClabCompareCell *reference,
            gboolean               is_reference,
            gboolean               same_plan)
{
  cell->change = (ClabCompareChange) { CLAB_COMPARE_CHANGE_MEASURED, NAN, NAN, 0 };
  if (is_reference && cell->has_mean)
    cell->change.kind = CLAB_COMPARE_CHANGE_REFERENCE;
  else if (is_reference || !cell->has_mean || !reference->has_mean)
    cell->change.kind = CLAB_COMPARE_CHANGE_MISSING;
  else if (!same_plan)
    cell->change.kind = CLAB_COMPARE_CHANGE_PLANS_DIFFER;
  else if (cell_failed (cell) || cell_failed (reference))
    cell->change.kind = CLAB_COMPARE_CHANGE_FAILED;
  else
    measure_change (cell, reference);
}

static void
fill_cells (ClabCompare *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = get_entry (self, i);

      g_array_set_size (entry->cells, self->n_modes);
      for (guint m = 0; m < self->n_modes; m++)
        {
          ClabCompareCell *cell = &g_array_index (entry->cells, ClabCompareCell, m);

          cell->mode = self->modes[m];
          cell->mode_result = clab_result_find_mode (entry->result, self->modes[m]);
          cell->has_mean = cell_has_mean (cell);
        }
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = get_entry (self, i);

      for (guint m = 0; m < self->n_modes; m++)
        judge_cell (&g_array_index (entry->cells, ClabCompareCell, m),
                    &g_array_index (get_entry (self, 0)->cells, ClabCompareCell, m),
                    i == 0, entry->plans_match);
    }
}

/* A legend's name, more precise at each @level: the host; with the time it ran; with the
 * file it came from instead; with both; with its place in the comparison as well. */
static char *
dup_label (ClabCompare *self,
           guint        i,
           guint        level)
{
  Entry *entry = get_entry (self, i);
  g_autoptr(GString) label = g_string_new (NULL);
  g_autofree char *hostname = dup_hostname (entry->result);

  g_string_append (label, hostname);
  if (self->runtimes_differ)
    g_string_append_printf (label, " · %s", entry->runtime);
  if ((level == 1 || level >= 3) && entry->when != NULL)
    g_string_append_printf (label, " · %s", entry->when);
  if (level >= 2 && entry->source != NULL)
    g_string_append_printf (label, " · %s", entry->source);
  if (level >= 4)
    g_string_append_printf (label, " · #%u", i + 1);
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static gboolean
label_is_unique (ClabCompare *self,
                 guint        i,
                 guint        level)
{
  g_autofree char *mine = dup_label (self, i, level);

  for (guint j = 0; j < self->entries->len; j++)
    {
      g_autofree char *other = j != i ? dup_label (self, j, level) : NULL;

      if (other != NULL && g_str_equal (mine, other))
        return FALSE;
    }
  return TRUE;
}

static void
name_entries (ClabCompare *self)
{
  self->runtimes_differ = FALSE;
  for (guint i = 1; i < self->entries->len; i++)
    if (g_strcmp0 (get_entry (self, i)->runtime, get_entry (self, 0)->runtime) != 0)
      self->runtimes_differ = TRUE;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = get_entry (self, i);
      guint level = 0;

      while (level < 4 && !label_is_unique (self, i, level))
        level++;
      g_free (entry->label);
      entry->label = dup_label (self, i, level);
    }
}

static void
update (ClabCompare *self)
{
  ClabPlan *reference = clab_result_get_plan (get_entry (self, 0)->result);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = get_entry (self, i);

      entry->plans_match = clab_stats_plans_match (reference, clab_result_get_plan (entry->result));
    }
  collect_modes (self);
  fill_cells (self);
  name_entries (self);
}

void
clab_compare_add (ClabCompare *self,
                  ClabResult  *result,
                  const char  *source,
                  GDateTime   *when)
{
  Entry entry = { 0 };
  g_autofree char *verdict = NULL;

  g_return_if_fail (CLAB_IS_COMPARE (self));
  g_return_if_fail (CLAB_IS_RESULT (result));

  entry.result = g_object_ref (result);
  entry.source = dup_field (source);
  if (when != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (when);

      entry.when = g_date_time_format (local, "%Y-%m-%d %H:%M");
    }
  entry.machine = dup_machine (result);
  entry.plan_text = dup_plan_text (clab_result_get_plan (result));
  entry.runtime = clab_result_dup_runtime_label (result, TRUE);
  /* A recorded verdict's reason comes from the file. */
  verdict = clab_result_dup_verdict_labelled (result);
  entry.verdict = clab_format_escape_controls (verdict);
  entry.conclusive = clab_verdict_is_conclusive (result);
  entry.cells = g_array_new (FALSE, TRUE, sizeof (ClabCompareCell));
  g_array_append_val (self->entries, entry);
  update (self);
}

guint
clab_compare_get_n_results (ClabCompare *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARE (self), 0);

  return self->entries->len;
}

#define CHECK_ENTRY(self, i, val) \
  g_return_val_if_fail (CLAB_IS_COMPARE (self), val); \
  g_return_val_if_fail ((i) < (self)->entries->len, val)

ClabResult *
clab_compare_get_result (ClabCompare *self,
                         guint        i)
{
  CHECK_ENTRY (self, i, NULL);

  return get_entry (self, i)->result;
}

guint
clab_compare_get_n_modes (ClabCompare *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARE (self), 0);

  return self->n_modes;
}

ClabMode
clab_compare_get_mode (ClabCompare *self,
                       guint        m)
{
  g_return_val_if_fail (CLAB_IS_COMPARE (self), CLAB_MODE_SEQUENTIAL);
  g_return_val_if_fail (m < self->n_modes, CLAB_MODE_SEQUENTIAL);

  return self->modes[m];
}

const ClabCompareCell *
clab_compare_get_cell (ClabCompare *self,
                       guint        i,
                       guint        m)
{
  CHECK_ENTRY (self, i, NULL);
  g_return_val_if_fail (m < self->n_modes, NULL);

  return &g_array_index (get_entry (self, i)->cells, ClabCompareCell, m);
}

const char *
clab_compare_get_label (ClabCompare *self,
                        guint        i)
{
  CHECK_ENTRY (self, i, NULL);

  return get_entry (self, i)->label;
}

const char *
clab_compare_get_machine (ClabCompare *self,
                          guint        i)
{
  CHECK_ENTRY (self, i, NULL);

  return get_entry (self, i)->machine;
}

const char *
clab_compare_get_when (ClabCompare *self,
                       guint        i)
{
  CHECK_ENTRY (self, i, NULL);

  return get_entry (self, i)->when;
}

const char *
clab_compare_get_source (ClabCompare *self,
                         guint        i)
{
  CHECK_ENTRY (self, i, NULL);

  return get_entry (self, i)->source;
}

const char *
clab_compare_get_plan_text (ClabCompare *self,
                            guint        i)
{
  CHECK_ENTRY (self, i, NULL);

  return get_entry (self, i)->plan_text;
}

gboolean
clab_compare_plans_match (ClabCompare *self,
                          guint        i)
{
  CHECK_ENTRY (self, i, FALSE);

  return get_entry (self, i)->plans_match;
}

gboolean
clab_compare_all_plans_match (ClabCompare *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARE (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    if (!get_entry (self, i)->plans_match)
      return FALSE;
  return TRUE;
}

const char *
clab_compare_get_verdict (ClabCompare *self,
                          guint        i)
{
  CHECK_ENTRY (self, i, NULL);

  return get_entry (self, i)->verdict;
}

gboolean
clab_compare_is_conclusive (ClabCompare *self,
                            guint        i)
{
  CHECK_ENTRY (self, i, FALSE);

  return get_entry (self, i)->conclusive;
}

gboolean
clab_compare_has_sweep (ClabCompare *self,
                        guint        i)
{
  CHECK_ENTRY (self, i, FALSE);

  return clab_result_get_sweep (get_entry (self, i)->result)->len > 0;
}
