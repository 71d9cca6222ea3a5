/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "clab-chart-view-private.h"

enum {
  PROP_0,
  PROP_RESULT,
  PROP_CHART_TYPE,
  PROP_CPU_TIME,
  PROP_RUN,
  PROP_PER_CPU,
  PROP_MEMORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ClabChartView, clab_chart_view, GTK_TYPE_WIDGET)

GtkWidget *
clab_chart_view_new (void)
{
  return g_object_new (CLAB_TYPE_CHART_VIEW, NULL);
}

void
clab_chart_view_get_drawn_options (ClabChartView    *self,
                                   ClabChartOptions *options)
{
  clab_chart_view_get_options (self, options);
  options->theme = adw_style_manager_get_dark (adw_style_manager_get_default ())
                   ? CLAB_CHART_THEME_DARK : CLAB_CHART_THEME_LIGHT;
  /* The snapshot is already in display units: text stays at the desktop's size. */
  options->scale = 1.0;
}

static void
update_accessible (ClabChartView *self)
{
  ClabChartOptions options;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  if (self->result == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  clab_chart_view_get_drawn_options (self, &options);
  title = clab_chart_dup_title (self->result, &options);
  description = clab_chart_dup_description (self->result, &options);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

int
clab_chart_view_get_chart_height (ClabChartView *self)
{
  return MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - clab_chart_view_measure_controls (self));
}

ClabResult *
clab_chart_view_get_result (ClabChartView *self)
{
  g_return_val_if_fail (CLAB_IS_CHART_VIEW (self), NULL);
  return self->result;
}

void
clab_chart_view_set_result (ClabChartView *self,
                            ClabResult    *result)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));
  g_return_if_fail (result == NULL || CLAB_IS_RESULT (result));

  if (!g_set_object (&self->result, result))
    return;
  clab_chart_view_drop_live (self);
  /* Another result has runs of its own: it opens on the one that stands for each mode. */
  self->run = 0;
  clab_chart_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

ClabChartType
clab_chart_view_get_chart_type (ClabChartView *self)
{
  g_return_val_if_fail (CLAB_IS_CHART_VIEW (self), CLAB_CHART_ELAPSED);
  return self->chart_type;
}

void
clab_chart_view_set_chart_type (ClabChartView *self,
                                ClabChartType  chart_type)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));
  g_return_if_fail (chart_type < CLAB_N_CHART_TYPES);

  if (self->chart_type == chart_type)
    return;
  self->chart_type = chart_type;
  clab_chart_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_TYPE]);
}

guint
clab_chart_view_get_run (ClabChartView *self)
{
  g_return_val_if_fail (CLAB_IS_CHART_VIEW (self), 0);
  return self->run;
}

void
clab_chart_view_set_run (ClabChartView *self,
                         guint          run)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));

  if (self->run == run)
    return;
  self->run = run;
  clab_chart_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN]);
}

gboolean
clab_chart_view_get_cpu_time (ClabChartView *self)
{
  g_return_val_if_fail (CLAB_IS_CHART_VIEW (self), FALSE);
  return self->cpu_time;
}

void
clab_chart_view_set_cpu_time (ClabChartView *self,
                              gboolean       cpu_time)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));

  cpu_time = !!cpu_time;
  if (self->cpu_time == cpu_time)
    return;
  self->cpu_time = cpu_time;
  clab_chart_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CPU_TIME]);
}

gboolean
clab_chart_view_get_per_cpu (ClabChartView *self)
{
  g_return_val_if_fail (CLAB_IS_CHART_VIEW (self), FALSE);
  return self->per_cpu;
}

void
clab_chart_view_set_per_cpu (ClabChartView *self,
                             gboolean       per_cpu)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));

  per_cpu = !!per_cpu;
  if (self->per_cpu == per_cpu)
    return;
  self->per_cpu = per_cpu;
  clab_chart_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PER_CPU]);
}

gboolean
clab_chart_view_get_memory (ClabChartView *self)
{
  g_return_val_if_fail (CLAB_IS_CHART_VIEW (self), FALSE);
  return self->memory;
}

void
clab_chart_view_set_memory (ClabChartView *self,
                            gboolean       memory)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));

  memory = !!memory;
  if (self->memory == memory)
    return;
  self->memory = memory;
  clab_chart_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMORY]);
}

void
clab_chart_view_get_options (ClabChartView    *self,
                             ClabChartOptions *options)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));
  g_return_if_fail (options != NULL);

  clab_chart_options_init (options);
  options->type = self->chart_type;
  options->cpu_time = self->cpu_time;
  options->per_cpu = self->per_cpu;
  options->memory = self->memory;
  options->live = self->live;
  options->run = self->run;
}

