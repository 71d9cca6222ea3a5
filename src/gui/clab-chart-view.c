/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include <math.h>

#include "clab-chart-view.h"

struct _ClabChartView
{
  GtkWidget      parent_instance;

  GtkPopover    *popover;
  GtkLabel      *popover_label;

  ClabResult    *result;
  ClabChartHits *hits;
  ClabChartType  chart_type;
  gboolean       cpu_time;
  gboolean       live;
  int            hits_width;
  int            hits_height;

  /* The keyboard's highlight: region @cursor, at @cursor_x where its tooltip is @cursor_text,
   * which holds over @cursor_span. */
  int                cursor;
  double             cursor_x;
  char              *cursor_text;
  cairo_rectangle_t  cursor_span;
};

enum {
  PROP_0,
  PROP_RESULT,
  PROP_CHART_TYPE,
  PROP_CPU_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ClabChartView, clab_chart_view, GTK_TYPE_WIDGET)

GtkWidget *
clab_chart_view_new (void)
{
  return g_object_new (CLAB_TYPE_CHART_VIEW, NULL);
}

static void
options_init (ClabChartView    *self,
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
  options_init (self, &options);
  title = clab_chart_dup_title (self->result, &options);
  description = clab_chart_dup_description (self->result, &options);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
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

void
clab_chart_view_get_options (ClabChartView    *self,
                             ClabChartOptions *options)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));
  g_return_if_fail (options != NULL);

  clab_chart_options_init (options);
  options->type = self->chart_type;
  options->cpu_time = self->cpu_time;
  options->live = self->live;
}

void
clab_chart_view_set_live (ClabChartView *self,
                          gboolean       live)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));

  if (self->live == !!live)
    return;
  self->live = !!live;
  clab_chart_view_update (self);
}

static void
clear_highlight (ClabChartView *self)
{
  self->cursor = -1;
  g_clear_pointer (&self->cursor_text, g_free);
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
}

void
clab_chart_view_update (ClabChartView *self)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));

  g_clear_pointer (&self->hits, clab_chart_hits_free);
  clear_highlight (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  options_init (self, &options);
  hits = clab_chart_render_with_hits (cr, width, height, self->result, &options);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return hits;
}

static gboolean
ensure_hits (ClabChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

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
                      MAX (gtk_widget_get_height (GTK_WIDGET (self)), 240));
  return hits != NULL ? clab_chart_hits_get_n_items (hits) : 0;
}

const char *
clab_chart_view_get_highlight (ClabChartView *self)
{
  g_return_val_if_fail (CLAB_IS_CHART_VIEW (self), NULL);
  return self->cursor_text;
}

static char *
dup_text_at (ClabChartView *self,
             int            i,
             double         x)
{
  cairo_rectangle_t rect;

  clab_chart_hits_get_rect (self->hits, i, &rect);
  return clab_chart_hits_dup_text (self->hits, i, x, rect.y + rect.height / 2);
}

/* Steps a pixel at a time from @x towards @direction for the next point of region @i whose
 * tooltip is not @avoid: a bar has one tooltip, a CPU graph one per sample. NAN if none. */
static double
find_text_x (ClabChartView *self,
             int            i,
             double         x,
             int            direction,
             const char    *avoid)
{
  cairo_rectangle_t rect;

  clab_chart_hits_get_rect (self->hits, i, &rect);
  for (; x >= rect.x && x < rect.x + rect.width; x += direction)
    {
      g_autofree char *text = dup_text_at (self, i, x);

      if (text != NULL && g_strcmp0 (text, avoid) != 0)
        return x;
    }
  return NAN;
}

/* The stretch of region @i around @x over which the tooltip reads @text. */
static void
find_span (ClabChartView     *self,
           int                i,
           double             x,
           const char        *text,
           cairo_rectangle_t *span)
{
  double left, right;

  clab_chart_hits_get_rect (self->hits, i, span);
  left = find_text_x (self, i, x, -1, text);
  right = find_text_x (self, i, x, +1, text);
  left = isnan (left) ? span->x : left + 1;
  right = isnan (right) ? span->x + span->width : right;
  span->x = left;
  span->width = MAX (right - left, 1);
}

