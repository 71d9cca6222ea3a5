/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result.h"

G_BEGIN_DECLS

/* What every front end shows for a value that is undefined or not shown. */
#define CLAB_FORMAT_NONE "—"

/* One unit for a column of durations, so that its rows compare at a glance. */
typedef struct
{
  double      scale;      /* seconds × scale = the shown number */
  const char *name;       /* "s", "ms" or "µs", translated */
  int         decimals;
} ClabTimeUnit;

/* The unit that suits @largest, with decimals that show three digits of @smallest. */
void   clab_format_pick_unit          (double               largest,
                                       double               smallest,
                                       ClabTimeUnit        *unit);
/* The number of @seconds in @unit, without the unit: "1.598". */
char  *clab_format_in_unit            (const ClabTimeUnit  *unit,
                                       double               seconds);
/* A mean and its σ as numbers of @unit, "1.598 ± 0.024", as a table headed with the unit
 * shows them; the mean alone below two values, as hyperfine does. */
char  *clab_format_in_unit_spread     (const ClabTimeUnit  *unit,
                                       double               mean,
                                       double               stddev,
                                       guint                n);
/* A duration in a unit that suits it, four significant digits: "2.001 s", "12.30 ms". */
char  *clab_format_duration           (double               seconds);
/* Three significant digits, for labels that must stay short: "2.00 s", "12.3 ms". */
char  *clab_format_duration_short     (double               seconds);
/* A mean and its σ in the mean's unit, "1.598 ± 0.024 s"; no ± below two values. */
char  *clab_format_duration_spread    (double               mean,
                                       double               stddev,
                                       guint                n);
/* The range of a column of runs in one unit that suits @max: "1.998 … 2.004 s". */
char  *clab_format_duration_range     (double               min,
                                       double               max);
/* The same three as two lines for a narrow table, each with its unit: "1.598 s" over
 * "± 0.024 s", "1.998 s" over "… 2.004 s", "1.95 ×" over "± 0.03 ×". @second is set to NULL
 * where the one-line form has no second part (one run, one value, no uncertainty). */
char  *clab_format_duration_spread_lines (double            mean,
                                          double            stddev,
                                          guint             n,
                                          char            **second);
char  *clab_format_duration_range_lines  (double            min,
                                          double            max,
                                          char            **second);
char  *clab_format_speedup_lines         (const ClabStats  *stats,
                                          char            **second);
/* "1.95 ± 0.03" with @digits decimals; without the ± where @err is NAN. */
char  *clab_format_value_err          (double               value,
                                       double               err,
                                       int                  digits);
/* A ratio of two times, "1.95 ± 0.03 ×"; without the ± where @err is NAN. */
char  *clab_format_ratio              (double               ratio,
                                       double               err);
/* How many of the @planned runs count: "3", or "1 of 3" where fewer did (a cancelled
 * comparison); "0" is a mode that never finished a run. */
char  *clab_format_runs               (guint                counted,
                                       guint                planned);
/* A percentage of 0–100, "48 %". */
char  *clab_format_percent            (double               pct);
/* A percentage with one decimal, "12.5 %", where whole per cents would hide the figure
 * (a serial fraction). */
char  *clab_format_percent_precise    (double               pct);
/* A change in per cent with its sign, "+12.5 %" or "−4.0 %"; never "−0.0 %". */
char  *clab_format_percent_change     (double               pct);
/* The same for a label that must stay short: a decimal below 10 % only, "+0.4 %", "−50 %". */
char  *clab_format_percent_change_short (double             pct);
/* A change in per cent with its uncertainty, "−48.2 ± 1.0 %"; without the ± where @err is
 * NAN. */
char  *clab_format_percent_change_err (double               pct,
                                       double               err);
/* How many CPUs a mode's runs kept busy on average, its CPU time over its elapsed time:
 * "1.84" where stats->cpu_pct (per cent of one CPU) is 184. Two decimals, "0.00" below
 * 0.005; CLAB_FORMAT_NONE without a value. Never a percentage: the CPU chart's
 * percentages are shares of the whole machine. */
char  *clab_format_cpus_busy          (const ClabStats     *stats);
/* A size given in KiB, in binary units: "4.9 MiB". */
char  *clab_format_size_kib           (gint64               kib);
/* A mode's speedup against sequential, or CLAB_FORMAT_NONE where it is undefined or
 * impossible (the verdict says why). */
char  *clab_format_speedup            (const ClabStats     *stats);
/* A mode's efficiency; "≈ 100 %" above 100 % within the uncertainty, CLAB_FORMAT_NONE
 * where impossible. */
char  *clab_format_efficiency         (const ClabStats     *stats);
/* A sweep point's speedup, CLAB_FORMAT_NONE where impossible. */
char  *clab_format_point_speedup      (ClabResult          *result,
                                       const ClabSweepPoint *point);
/* A sweep point's Karp–Flatt serial fraction as a percentage; "≈ 0 %" below zero within
 * the uncertainty, CLAB_FORMAT_NONE where impossible. */
char  *clab_format_karp_flatt         (ClabResult          *result,
                                       const ClabSweepPoint *point);

/* @text with every control character made visible, for a terminal, a Markdown or CSV
 * file or a chart: C0 controls and DEL as "\x1b", C1 controls as "\u009b", bytes that
 * are not UTF-8 as U+FFFD. Text from a file must not move a cursor, set a window title or
 * reach a clipboard (OSC 52). Backslashes stay as they are: this is for reading, not for
 * decoding. NULL gives NULL. */
char  *clab_format_escape_controls    (const char          *text);

G_END_DECLS
