/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-chart-view-private.h"

/* A live chart changes ten times a second while the run goes on: it is drawn on the
 * painter's thread (see clab-chart-painter.c for why), from a copy of the result, and the
 * view shows the newest picture drawn for its size and options. */

static void
painted_cb (gpointer user_data)
{
  ClabChartView *self = user_data;
  g_autoptr(ClabChartPicture) picture = clab_chart_painter_take (self->painter);

  self->painting = FALSE;
  if (picture == NULL || !self->live)
    return;
  /* The regions come with the picture: a tooltip names what is shown. */
  g_clear_pointer (&self->hits, clab_chart_hits_free);
  clab_chart_view_clear_highlight (self);
  self->hits = g_steal_pointer (&picture->hits);
  self->hits_width = picture->width;
  self->hits_height = picture->height;
  clab_chart_picture_free (self->picture);
  self->picture = g_steal_pointer (&picture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit_by_name (self, "live-painted");
}

void
clab_chart_view_init_live (ClabChartView *self)
{
  self->painter = clab_chart_painter_new (painted_cb, self);
}

void
clab_chart_view_dispose_live (ClabChartView *self)
{
  g_clear_pointer (&self->painter, clab_chart_painter_free);
  g_clear_pointer (&self->picture, clab_chart_picture_free);
}

static void
request (ClabChartView          *self,
         const ClabChartOptions *options,
         int                     width,
         int                     height)
{
  clab_chart_painter_request (self->painter, clab_result_copy (self->result), options,
                              width, height, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  self->painting = TRUE;
}

void
clab_chart_view_request_live (ClabChartView *self)
{
  ClabChartOptions options;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = clab_chart_view_get_chart_height (self);

  /* Not shown yet: the first frame draws it, and asks for the next. */
  if (self->result == NULL || width <= 0 || height <= 0)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  clab_chart_view_get_drawn_options (self, &options);
  request (self, &options, width, height);
}

void
clab_chart_view_drop_live (ClabChartView *self)
{
  g_clear_pointer (&self->picture, clab_chart_picture_free);
  self->painting = FALSE;
}

gboolean
clab_chart_view_get_painting (ClabChartView *self)
{
  g_return_val_if_fail (CLAB_IS_CHART_VIEW (self), FALSE);
  return self->painting;
}

gboolean
clab_chart_view_snapshot_live (ClabChartView          *self,
                               GtkSnapshot            *snapshot,
                               const ClabChartOptions *options,
                               int                     width,
                               int                     height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  cairo_t *cr;

  if (self->picture == NULL
      || !clab_chart_picture_matches (self->picture, options, width, height, scale))
    {
      /* Another size, theme or chart: drawn here this once, on the painter from then on. */
      request (self, options, width, height);
      self->n_live_drawn++;
      return FALSE;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_surface (cr, self->picture->image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  self->n_live_painted++;
  return TRUE;
}
