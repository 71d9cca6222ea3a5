/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-chart.h"
#include "clab-result.h"

G_BEGIN_DECLS

/* The charts that --chart asks for, with their type, size and theme. */
typedef struct _ClabCliCharts ClabCliCharts;

/* Pairs @files with @types in order and checks every value; both may be NULL. */
ClabCliCharts *clab_cli_charts_new          (char * const   *files,
                                             char * const   *types,
                                             const char     *size,
                                             const char     *theme,
                                             GError        **error);
void           clab_cli_charts_free         (ClabCliCharts  *self);
/* The elapsed charts compare CPU time instead of wall time (--chart-cpu-time). */
void           clab_cli_charts_set_cpu_time (ClabCliCharts  *self,
                                             gboolean        cpu_time);
/* The cpu charts draw a line per core (--per-core) and the run's memory (--memory); an error
 * names the missing --chart-type cpu if either is asked for without one. */
gboolean       clab_cli_charts_set_cpu_lines (ClabCliCharts *self,
                                             gboolean        per_core,
                                             gboolean        memory,
                                             GError        **error);
guint          clab_cli_charts_get_n_charts (ClabCliCharts  *self);
const char    *clab_cli_charts_get_path     (ClabCliCharts  *self,
                                             guint           i);
/* The type of chart @i, as --chart-type gave it (elapsed by default). */
ClabChartType  clab_cli_charts_get_type     (ClabCliCharts  *self,
                                             guint           i);
/* Draws and writes every chart of @result; stops at the first failure. */
gboolean       clab_cli_charts_write        (ClabCliCharts  *self,
                                             ClabResult     *result,
                                             GError        **error);
/* The same for the comparison charts of @compare (compare command). */
gboolean       clab_cli_charts_write_compare (ClabCliCharts *self,
                                             ClabCompare    *compare,
                                             GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabCliCharts, clab_cli_charts_free)

G_END_DECLS
