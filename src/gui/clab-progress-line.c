/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "clab-progress-line.h"

struct _ClabProgressLine
{
  GtkWidget parent_instance;
  double    fraction;
};

G_DEFINE_FINAL_TYPE (ClabProgressLine, clab_progress_line, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The fill takes the CSS colour of the widget (style.css gives it the accent colour); the
 * trough is the widget's own CSS background, which GTK draws. */
static void
get_fill_color (GtkWidget *widget,
                GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

static void
clab_progress_line_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  ClabProgressLine *self = CLAB_PROGRESS_LINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double fill = round (width * self->fraction);
  double x = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? width - fill : 0;
  GskRoundedRect clip;
  GdkRGBA color;

  if (fill <= 0 || height <= 0)
    return;
  /* Round at both ends, as Adwaita's bar, however short the fill. */
  gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (x, 0, fill, height),
                                   MIN (height, fill) / 2);
  get_fill_color (widget, &color);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_color (snapshot, &color, &clip.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
clab_progress_line_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ClabProgressLine *self = CLAB_PROGRESS_LINE (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_progress_line_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ClabProgressLine *self = CLAB_PROGRESS_LINE (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      clab_progress_line_set_fraction (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_progress_line_class_init (ClabProgressLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = clab_progress_line_get_property;
  object_class->set_property = clab_progress_line_set_property;
  widget_class->snapshot = clab_progress_line_snapshot;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "progressline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
clab_progress_line_init (ClabProgressLine *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 1.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0,
                                  -1);
}

double
clab_progress_line_get_fraction (ClabProgressLine *self)
{
  g_return_val_if_fail (CLAB_IS_PROGRESS_LINE (self), 0);
  return self->fraction;
}

void
clab_progress_line_set_fraction (ClabProgressLine *self,
                                 double            fraction)
{
  g_return_if_fail (CLAB_IS_PROGRESS_LINE (self));

  fraction = isfinite (fraction) ? CLAMP (fraction, 0, 1) : 0;
  if (fraction == self->fraction)
    return;
  self->fraction = fraction;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, fraction,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}
