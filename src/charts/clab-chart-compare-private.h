/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-chart-private.h"
#include "clab-compare.h"

G_BEGIN_DECLS

/* One drawing of a comparison chart: the frame's context, with the reference as its result. */
typedef struct
{
  ClabChartContext  ctx;
  ClabCompare      *compare;
} CompareContext;

/* clab-chart-compare.c */
/* The colour of result @i of a comparison, the same in both of its charts. */
void  _clab_chart_compare_color             (guint            i,
                                             ClabChartColor  *color);
/* Result @i as a legend names it: "host-a (reference)", "host-b (inconclusive)". */
char *_clab_chart_compare_dup_legend_label  (ClabCompare     *compare,
                                             guint            i);
/* What a chart cannot show of some results: plans that differ (with @changes, that their
 * change is not shown), inconclusive verdicts. */
char *_clab_chart_compare_dup_caption       (ClabCompare     *compare,
                                             gboolean         changes);

/* clab-chart-compare-elapsed.c */
void  _clab_chart_compare_draw_elapsed      (CompareContext  *cc);
void  _clab_chart_compare_describe_elapsed  (ClabCompare     *compare,
                                             GString         *out);

/* clab-chart-compare-scaling.c */
void  _clab_chart_compare_draw_scaling      (CompareContext  *cc);
void  _clab_chart_compare_describe_scaling  (ClabCompare     *compare,
                                             GString         *out);

G_END_DECLS