void
clab_chart_view_set_live (ClabChartView *self,
                          gboolean       live)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));

  if (self->live == !!live)
    return;
  self->live = !!live;
  clab_chart_view_drop_live (self);
  update_accessible (self);
  clab_chart_view_update (self);
}

void
clab_chart_view_update (ClabChartView *self)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));

  g_clear_pointer (&self->hits, clab_chart_hits_free);
  clab_chart_view_clear_highlight (self);
  /* A live chart changes with every sample: describing it each time would cost the main
   * thread for nothing, and a screen reader would hear a stream of changes; its rows (the
   * plan's modes) stay as they are, so it keeps the height it has. */
  clab_chart_view_update_controls (self);
  if (self->live)
    {
      clab_chart_view_request_live (self);
      return;
    }
  update_accessible (self);
  self->min_height_for = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Drawn off screen, so that an answer need not wait for the next frame. */
static ClabChartHits *
render_hits (ClabChartView *self,
             double         width,
             double         height)
{
  ClabChartOptions options;
  ClabChartHits *hits;
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  clab_chart_view_get_drawn_options (self, &options);
  hits = clab_chart_render_with_hits (cr, width, height, self->result, &options);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return hits;
}

gboolean
clab_chart_view_ensure_hits (ClabChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = clab_chart_view_get_chart_height (self);

  if (self->hits == NULL && self->result != NULL && width > 0 && height > 0)
    {
      self->hits = render_hits (self, width, height);
      self->hits_width = width;
      self->hits_height = height;
    }
  return self->hits != NULL && clab_chart_hits_get_n_items (self->hits) > 0;
}

guint
clab_chart_view_count_regions (ClabChartView *self)
{
  g_autoptr(ClabChartHits) hits = NULL;

  g_return_val_if_fail (CLAB_IS_CHART_VIEW (self), 0);

  if (self->result == NULL)
    return 0;
  hits = render_hits (self,
                      MAX (gtk_widget_get_width (GTK_WIDGET (self)), 400),
                      MAX (clab_chart_view_get_chart_height (self), 240));
  return hits != NULL ? clab_chart_hits_get_n_items (hits) : 0;
}

static void
clab_chart_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ClabChartView *self = CLAB_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = clab_chart_view_get_chart_height (self);
  ClabChartOptions options;
  cairo_t *cr;

  clab_chart_view_snapshot_controls (self, snapshot);
  if (self->result == NULL || width <= 0 || height <= 0)
    return;
  clab_chart_view_get_drawn_options (self, &options);
  if (self->live && clab_chart_view_snapshot_live (self, snapshot, &options, width, height))
    {
      clab_chart_view_snapshot_highlight (self, snapshot);
      return;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_clear_pointer (&self->hits, clab_chart_hits_free);
  self->hits = clab_chart_render_with_hits (cr, width, height, self->result, &options);
  self->hits_width = width;
  self->hits_height = height;
  cairo_destroy (cr);
  clab_chart_view_snapshot_highlight (self, snapshot);
}

/* A tooltip wraps its lines at spaces, and "machine 5 % busy" came out as "machine 5" over
 * "% busy". */
char *
clab_chart_view_dup_numbers_kept_whole (const char *text)
{
  GString *kept = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' && p > text && g_ascii_isdigit (p[-1]))
        g_string_append (kept, "\u00a0");
      else
        g_string_append_c (kept, *p);
    }
  return g_string_free (kept, FALSE);
}

/* The same hit regions the renderer drew, so a tooltip always names what is under the pointer. */
static gboolean
clab_chart_view_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  ClabChartView *self = CLAB_CHART_VIEW (widget);
  g_autofree char *text = NULL;
  g_autofree char *kept = NULL;

  if (self->hits == NULL || keyboard_mode)
    return FALSE;
  text = clab_chart_hits_lookup (self->hits, x, y);
  if (text == NULL)
    return FALSE;
  kept = clab_chart_view_dup_numbers_kept_whole (text);
  gtk_tooltip_set_text (tooltip, kept);
  return TRUE;
}

static void
clab_chart_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ClabChartView *self = CLAB_CHART_VIEW (widget);

  clab_chart_view_allocate_controls (self, width, height);
  height = clab_chart_view_get_chart_height (self);
  /* The regions move with the size: a highlight would point at the wrong place. */
  if (width != self->hits_width || height != self->hits_height)
    {
      g_clear_pointer (&self->hits, clab_chart_hits_free);
      clab_chart_view_clear_highlight (self);
    }
  gtk_popover_present (self->popover);
}

