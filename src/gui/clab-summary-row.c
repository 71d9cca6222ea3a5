/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-stats.h"
#include "clab-summary-row.h"

struct _ClabSummaryRow
{
  GObject  parent_instance;

  char    *text[CLAB_N_SUMMARY_COLUMNS];
};

static GParamSpec *properties[CLAB_N_SUMMARY_COLUMNS + 1];

G_DEFINE_FINAL_TYPE (ClabSummaryRow, clab_summary_row, G_TYPE_OBJECT)

static const char *property_names[CLAB_N_SUMMARY_COLUMNS] = {
  "mode", "mean", "min", "max", "speedup", "efficiency", "cpu", "rss", "failures", "change",
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
    case CLAB_SUMMARY_MEAN: return _("Mean ± σ");
    case CLAB_SUMMARY_MIN: return _("Min");
    case CLAB_SUMMARY_MAX: return _("Max");
    case CLAB_SUMMARY_SPEEDUP: return _("Speedup");
    case CLAB_SUMMARY_EFFICIENCY: return _("Efficiency");
    case CLAB_SUMMARY_CPU: return _("CPU");
    case CLAB_SUMMARY_RSS: return _("Peak Memory");
    case CLAB_SUMMARY_FAILURES: return _("Failures");
    case CLAB_SUMMARY_CHANGE: return _("Against Baseline");
    case CLAB_N_SUMMARY_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Four significant digits in the largest unit below the value, as in the charts: enough to
 * tell 2.001 s from 2.007 s, and a column of them stays narrow. */
static void
pick_unit (double       seconds,
           double      *scale,
           const char **unit,
           int         *decimals)
{
  double v = fabs (seconds);

  if (v >= 0.9995)
    *scale = 1, *unit = C_("unit", "s");
  else if (v >= 0.0009995)
    *scale = 1e3, *unit = C_("unit", "ms");
  else
    *scale = 1e6, *unit = C_("unit", "µs");
  v *= *scale;
  *decimals = v >= 999.95 ? 0 : v >= 99.995 ? 1 : v >= 9.9995 ? 2 : 3;
}

char *
clab_format_seconds (double seconds)
{
  const char *unit;
  double scale;
  int decimals;

  if (!isfinite (seconds))
    return g_strdup ("—");
  pick_unit (seconds, &scale, &unit, &decimals);
  /* TRANSLATORS: a duration: the number, then its unit */
  return g_strdup_printf (_("%.*f %s"), decimals, seconds * scale, unit);
}

typedef struct
{
  guint  n;
  double mean;
  double stddev;
  double min;
  double max;
} Measure;

/* Wall time comes from the engine's statistics; CPU time (user + system) from the counted runs. */
static void
measure_init (Measure              *measure,
              const ClabModeResult *mode_result,
              gboolean              cpu_time)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  *measure = (Measure) { mode_result->stats.n_runs, mode_result->stats.mean_s,
                         mode_result->stats.stddev_s, mode_result->stats.min_s,
                         mode_result->stats.max_s };
  if (!cpu_time)
    return;
  measure->min = measure->max = NAN;
  for (guint i = 0; i < mode_result->runs->len; i++)
    {
      const ClabRun *run = g_ptr_array_index (mode_result->runs, i);
      double cpu = run->cpu_user_s + run->cpu_system_s;

      if (run->warmup)
        continue;
      g_array_append_val (values, cpu);
      measure->min = isnan (measure->min) ? cpu : MIN (measure->min, cpu);
      measure->max = isnan (measure->max) ? cpu : MAX (measure->max, cpu);
    }
  measure->n = values->len;
  measure->mean = clab_stats_mean ((double *) values->data, values->len);
  measure->stddev = clab_stats_stddev ((double *) values->data, values->len);
}

/* "1.598 ± 0.024 s": σ in the mean's unit and with its decimals, which keeps the column
 * narrow and the two comparable. */
static char *
format_mean (const Measure *measure)
{
  double m = measure->mean, sd = measure->stddev, scale;
  const char *unit;
  int decimals;

  if (!isfinite (sd) || measure->n < 2 || !isfinite (m))
    return clab_format_seconds (m);
  pick_unit (m, &scale, &unit, &decimals);
  /* TRANSLATORS: a mean and its standard deviation, then their unit */
  return g_strdup_printf (_("%.*f ± %.*f %s"), decimals, m * scale, decimals, sd * scale, unit);
}

static char *
format_speedup (const ClabStats *stats)
{
  if (!isfinite (stats->speedup))
    return g_strdup ("—");
  if (isfinite (stats->speedup_err) && stats->speedup_err > 0)
    return g_strdup_printf ("%.2f ± %.2f ×", stats->speedup, stats->speedup_err);
  return g_strdup_printf ("%.2f ×", stats->speedup);
}

static char *
format_percent (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  /* Translators: a percentage; keep the no-break space if your language spaces it. */
  return g_strdup_printf (_("%.0f %%"), value);
}

/* Positive when @mode_result is faster than the baseline, as the change in mean time. */
static char *
format_change (const Measure        *measure,
               const ClabModeResult *baseline,
               gboolean              cpu_time)
{
  Measure base;
  double change;

  if (baseline == NULL)
    return g_strdup ("—");
  measure_init (&base, baseline, cpu_time);
  if (!isfinite (base.mean) || base.mean <= 0 || !isfinite (measure->mean))
    return g_strdup ("—");
  change = (measure->mean - base.mean) / base.mean * 100.0;
  /* Translators: how much slower (+) or faster (−) than the pinned baseline. */
  return g_strdup_printf (_("%+.1f %%"), change);
}

static char *
format_column (const ClabModeResult *mode_result,
               const Measure        *measure,
               const ClabModeResult *baseline,
               gboolean              cpu_time,
               ClabSummaryColumn     column)
{
  const ClabStats *stats = &mode_result->stats;

  switch (column)
    {
    case CLAB_SUMMARY_MODE: return g_strdup (clab_mode_label (mode_result->mode));
    case CLAB_SUMMARY_MEAN: return format_mean (measure);
    case CLAB_SUMMARY_MIN: return clab_format_seconds (measure->min);
    case CLAB_SUMMARY_MAX: return clab_format_seconds (measure->max);
    case CLAB_SUMMARY_SPEEDUP: return format_speedup (stats);
    case CLAB_SUMMARY_EFFICIENCY:
      return format_percent (stats->efficiency * 100.0);
    case CLAB_SUMMARY_CPU: return format_percent (stats->cpu_pct);
    case CLAB_SUMMARY_RSS:
      return stats->peak_rss_kib > 0 ? g_format_size ((guint64) stats->peak_rss_kib * 1024)
                                     : g_strdup ("—");
    case CLAB_SUMMARY_FAILURES: return g_strdup_printf ("%u", stats->failures);
    case CLAB_SUMMARY_CHANGE: return format_change (measure, baseline, cpu_time);
    case CLAB_N_SUMMARY_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

ClabSummaryRow *
clab_summary_row_new (const ClabModeResult *mode_result,
                      const ClabModeResult *baseline,
                      gboolean              cpu_time)
{
  ClabSummaryRow *self;
  Measure measure;

  g_return_val_if_fail (mode_result != NULL, NULL);

  measure_init (&measure, mode_result, cpu_time);
  self = g_object_new (CLAB_TYPE_SUMMARY_ROW, NULL);
  for (guint i = 0; i < CLAB_N_SUMMARY_COLUMNS; i++)
    self->text[i] = format_column (mode_result, &measure, baseline, cpu_time, i);
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
    g_free (self->text[i]);

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
