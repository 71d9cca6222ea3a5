/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-chart-private.h"

G_BEGIN_DECLS

/* The Timeline's shading of when each task's worker was on a CPU, waiting for a core, or
 * blocked; private to clab-chart-timeline.c. */

/* Draws @task's bar shaded from its worker's sampled lane; FALSE (nothing drawn) when the
 * task has no lane or a status of its own to show. */
gboolean clab_chart_timeline_sched_fill     (ClabChartContext     *ctx,
                                             const ClabRun        *run,
                                             const ClabTask       *task,
                                             const ClabChartAxis  *time,
                                             const ClabChartColor *color,
                                             double                x0,
                                             double                y0,
                                             double                w,
                                             double                h);
/* Fills up to three legend @items for the shades when a drawn run has lanes; returns how many. */
guint    clab_chart_timeline_sched_legend   (ClabChartContext     *ctx,
                                             ClabChartLegendItem  *items);
/* Appends the task's on-CPU, runnable and blocked seconds to its tooltip @text. */
void     clab_chart_timeline_sched_tooltip  (GString              *text,
                                             const ClabTask       *task);
/* Appends the tasks' on-CPU, runnable and blocked seconds to a text alternative. */
void     clab_chart_timeline_sched_describe (const ClabRun        *run,
                                             GString              *out);

G_END_DECLS
