/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-format.h"
#include "clab-stats.h"

/* The one place where numbers become text, for the window, the charts, the CLI and the
 * exports alike: one dash for "nothing", one ± rule, one unit system (binary sizes). */

/* From here on a number is printed in exponent form: a value of 1e308 read from a file
 * must not become 309 digits in a table. */
#define MAX_FIXED 1e15

static gboolean
fits_fixed (double value)
{
  return fabs (value) < MAX_FIXED;
}

static const char *
unit_name (double scale)
{
  if (scale == 1)
    return C_("unit", "s");
  if (scale == 1e3)
    return C_("unit", "ms");
  return C_("unit", "µs");
}

/* The largest unit below the value, so that the number is at least 1. */
static double
scale_for (double seconds)
{
  double v = fabs (seconds);

  if (v >= 0.9995)
    return 1;
  if (v >= 0.0009995)
    return 1e3;
  return 1e6;
}

/* Decimals that give @significant digits to @value, which is below 1000. */
static int
decimals_for (double value,
              int    significant)
{
  double v = fabs (value);
  int digits = v >= 1 ? (int) floor (log10 (v)) + 1 : 1;
  int decimals = MAX (0, significant - digits);

  /* 9.9996 would round up to 10.000: a digit more before the point, one less after it. */
  if (decimals > 0 && v >= pow (10, digits) - 0.5 * pow (10, -decimals))
    decimals--;
  return decimals;
}

void
clab_format_pick_unit (double        largest,
                       double        smallest,
                       ClabTimeUnit *unit)
{
  g_return_if_fail (unit != NULL);

  unit->scale = largest >= 1.0 ? 1 : largest >= 1e-3 ? 1e3 : 1e6;
  unit->name = unit_name (unit->scale);
  unit->decimals = unit->scale == 1 ? 3 : unit->scale == 1e3 ? 1 : 0;
  if (isfinite (smallest) && smallest > 0)
    unit->decimals = CLAMP ((int) ceil (-log10 (smallest * unit->scale)) + 2, unit->decimals, 6);
}

char *
clab_format_in_unit (const ClabTimeUnit *unit,
                     double              seconds)
{
  g_return_val_if_fail (unit != NULL, NULL);

  if (!isfinite (seconds))
    return g_strdup (CLAB_FORMAT_NONE);
  if (!fits_fixed (seconds * unit->scale))
    return g_strdup_printf ("%.4g", seconds * unit->scale);
  return g_strdup_printf ("%.*f", unit->decimals, seconds * unit->scale);
}

char *
clab_format_in_unit_spread (const ClabTimeUnit *unit,
                            double              mean,
                            double              stddev,
                            guint               n)
{
  g_autofree char *mean_text = NULL;
  g_autofree char *stddev_text = NULL;

  g_return_val_if_fail (unit != NULL, NULL);

  mean_text = clab_format_in_unit (unit, mean);
  if (n < 2 || !isfinite (mean) || !isfinite (stddev))
    return g_steal_pointer (&mean_text);
  stddev_text = clab_format_in_unit (unit, stddev);
  return g_strdup_printf ("%s ± %s", mean_text, stddev_text);
}

static char *
format_significant (double seconds,
                    int    significant)
{
  double scale;

  if (!isfinite (seconds))
    return g_strdup (CLAB_FORMAT_NONE);
  if (seconds == 0)
    /* TRANSLATORS: a duration: the number, then its unit */
    return g_strdup_printf (_("%.*f %s"), 0, 0.0, unit_name (1));
  if (!fits_fixed (seconds))
    return g_strdup_printf ("%.4g %s", seconds, unit_name (1));
  scale = scale_for (seconds);
  return g_strdup_printf (_("%.*f %s"), decimals_for (seconds * scale, significant),
                          seconds * scale, unit_name (scale));
}

char *
clab_format_duration (double seconds)
{
  return format_significant (seconds, 4);
}

char *
clab_format_duration_short (double seconds)
{
  return format_significant (seconds, 3);
}

/* The unit and precision a pair of times shares, set by @lead (the mean, or the max); FALSE
 * where the pair is shown as one duration (one run, one value, not a number). */
static gboolean
pair_unit (double  lead,
           double  other,
           double *scale,
           int    *decimals)
{
  if (!isfinite (lead) || !isfinite (other) || !fits_fixed (lead) || !fits_fixed (other))
    return FALSE;
  *scale = scale_for (lead);
  *decimals = decimals_for (lead * *scale, 4);
  return TRUE;
}

char *
clab_format_duration_spread (double mean,
                             double stddev,
                             guint  n)
{
  double scale;
  int decimals;

  if (n < 2 || !pair_unit (mean, stddev, &scale, &decimals))
    return clab_format_duration (mean);
  /* TRANSLATORS: a mean and its standard deviation, then their unit */
  return g_strdup_printf (_("%.*f ± %.*f %s"), decimals, mean * scale, decimals,
                          stddev * scale, unit_name (scale));
}