static void
show_highlight (ClabChartView *self)
{
  GdkRectangle pointing = {
    (int) floor (self->cursor_span.x), (int) floor (self->cursor_span.y),
    MAX ((int) ceil (self->cursor_span.width), 1), MAX ((int) ceil (self->cursor_span.height), 1)
  };

  gtk_label_set_text (self->popover_label, self->cursor_text);
  gtk_popover_set_pointing_to (self->popover, &pointing);
  gtk_popover_popup (self->popover);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
set_cursor (ClabChartView *self,
            int            i,
            double         x)
{
  if (i < 0 || (guint) i >= clab_chart_hits_get_n_items (self->hits) || isnan (x))
    return FALSE;
  g_free (self->cursor_text);
  self->cursor_text = dup_text_at (self, i, x);
  if (self->cursor_text == NULL)
    return FALSE;
  self->cursor = i;
  self->cursor_x = x;
  find_span (self, i, x, self->cursor_text, &self->cursor_span);
  show_highlight (self);
  return TRUE;
}

/* Enters region @i from the side @direction comes from. */
static gboolean
enter_region (ClabChartView *self,
              int            i,
              int            direction)
{
  cairo_rectangle_t rect;

  if (i < 0 || (guint) i >= clab_chart_hits_get_n_items (self->hits))
    return FALSE;
  clab_chart_hits_get_rect (self->hits, i, &rect);
  return set_cursor (self, i, find_text_x (self, i, direction > 0 ? rect.x : rect.x + rect.width - 1,
                                           direction, NULL));
}

static void
move_highlight (ClabChartView *self,
                const char    *step)
{
  int last;

  if (!ensure_hits (self))
    return;
  last = (int) clab_chart_hits_get_n_items (self->hits) - 1;
  if (g_str_equal (step, "first") || (self->cursor < 0 && g_str_equal (step, "next")))
    enter_region (self, 0, +1);
  else if (g_str_equal (step, "last") || self->cursor < 0)
    enter_region (self, last, -1);
  else if (g_str_equal (step, "next-item") || g_str_equal (step, "previous-item"))
    enter_region (self, self->cursor + (step[0] == 'n' ? 1 : -1), +1);
  else
    {
      int direction = g_str_equal (step, "next") ? +1 : -1;
      double from = direction > 0 ? self->cursor_span.x + self->cursor_span.width
                                  : self->cursor_span.x - 1;

      if (!set_cursor (self, self->cursor, find_text_x (self, self->cursor, from, direction,
                                                        self->cursor_text)))
        enter_region (self, self->cursor + direction, direction);
    }
}

static void
highlight_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_highlight (CLAB_CHART_VIEW (widget), g_variant_get_string (parameter, NULL));
}

/* A click gives the chart the focus, so that the arrow keys go on from there. */
static void
pressed_cb (ClabChartView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
focus_leave_cb (ClabChartView *self)
{
  clear_highlight (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* An outline in the text colour, which stands out on both the light and the dark chart. */
static void
snapshot_highlight (ClabChartView *self,
                    GtkSnapshot   *snapshot)
{
  GskRoundedRect outline;
  GdkRGBA color;
  const cairo_rectangle_t *span = &self->cursor_span;
  float widths[4] = { 2, 2, 2, 2 };

  if (self->cursor < 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (span->x - 2, span->y - 2,
                                                        span->width + 4, span->height + 4), 4);
  gtk_snapshot_append_border (snapshot, &outline, widths,
                              (GdkRGBA[4]) { color, color, color, color });
}

static void
clab_chart_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ClabChartView *self = CLAB_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ClabChartOptions options;
  cairo_t *cr;

  if (self->result == NULL || width <= 0 || height <= 0)
    return;
  options_init (self, &options);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_clear_pointer (&self->hits, clab_chart_hits_free);
  self->hits = clab_chart_render_with_hits (cr, width, height, self->result, &options);
  self->hits_width = width;
  self->hits_height = height;
  cairo_destroy (cr);
  snapshot_highlight (self, snapshot);
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

  if (self->hits == NULL || keyboard_mode)
    return FALSE;
  text = clab_chart_hits_lookup (self->hits, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
clab_chart_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ClabChartView *self = CLAB_CHART_VIEW (widget);

  /* The regions move with the size: a highlight would point at the wrong place. */
  if (width != self->hits_width || height != self->hits_height)
    {
      g_clear_pointer (&self->hits, clab_chart_hits_free);
      clear_highlight (self);
    }
  gtk_popover_present (self->popover);
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
  /* Small enough for an 800 × 600 window, large enough that labels still fit: a narrow
   * chart wraps its title and legend onto more lines, so it needs more height for the plot.
   * The results scroll, so the summary below stays reachable. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 800;
    }
  else
    {
      *minimum = for_size > 0 && for_size < 640 ? 380 : 300;
      *natural = 450;
    }
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
  g_clear_object (&self->result);
  g_clear_pointer (&self->hits, clab_chart_hits_free);
  g_clear_pointer (&self->cursor_text, g_free);

  G_OBJECT_CLASS (clab_chart_view_parent_class)->dispose (object);
}

/* The arrow keys walk the same regions the pointer's tooltips come from. */
static void
install_highlight_keys (GtkWidgetClass *widget_class)
{
  static const struct {
    guint       keyval;
    const char *step;
  } keys[] = {
    { GDK_KEY_Right, "next" }, { GDK_KEY_KP_Right, "next" },
    { GDK_KEY_Left, "previous" }, { GDK_KEY_KP_Left, "previous" },
    { GDK_KEY_Down, "next-item" }, { GDK_KEY_KP_Down, "next-item" },
    { GDK_KEY_Up, "previous-item" }, { GDK_KEY_KP_Up, "previous-item" },
    { GDK_KEY_Home, "first" }, { GDK_KEY_KP_Home, "first" },
    { GDK_KEY_End, "last" }, { GDK_KEY_KP_End, "last" },
  };

  gtk_widget_class_install_action (widget_class, "chart.highlight", "s", highlight_action);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].keyval, 0,
                                         "chart.highlight", "s", keys[i].step);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  install_highlight_keys (widget_class);
}

static void
create_popover (ClabChartView *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  self->popover_label = GTK_LABEL (label);
  self->popover = GTK_POPOVER (gtk_popover_new ());
  /* It only shows: the keyboard stays on the chart to go on moving. */
  gtk_popover_set_autohide (self->popover, FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->popover), FALSE);
  gtk_popover_set_child (self->popover, label);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
}

static void
clab_chart_view_init (ClabChartView *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->cursor = -1;
  create_popover (self);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
}