/* The chart's own minimum at @width (its rows readable), measured once per width. */
static int
measure_chart_height (ClabChartView *self,
                      int            width)
{
  ClabChartOptions options;

  /* Only charts of rows ask for room; measuring draws the chart once more, so the others skip it. */
  if (self->result == NULL || width <= 0
      || (self->chart_type != CLAB_CHART_CPU && self->chart_type != CLAB_CHART_TIMELINE))
    return 0;
  if (self->min_height_for != width)
    {
      clab_chart_view_get_drawn_options (self, &options);
      self->min_height = (int) clab_chart_get_min_height (self->result, &options, width);
      self->min_height_for = width;
    }
  return self->min_height;
}

static void
clab_chart_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  ClabChartView *self = CLAB_CHART_VIEW (widget);
  int picker;

  /* Small enough for an 800 × 600 window, large enough that labels still fit: a narrow
   * chart wraps its title and legend onto more lines, so it needs more height for the plot.
   * A chart of many rows asks for the height that keeps them readable; the results scroll,
   * so the summary below stays reachable. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 800;
      return;
    }
  picker = clab_chart_view_measure_controls (self);
  *minimum = MAX (for_size > 0 && for_size < 640 ? 380 : 300,
                  measure_chart_height (self, for_size)) + picker;
  *natural = MAX (450 + picker, *minimum);
}

static GtkSizeRequestMode
clab_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
style_changed_cb (ClabChartView *self)
{
  clab_chart_view_update (self);
}

static void
clab_chart_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ClabChartView *self = CLAB_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_RESULT: g_value_set_object (value, self->result); break;
    case PROP_CHART_TYPE: g_value_set_uint (value, self->chart_type); break;
    case PROP_CPU_TIME: g_value_set_boolean (value, self->cpu_time); break;
    case PROP_RUN: g_value_set_uint (value, self->run); break;
    case PROP_PER_CPU: g_value_set_boolean (value, self->per_cpu); break;
    case PROP_MEMORY: g_value_set_boolean (value, self->memory); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_chart_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ClabChartView *self = CLAB_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_RESULT: clab_chart_view_set_result (self, g_value_get_object (value)); break;
    case PROP_CHART_TYPE: clab_chart_view_set_chart_type (self, g_value_get_uint (value)); break;
    case PROP_CPU_TIME: clab_chart_view_set_cpu_time (self, g_value_get_boolean (value)); break;
    case PROP_RUN: clab_chart_view_set_run (self, g_value_get_uint (value)); break;
    case PROP_PER_CPU: clab_chart_view_set_per_cpu (self, g_value_get_boolean (value)); break;
    case PROP_MEMORY: clab_chart_view_set_memory (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_chart_view_dispose (GObject *object)
{
  ClabChartView *self = CLAB_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->popover)));
  clab_chart_view_dispose_controls (self);
  clab_chart_view_dispose_live (self);
  g_clear_object (&self->result);
  g_clear_pointer (&self->hits, clab_chart_hits_free);
  g_clear_pointer (&self->cursor_text, g_free);

  G_OBJECT_CLASS (clab_chart_view_parent_class)->dispose (object);
}

static void
clab_chart_view_class_init (ClabChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clab_chart_view_dispose;
  object_class->get_property = clab_chart_view_get_property;
  object_class->set_property = clab_chart_view_set_property;
  widget_class->snapshot = clab_chart_view_snapshot;
  widget_class->measure = clab_chart_view_measure;
  widget_class->get_request_mode = clab_chart_view_get_request_mode;
  widget_class->size_allocate = clab_chart_view_size_allocate;
  widget_class->query_tooltip = clab_chart_view_query_tooltip;

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, CLAB_TYPE_RESULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHART_TYPE] =
    g_param_spec_uint ("chart-type", NULL, NULL, 0, CLAB_N_CHART_TYPES - 1, CLAB_CHART_ELAPSED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The elapsed chart compares CPU time instead of wall time, as the summary table does. */
  properties[PROP_CPU_TIME] =
    g_param_spec_boolean ("cpu-time", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUN] =
    g_param_spec_uint ("run", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The CPU chart's lines: one per core, and the run's memory. */
  properties[PROP_PER_CPU] =
    g_param_spec_boolean ("per-cpu", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEMORY] =
    g_param_spec_boolean ("memory", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* A live chart drawn apart is ready to show (clab_chart_view_get_painting()). */
  g_signal_new ("live-painted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  clab_chart_view_class_add_highlight (widget_class);
}

static void
clab_chart_view_init (ClabChartView *self)
{
  self->min_height_for = -1;
  clab_chart_view_init_controls (self);
  clab_chart_view_init_highlight (self);
  clab_chart_view_init_live (self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
}
