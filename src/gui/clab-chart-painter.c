/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-chart-painter.h"

/* A live chart took the window's main thread 3.5 ms a frame to record and replay (four
 * panels of a four-mode plan), ten frames a second. The scheduler made the main thread pay
 * for such bursts by waiting, runnable, 40–56 ms behind the run's own processes while the
 * engine ran (bench-gui-stall); without the chart the longest wait was 8–12 ms. Drawn here,
 * the chart costs the main thread one paint of an image. */

typedef struct
{
  ClabResult       *result;
  ClabChartOptions  options;
  int               width;
  int               height;
  int               scale;
} Request;

struct _ClabChartPainter
{
  ClabChartPainterFunc  ready;
  gpointer              user_data;
  GMainContext         *context;
  GThread              *thread;

  GMutex                mutex;    /* guards all below */
  GCond                 cond;
  gboolean              stop;
  Request              *pending;
  ClabChartPicture     *done;
  GSource              *ready_source;
};

static void
request_free (Request *request)
{
  g_clear_object (&request->result);
  g_free (request);
}

void
clab_chart_picture_free (ClabChartPicture *picture)
{
  if (picture == NULL)
    return;
  g_clear_pointer (&picture->image, cairo_surface_destroy);
  g_clear_pointer (&picture->hits, clab_chart_hits_free);
  g_free (picture);
}

static gboolean
same_options (const ClabChartOptions *a,
              const ClabChartOptions *b)
{
  return a->type == b->type && a->theme == b->theme && a->scale == b->scale
         && g_strcmp0 (a->font_family, b->font_family) == 0 && a->per_cpu == b->per_cpu
         && a->memory == b->memory && a->cpu_time == b->cpu_time && a->live == b->live
         && a->run == b->run;
}

gboolean
clab_chart_picture_matches (const ClabChartPicture *picture,
                            const ClabChartOptions *options,
                            int                     width,
                            int                     height,
                            int                     scale)
{
  g_return_val_if_fail (picture != NULL && options != NULL, FALSE);

  return picture->width == width && picture->height == height && picture->scale == scale
         && same_options (&picture->options, options);
}

static ClabChartPicture *
paint (const Request *request)
{
  ClabChartPicture *picture = g_new0 (ClabChartPicture, 1);
  cairo_t *cr;

  picture->options = request->options;
  picture->width = request->width;
  picture->height = request->height;
  picture->scale = request->scale;
  picture->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                               request->width * request->scale,
                                               request->height * request->scale);
  cairo_surface_set_device_scale (picture->image, request->scale, request->scale);
  cr = cairo_create (picture->image);
  picture->hits = clab_chart_render_with_hits (cr, request->width, request->height,
                                               request->result, &request->options);
  cairo_destroy (cr);
  cairo_surface_flush (picture->image);
  return picture;
}

/* On the main context: at most one at a time, for the newest picture. */
static gboolean
ready_cb (gpointer data)
{
  ClabChartPainter *self = data;

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->ready_source, g_source_unref);
  g_mutex_unlock (&self->mutex);
  self->ready (self->user_data);
  return G_SOURCE_REMOVE;
}

/* Called with the mutex held. */
static void
queue_ready (ClabChartPainter *self)
{
  if (self->ready_source != NULL)
    return;
  self->ready_source = g_idle_source_new ();
  g_source_set_priority (self->ready_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->ready_source, ready_cb, self, NULL);
  g_source_set_static_name (self->ready_source, "[clab] chart painted");
  g_source_attach (self->ready_source, self->context);
}

static gpointer
painter_main (gpointer data)
{
  ClabChartPainter *self = data;

  g_mutex_lock (&self->mutex);
  for (;;)
    {
      Request *request;
      ClabChartPicture *picture;

      while (!self->stop && self->pending == NULL)
        g_cond_wait (&self->cond, &self->mutex);
      if (self->stop)
        break;
      request = g_steal_pointer (&self->pending);
      g_mutex_unlock (&self->mutex);
      picture = paint (request);
      request_free (request);
      g_mutex_lock (&self->mutex);
      clab_chart_picture_free (self->done);
      self->done = picture;
      queue_ready (self);
    }
  g_mutex_unlock (&self->mutex);
  return NULL;
}

ClabChartPainter *
clab_chart_painter_new (ClabChartPainterFunc ready,
                        gpointer             user_data)
{
  ClabChartPainter *self = g_new0 (ClabChartPainter, 1);

  g_return_val_if_fail (ready != NULL, NULL);

  self->ready = ready;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  return self;
}

void
clab_chart_painter_free (ClabChartPainter *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->stop = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  if (self->thread != NULL)
    g_thread_join (self->thread);
  if (self->ready_source != NULL)
    g_source_destroy (self->ready_source);
  g_clear_pointer (&self->ready_source, g_source_unref);
  g_clear_pointer (&self->pending, request_free);
  g_clear_pointer (&self->done, clab_chart_picture_free);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

void
clab_chart_painter_request (ClabChartPainter       *self,
                            ClabResult             *result,
                            const ClabChartOptions *options,
                            int                     width,
                            int                     height,
                            int                     scale)
{
  Request *request;

  g_return_if_fail (self != NULL);
  g_return_if_fail (CLAB_IS_RESULT (result));
  g_return_if_fail (options != NULL && width > 0 && height > 0 && scale > 0);

  request = g_new0 (Request, 1);
  request->result = result;
  request->options = *options;
  request->width = width;
  request->height = height;
  request->scale = scale;
  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->pending, request_free);
  self->pending = request;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  /* One thread for the painter's life: Pango keeps a font map for each thread that draws. */
  if (self->thread == NULL)
    self->thread = g_thread_new ("clab-chart-painter", painter_main, self);
}

ClabChartPicture *
clab_chart_painter_take (ClabChartPainter *self)
{
  ClabChartPicture *picture;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->mutex);
  picture = g_steal_pointer (&self->done);
  g_mutex_unlock (&self->mutex);
  return picture;
}