char *
clab_format_duration_range (double min,
                            double max)
{
  double scale;
  int decimals;

  if (!pair_unit (max, min, &scale, &decimals))
    return clab_format_duration (max);
  if (min == max)
    return clab_format_duration (min);
  /* TRANSLATORS: the shortest and the longest of some times, then their unit */
  return g_strdup_printf (_("%.*f … %.*f %s"), decimals, min * scale, decimals, max * scale,
                          unit_name (scale));
}

char *
clab_format_duration_spread_lines (double   mean,
                                   double   stddev,
                                   guint    n,
                                   char   **second)
{
  double scale;
  int decimals;

  *second = NULL;
  if (n < 2 || !pair_unit (mean, stddev, &scale, &decimals))
    return clab_format_duration (mean);
  /* TRANSLATORS: a standard deviation under its mean, then their unit: "± 0.024 s" */
  *second = g_strdup_printf (_("± %.*f %s"), decimals, stddev * scale, unit_name (scale));
  return g_strdup_printf (_("%.*f %s"), decimals, mean * scale, unit_name (scale));
}

char *
clab_format_duration_range_lines (double   min,
                                  double   max,
                                  char   **second)
{
  double scale;
  int decimals;

  *second = NULL;
  if (!pair_unit (max, min, &scale, &decimals))
    return clab_format_duration (max);
  if (min == max)
    return clab_format_duration (min);
  /* TRANSLATORS: the longest of some times under the shortest, then their unit: "… 2.004 s" */
  *second = g_strdup_printf (_("… %.*f %s"), decimals, max * scale, unit_name (scale));
  return g_strdup_printf (_("%.*f %s"), decimals, min * scale, unit_name (scale));
}

char *
clab_format_speedup_lines (const ClabStats  *stats,
                           char            **second)
{
  g_autofree char *err = NULL;

  g_return_val_if_fail (stats != NULL, NULL);

  *second = NULL;
  if (!clab_stats_mode_is_possible (stats))
    return g_strdup (CLAB_FORMAT_NONE);
  if (isfinite (stats->speedup) && isfinite (stats->speedup_err))
    {
      err = clab_format_value_err (stats->speedup_err, NAN, 2);
      /* TRANSLATORS: the uncertainty of a ratio under it: "± 0.03 ×" */
      *second = g_strdup_printf (_("± %s ×"), err);
    }
  return clab_format_ratio (stats->speedup, NAN);
}

char *
clab_format_value_err (double value,
                       double err,
                       int    digits)
{
  if (!isfinite (value))
    return g_strdup (CLAB_FORMAT_NONE);
  if (!fits_fixed (value) || (isfinite (err) && !fits_fixed (err)))
    return isfinite (err) ? g_strdup_printf ("%.4g ± %.4g", value, err)
                          : g_strdup_printf ("%.4g", value);
  if (!isfinite (err))
    return g_strdup_printf ("%.*f", digits, value);
  return g_strdup_printf ("%.*f ± %.*f", digits, value, digits, err);
}

char *
clab_format_ratio (double ratio,
                   double err)
{
  g_autofree char *number = NULL;

  if (!isfinite (ratio))
    return g_strdup (CLAB_FORMAT_NONE);
  number = clab_format_value_err (ratio, err, 2);
  /* TRANSLATORS: a ratio of two times, e.g. "1.95 ± 0.03 ×" */
  return g_strdup_printf (_("%s ×"), number);
}

char *
clab_format_runs (guint counted,
                  guint planned)
{
  if (counted >= planned)
    return g_strdup_printf ("%u", counted);
  /* TRANSLATORS: runs that count of those planned, e.g. "1 of 3" */
  return g_strdup_printf (_("%u of %u"), counted, planned);
}

/* @value as it rounds to @decimals, without the sign of a "-0": a share cannot be below
 * nothing, and a reader would take "-0.0 %" for a finding. */
static double
drop_negative_zero (double value,
                    int    decimals)
{
  return value <= 0 && value >= -0.5 * pow (10, -decimals) ? 0.0 : value;
}

/* A percentage that no fixed notation writes: none for a reading that cannot be one, the
 * exponent kept for one too large; NULL for every other. */
static char *
dup_special_percent (double pct)
{
  if (!isfinite (pct))
    return g_strdup (CLAB_FORMAT_NONE);
  if (!fits_fixed (pct))
    return g_strdup_printf ("%.4g %%", pct);
  return NULL;
}

char *
clab_format_percent (double pct)
{
  char *special = dup_special_percent (pct);

  if (special != NULL)
    return special;
  /* TRANSLATORS: a percentage, e.g. "48 %". The space before % is an ordinary space
   * (U+0020), neither a no-break (U+00A0) nor a narrow one (U+202F); write the percentage
   * as your language does. */
  return g_strdup_printf (_("%.0f %%"), drop_negative_zero (pct, 0));
}

char *
clab_format_percent_precise (double pct)
{
  char *special = dup_special_percent (pct);

  if (special != NULL)
    return special;
  /* TRANSLATORS: a percentage with one decimal, e.g. "12.5 %"; the space is an ordinary
   * one (U+0020), as in "48 %" */
  return g_strdup_printf (_("%.1f %%"), drop_negative_zero (pct, 1));
}

