/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-format.h"
#include "clab-stats.h"
#include "clab-summary-row.h"

struct _ClabSummaryRow
{
  GObject  parent_instance;

  char    *text[CLAB_N_SUMMARY_COLUMNS];
  /* The mean, the range and the speedup as two lines, for a narrow table */
  char    *first[CLAB_N_SUMMARY_COLUMNS];
  char    *second[CLAB_N_SUMMARY_COLUMNS];
};

static GParamSpec *properties[CLAB_N_SUMMARY_COLUMNS + 1];

G_DEFINE_FINAL_TYPE (ClabSummaryRow, clab_summary_row, G_TYPE_OBJECT)

/* In the order of ClabSummaryColumn. */
static const char *property_names[CLAB_N_SUMMARY_COLUMNS] = {
  "mode", "runs", "mean", "change", "median", "range", "speedup", "efficiency", "cpu", "rss",
  "failures",
};

const char *
clab_summary_column_property (ClabSummaryColumn column)
{
  g_return_val_if_fail (column < CLAB_N_SUMMARY_COLUMNS, NULL);
  return property_names[column];
}

const char *
clab_summary_column_title (ClabSummaryColumn column)
{
  switch (column)
    {
    case CLAB_SUMMARY_MODE: return _("Mode");
    case CLAB_SUMMARY_RUNS: return _("Runs");
    case CLAB_SUMMARY_MEAN: return _("Mean ± σ");
    case CLAB_SUMMARY_MEDIAN: return _("Median");
    case CLAB_SUMMARY_RANGE: return _("Min … Max");
    case CLAB_SUMMARY_SPEEDUP: return _("Speedup");
    case CLAB_SUMMARY_EFFICIENCY: return _("Efficiency");
    case CLAB_SUMMARY_CPU: return _("CPUs busy");
    case CLAB_SUMMARY_RSS: return _("Peak Memory");
    case CLAB_SUMMARY_FAILURES: return _("Failures");
    case CLAB_SUMMARY_CHANGE: return _("Against Baseline");
    case CLAB_N_SUMMARY_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
clab_summary_column_explanation (ClabSummaryColumn column)
{
  g_return_val_if_fail (column < CLAB_N_SUMMARY_COLUMNS, NULL);

  /* A count of CPUs beside a chart of shares of the whole machine: the heading alone could
   * be read as either. */
  if (column == CLAB_SUMMARY_CPU)
    return _("CPU time over elapsed time: how many CPUs the run kept busy on average");
  return NULL;
}

/* Wall time as the engine's statistics hold it, or CPU time (user + system) over the same
 * counted runs. */
static void
measure_init (ClabAggregate        *measure,
              ClabResult           *result,
              const ClabModeResult *mode_result,
              gboolean              cpu_time)
{
  if (cpu_time && result != NULL)
    clab_stats_aggregate (result, mode_result, CLAB_QUANTITY_CPU_TIME, measure);
  else
    clab_stats_get_aggregate (&mode_result->stats, measure);
}

typedef struct
{
  ClabResult           *result;
  const ClabModeResult *mode_result;
  ClabAggregate         measure;
  ClabResult           *baseline_result;
  const ClabModeResult *baseline;
  gboolean              cpu_time;
  gboolean              compare_anyway;
} Row;

/* Positive when @mode_result is slower than the baseline, as the change in mean time. */
static char *
format_change (const Row *row)
{
  ClabAggregate base;
  double change;

  if (row->baseline == NULL)
    return g_strdup (CLAB_FORMAT_NONE);
  /* Times of other work say nothing about this one, unless the person asked for them. */
  if (!row->compare_anyway
      && !clab_stats_plans_match (clab_result_get_plan (row->result),
                                  clab_result_get_plan (row->baseline_result)))
    /* TRANSLATORS: in the column of changes against a pinned baseline that ran other work */
    return g_strdup (_("other plan"));
  measure_init (&base, row->baseline_result, row->baseline, row->cpu_time);
  if (!isfinite (base.mean) || base.mean <= 0 || !isfinite (row->measure.mean))
    return g_strdup (CLAB_FORMAT_NONE);
  /* How much slower (+) or faster (−) than the pinned baseline. */
  change = (row->measure.mean - base.mean) / base.mean * 100.0;
  return clab_format_percent_change (change);
}

static char *
format_column (const Row         *row,
               ClabSummaryColumn  column)
{
  const ClabStats *stats = &row->mode_result->stats;
  const ClabAggregate *measure = &row->measure;

  switch (column)
    {
    case CLAB_SUMMARY_MODE: return g_strdup (clab_mode_label (row->mode_result->mode));
    case CLAB_SUMMARY_RUNS:
      return clab_format_runs (stats->n_runs,
                               clab_plan_get_runs (clab_result_get_plan (row->result)));
    case CLAB_SUMMARY_MEAN:
      return clab_format_duration_spread (measure->mean, measure->stddev, measure->n);
    case CLAB_SUMMARY_MEDIAN: return clab_format_duration (measure->median);
    case CLAB_SUMMARY_RANGE: return clab_format_duration_range (measure->min, measure->max);
    case CLAB_SUMMARY_SPEEDUP: return clab_format_speedup (stats);
    case CLAB_SUMMARY_EFFICIENCY: return clab_format_efficiency (stats);
    case CLAB_SUMMARY_CPU: return clab_format_cpus_busy (stats);
    case CLAB_SUMMARY_RSS: return clab_format_size_kib (stats->peak_rss_kib);
    case CLAB_SUMMARY_FAILURES: return g_strdup_printf ("%u", stats->failures);
    case CLAB_SUMMARY_CHANGE: return format_change (row);
    case CLAB_N_SUMMARY_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The columns of a value and its spread or upper end as two lines; NULL for the others. */
static char *
format_lines (const Row         *row,
              ClabSummaryColumn  column,
              char             **second)
{
  const ClabAggregate *measure = &row->measure;

  *second = NULL;
  switch (column)
    {
    case CLAB_SUMMARY_MEAN:
      return clab_format_duration_spread_lines (measure->mean, measure->stddev, measure->n, second);
    case CLAB_SUMMARY_RANGE:
      return clab_format_duration_range_lines (measure->min, measure->max, second);
    case CLAB_SUMMARY_SPEEDUP:
      return clab_format_speedup_lines (&row->mode_result->stats, second);
    default:
      return NULL;
    }
}

ClabSummaryRow *
clab_summary_row_new (ClabResult           *result,
                      const ClabModeResult *mode_result,
                      ClabResult           *baseline_result,
                      const ClabModeResult *baseline,
                      gboolean              cpu_time,
                      gboolean              compare_anyway)
{
  ClabSummaryRow *self;
  Row row = { result, mode_result, { 0 }, baseline_result, baseline, cpu_time, compare_anyway };

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (mode_result != NULL, NULL);

  measure_init (&row.measure, result, mode_result, cpu_time);
  self = g_object_new (CLAB_TYPE_SUMMARY_ROW, NULL);
  for (guint i = 0; i < CLAB_N_SUMMARY_COLUMNS; i++)
    {
      self->text[i] = format_column (&row, i);
      self->first[i] = format_lines (&row, i, &self->second[i]);
    }
  return self;
}

const char *
clab_summary_row_get_text (ClabSummaryRow    *self,
                           ClabSummaryColumn  column)
{
  g_return_val_if_fail (CLAB_IS_SUMMARY_ROW (self), NULL);
  g_return_val_if_fail (column < CLAB_N_SUMMARY_COLUMNS, NULL);
  return self->text[column];
}

const char *
clab_summary_row_get_lines (ClabSummaryRow     *self,
                            ClabSummaryColumn   column,
                            const char        **second)
{
  g_return_val_if_fail (CLAB_IS_SUMMARY_ROW (self), NULL);
  g_return_val_if_fail (column < CLAB_N_SUMMARY_COLUMNS, NULL);

  *second = self->second[column];
  return self->first[column] != NULL ? self->first[column] : self->text[column];
}

static void
clab_summary_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ClabSummaryRow *self = CLAB_SUMMARY_ROW (object);

  if (prop_id == 0 || prop_id > CLAB_N_SUMMARY_COLUMNS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_string (value, self->text[prop_id - 1]);
}

static void
clab_summary_row_finalize (GObject *object)
{
  ClabSummaryRow *self = CLAB_SUMMARY_ROW (object);

  for (guint i = 0; i < CLAB_N_SUMMARY_COLUMNS; i++)
    {
      g_free (self->text[i]);
      g_free (self->first[i]);
      g_free (self->second[i]);
    }

  G_OBJECT_CLASS (clab_summary_row_parent_class)->finalize (object);
}

static void
clab_summary_row_class_init (ClabSummaryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clab_summary_row_finalize;
  object_class->get_property = clab_summary_row_get_property;

  /* Property i + 1 is column i, so the table's columns can bind by name. */
  for (guint i = 0; i < CLAB_N_SUMMARY_COLUMNS; i++)
    properties[i + 1] = g_param_spec_string (property_names[i], NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, G_N_ELEMENTS (properties), properties);
}

static void
clab_summary_row_init (ClabSummaryRow *self)
{
}
