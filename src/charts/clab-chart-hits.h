/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The regions of a drawn chart that describe themselves, for tooltips and tests. */
typedef struct _ClabChartHits ClabChartHits;

/* Describes the point (@x, @y) of a region, or returns NULL. */
typedef char *(*ClabChartHitFunc) (double   x,
                                   double   y,
                                   gpointer user_data);

/* An empty set; clab_chart_render_with_hits() returns a filled one. */
ClabChartHits *clab_chart_hits_new           (void);
void           clab_chart_hits_free          (ClabChartHits           *hits);
/* Adds a rectangle with a fixed tooltip; later regions lie on top of earlier ones. */
void           clab_chart_hits_add_text      (ClabChartHits           *hits,
                                              const cairo_rectangle_t *rect,
                                              const char              *text);
/* Adds a rectangle whose tooltip depends on the point, e.g. the time under a CPU graph. */
void           clab_chart_hits_add_func      (ClabChartHits           *hits,
                                              const cairo_rectangle_t *rect,
                                              ClabChartHitFunc         func,
                                              gpointer                 user_data,
                                              GDestroyNotify           destroy);
/* Regions in the order they were drawn: bars and points left to right, tasks by panel. */
guint          clab_chart_hits_get_n_items   (ClabChartHits           *hits);
/* The rectangle of region @i, in the chart's user units. */
void           clab_chart_hits_get_rect      (ClabChartHits           *hits,
                                              guint                    i,
                                              cairo_rectangle_t       *rect);
/* The tooltip of region @i at (@x, @y), or NULL. */
char          *clab_chart_hits_dup_text      (ClabChartHits           *hits,
                                              guint                    i,
                                              double                   x,
                                              double                   y);
/* The topmost region under (@x, @y) that has a tooltip there, or -1. */
int            clab_chart_hits_find          (ClabChartHits           *hits,
                                              double                   x,
                                              double                   y);
/* The tooltip of the topmost region under (@x, @y), or NULL. */
char          *clab_chart_hits_lookup        (ClabChartHits           *hits,
                                              double                   x,
                                              double                   y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabChartHits, clab_chart_hits_free)

G_END_DECLS