char *
clab_format_cpus_busy (const ClabStats *stats)
{
  double cpus;

  g_return_val_if_fail (stats != NULL, NULL);

  cpus = stats->cpu_pct / 100.0;
  if (!isfinite (cpus))
    return g_strdup (CLAB_FORMAT_NONE);
  if (!fits_fixed (cpus))
    return g_strdup_printf ("%.4g", cpus);
  /* Less than half a hundredth rounds to none, never to "-0.00": no run keeps fewer than
   * no CPUs busy. */
  if (cpus < 0.005)
    cpus = 0.0;
  return g_strdup_printf ("%.2f", cpus);
}

char *
clab_format_size_kib (gint64 kib)
{
  if (kib <= 0)
    return g_strdup (CLAB_FORMAT_NONE);
  return g_format_size_full ((guint64) kib * 1024, G_FORMAT_SIZE_IEC_UNITS);
}

char *
clab_format_speedup (const ClabStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);

  if (!clab_stats_mode_is_possible (stats))
    return g_strdup (CLAB_FORMAT_NONE);
  return clab_format_ratio (stats->speedup, stats->speedup_err);
}

char *
clab_format_efficiency (const ClabStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);

  if (!clab_stats_mode_is_possible (stats))
    return g_strdup (CLAB_FORMAT_NONE);
  /* Above 100 % but within the uncertainty: as good as ideal, and no better. */
  if (stats->efficiency > 1.005)
    /* TRANSLATORS: an efficiency measured a little above 100 %, within the uncertainty */
    /* xgettext:no-c-format */
    return g_strdup (_("≈ 100 %"));
  return clab_format_percent (stats->efficiency * 100);
}

char *
clab_format_point_speedup (ClabResult           *result,
                           const ClabSweepPoint *point)
{
  g_return_val_if_fail (point != NULL, NULL);

  if (!clab_stats_point_is_possible (result, point))
    return g_strdup (CLAB_FORMAT_NONE);
  return clab_format_ratio (point->speedup, point->speedup_err);
}

/* The sign of a change as it rounds to @decimals: a minus sign, not a hyphen, as the
 * compare view and its Markdown write it, and "+" for what rounds to nothing. */
static const char *
change_sign (double pct,
             int    decimals)
{
  return drop_negative_zero (pct, decimals) < 0 ? "−" : "+";
}

char *
clab_format_percent_change (double pct)
{
  g_autofree char *size = NULL;

  if (!isfinite (pct))
    return g_strdup (CLAB_FORMAT_NONE);
  size = clab_format_percent_precise (fabs (pct));
  return g_strconcat (change_sign (pct, 1), size, NULL);
}

char *
clab_format_percent_change_short (double pct)
{
  g_autofree char *size = NULL;

  if (!isfinite (pct))
    return g_strdup (CLAB_FORMAT_NONE);
  /* Whole per cents from 10 % on, where a tenth is lost in the width; 9.96 would round
   * to "10.0". */
  if (fabs (pct) >= 9.95)
    {
      size = clab_format_percent (fabs (pct));
      return g_strconcat (change_sign (pct, 0), size, NULL);
    }
  return clab_format_percent_change (pct);
}

char *
clab_format_percent_change_err (double pct,
                                double err)
{
  g_autofree char *size = NULL;

  if (!isfinite (pct))
    return g_strdup (CLAB_FORMAT_NONE);
  size = clab_format_value_err (fabs (pct), err, 1);
  /* TRANSLATORS: a change in per cent: its sign, then the size and its uncertainty,
   * "−48.2 ± 1.0 %"; the space before % is an ordinary one, as in "48 %" */
  return g_strdup_printf (_("%s%s %%"), change_sign (pct, 1), size);
}

char *
clab_format_karp_flatt (ClabResult           *result,
                        const ClabSweepPoint *point)
{
  g_return_val_if_fail (point != NULL, NULL);

  if (!isfinite (point->karp_flatt) || !clab_stats_point_is_possible (result, point))
    return g_strdup (CLAB_FORMAT_NONE);
  /* A serial fraction below zero is a speedup above the parallelism, within the noise. */
  if (point->karp_flatt < -0.0005)
    /* TRANSLATORS: a serial fraction measured a little below 0 %, within the uncertainty */
    /* xgettext:no-c-format */
    return g_strdup (_("≈ 0 %"));
  return clab_format_percent_precise (point->karp_flatt * 100);
}

char *
clab_format_escape_controls (const char *text)
{
  g_autoptr(GString) out = NULL;
  const char *p, *end;

  if (text == NULL)
    return NULL;

  end = text + strlen (text);
  out = g_string_sized_new (end - text);
  for (p = text; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\xef\xbf\xbd");   /* U+FFFD for a byte that is not UTF-8 */
          p++;
          continue;
        }
      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c <= 0x9f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
