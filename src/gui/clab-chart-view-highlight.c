/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "clab-chart-view-private.h"

/* The keyboard's walk over the chart: the arrow keys move a highlight over the same hit
 * regions the pointer's tooltips come from, and a popover reads out what is highlighted. */

void
clab_chart_view_clear_highlight (ClabChartView *self)
{
  self->cursor = -1;
  g_clear_pointer (&self->cursor_text, g_free);
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
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

/* A Timeline of many lanes is taller than the window: the results scroll to show the
 * highlighted task, as they would for a focused widget. */
static void
scroll_to_highlight (ClabChartView *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double x, top, bottom, margin = 12;
  int height;

  if (scrolled == NULL
      || !gtk_widget_translate_coordinates (GTK_WIDGET (self), scrolled, 0,
                                            self->cursor_span.y, &x, &top))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  height = gtk_widget_get_height (scrolled);
  bottom = top + self->cursor_span.height;
  if (top < margin)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top - margin);
  else if (bottom > height - margin)
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_value (adjustment) + bottom - height + margin);
}

static void
show_highlight (ClabChartView *self)
{
  GdkRectangle pointing = {
    (int) floor (self->cursor_span.x), (int) floor (self->cursor_span.y),
    MAX ((int) ceil (self->cursor_span.width), 1), MAX ((int) ceil (self->cursor_span.height), 1)
  };

  scroll_to_highlight (self);
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

  if (!clab_chart_view_ensure_hits (self))
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
  clab_chart_view_clear_highlight (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* An outline in the text colour, which stands out on both the light and the dark chart. */
void
clab_chart_view_snapshot_highlight (ClabChartView *self,
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

void
clab_chart_view_init_highlight (ClabChartView *self)
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
}

/* The arrow keys walk the same regions the pointer's tooltips come from. */
void
clab_chart_view_class_add_highlight (GtkWidgetClass *widget_class)
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
