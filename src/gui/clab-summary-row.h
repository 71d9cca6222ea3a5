/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "clab-result.h"

G_BEGIN_DECLS

#define CLAB_TYPE_SUMMARY_ROW (clab_summary_row_get_type ())

G_DECLARE_FINAL_TYPE (ClabSummaryRow, clab_summary_row, CLAB, SUMMARY_ROW, GObject)

/* The columns of the summary table, in order; each is a string property of a row. */
typedef enum
{
  CLAB_SUMMARY_MODE,
  CLAB_SUMMARY_RUNS,        /* the runs that count, "1 of 3" where fewer than planned */
  CLAB_SUMMARY_MEAN,
  CLAB_SUMMARY_CHANGE,      /* next to the mean it compares, visible without scrolling */
  CLAB_SUMMARY_MEDIAN,
  CLAB_SUMMARY_RANGE,       /* min … max */
  CLAB_SUMMARY_SPEEDUP,
  CLAB_SUMMARY_EFFICIENCY,
  CLAB_SUMMARY_CPU,         /* how many CPUs the runs kept busy on average, "1.84" */
  CLAB_SUMMARY_RSS,
  CLAB_SUMMARY_FAILURES,
  CLAB_N_SUMMARY_COLUMNS
} ClabSummaryColumn;

/* One mode of @result as text, of wall time or of CPU time (user + system);
 * @baseline, a mode of @baseline_result, when given, fills the change column: only where
 * the plans match (clab_stats_plans_match()), unless @compare_anyway. */
ClabSummaryRow *clab_summary_row_new             (ClabResult           *result,
                                                  const ClabModeResult *mode_result,
                                                  ClabResult           *baseline_result,
                                                  const ClabModeResult *baseline,
                                                  gboolean              cpu_time,
                                                  gboolean              compare_anyway);
const char     *clab_summary_row_get_text        (ClabSummaryRow       *self,
                                                  ClabSummaryColumn     column);
/* @column's text as two lines where it has two parts (the mean over its spread, the min
 * over the max, the speedup over its uncertainty): the first, and @second or NULL. */
const char     *clab_summary_row_get_lines       (ClabSummaryRow       *self,
                                                  ClabSummaryColumn     column,
                                                  const char          **second);
/* The property name of @column, for list item bindings. */
const char     *clab_summary_column_property     (ClabSummaryColumn     column);
/* The translated heading of @column. */
const char     *clab_summary_column_title        (ClabSummaryColumn     column);
/* What @column's figure is, translated, for its heading's tooltip; NULL where the heading
 * says it all. */
const char     *clab_summary_column_explanation  (ClabSummaryColumn     column);

G_END_DECLS
