/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "clab-chart.h"

G_BEGIN_DECLS

/* Draws charts on a thread of its own, one at a time, the newest asked for first. */
typedef struct _ClabChartPainter ClabChartPainter;

/* A chart drawn: its image, what it was drawn from and its hit regions. */
typedef struct
{
  cairo_surface_t  *image;      /* width × height at the device scale */
  ClabChartOptions  options;
  int               width;
  int               height;
  int               scale;
  ClabChartHits    *hits;
} ClabChartPicture;

/* Called on the thread-default main context of clab_chart_painter_new()'s caller each time
 * a newer picture is ready. */
typedef void (*ClabChartPainterFunc) (gpointer user_data);

ClabChartPainter *clab_chart_painter_new     (ClabChartPainterFunc     ready,
                                              gpointer                 user_data);
/* Waits for the chart being drawn, if any; @ready is not called after this. */
void              clab_chart_painter_free    (ClabChartPainter        *self);
/* Asks for @result (which the painter takes and only reads) drawn with @options at
 * @width × @height, @scale device pixels a unit. Replaces a request not yet started. */
void              clab_chart_painter_request (ClabChartPainter        *self,
                                              ClabResult              *result,
                                              const ClabChartOptions  *options,
                                              int                      width,
                                              int                      height,
                                              int                      scale);
/* The newest picture drawn since the last call, or NULL; free it with
 * clab_chart_picture_free(). */
ClabChartPicture *clab_chart_painter_take    (ClabChartPainter        *self);

/* Whether @picture was drawn with @options at that size. */
gboolean          clab_chart_picture_matches (const ClabChartPicture  *picture,
                                              const ClabChartOptions  *options,
                                              int                      width,
                                              int                      height,
                                              int                      scale);
void              clab_chart_picture_free    (ClabChartPicture        *picture);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabChartPicture, clab_chart_picture_free)

G_END_DECLS
