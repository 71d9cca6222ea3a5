/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-summary-private.h"

/* The summary fits the width it gets, as a list in GNOME fits a narrow window: the columns
 * that matter least give way (their values go to the row's tooltip and its mode cell's accessible description), and the Wall/CPU switch
 * goes under a verdict it would squeeze. */

/* The columns that give way, first to last, when the table is wider than the room it gets;
 * their values stay in the row's tooltip. The mode, the mean and the speedup say what the
 * comparison found, a baseline's change and failures were asked for or are news: they stay. */
static const ClabSummaryColumn collapsible[] = {
  CLAB_SUMMARY_MEDIAN, CLAB_SUMMARY_RANGE, CLAB_SUMMARY_EFFICIENCY, CLAB_SUMMARY_RSS,
  CLAB_SUMMARY_RUNS, CLAB_SUMMARY_CPU,
};

gboolean
_clab_summary_column_collapsed (ClabSummary       *self,
                                ClabSummaryColumn  column)
{
  for (guint i = 0; i < self->n_collapsed; i++)
    if (collapsible[i] == column)
      return TRUE;
  return FALSE;
}

void
_clab_summary_refit (ClabSummary *self)
{
  self->fitted_width = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
set_n_collapsed (ClabSummary *self,
                 guint        n_collapsed)
{
  self->n_collapsed = n_collapsed;
  for (guint i = 0; i < G_N_ELEMENTS (collapsible); i++)
    gtk_column_view_column_set_visible (self->columns[collapsible[i]], i >= n_collapsed);
  /* A column tells its cells, whose rows may still wait for a measure from the last change:
   * the table's own measure would not hear of the second. */
  gtk_widget_queue_resize (GTK_WIDGET (self->column_view));
  _clab_summary_describe_collapsed (self);
}

/* Whether the table, as allocated, is wider than its window: its scrollbar would show. */
static gboolean
table_overflows (ClabSummary *self)
{
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));
  double room = hadjustment ? gtk_adjustment_get_page_size (hadjustment) : 0;
  int width;

  /* Not yet allocated: nothing to tell. */
  if (room <= 0)
    return FALSE;
  gtk_widget_measure (GTK_WIDGET (self->column_view), GTK_ORIENTATION_HORIZONTAL, -1,
                      &width, NULL, NULL, NULL);
  return width > room;
}

/* Hides columns by priority until the table fits; TRUE when it hid any. */
static gboolean
collapse_columns (ClabSummary *self)
{
  guint before = self->n_collapsed;

  while (self->n_collapsed < G_N_ELEMENTS (collapsible) && table_overflows (self))
    set_n_collapsed (self, self->n_collapsed + 1);
  return self->n_collapsed != before;
}

static int
heading_line_height (GtkWidget *label)
{
  int natural_width, height;

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural_width, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, natural_width, &height, NULL, NULL, NULL);
  return height;
}

/* The Wall/CPU switch stays beside the verdict while the verdict needs at most two lines
 * there; otherwise it goes below, and the verdict wraps on the whole width, not squeezed into
 * a narrow column. */
static void
place_heading (ClabSummary *self,
               int          width)
{
  GtkWidget *label = GTK_WIDGET (self->verdict_label);
  int controls, spacing = gtk_box_get_spacing (self->heading_box);
  int line = heading_line_height (label), beside_height = 0;
  gboolean beside;

  gtk_widget_measure (self->controls_box, GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &controls, NULL, NULL);
  beside = width - controls - spacing > 0;
  if (beside && line > 0)
    {
      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, width - controls - spacing,
                          &beside_height, NULL, NULL, NULL);
      beside = beside_height <= 2 * line;
    }
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->heading_box))
      == (beside ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL))
    return;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->heading_box),
                                  beside ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_halign (self->controls_box, beside ? GTK_ALIGN_FILL : GTK_ALIGN_START);
}

static void
clab_summary_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural,
                        minimum_baseline, natural_baseline);
}

/* GTK measures before it allocates; a column shown or hidden asks for a new measure. */
static void
allocate_child (GtkWidget *child,
                int        width,
                int        height,
                int        baseline)
{
  int minimum;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
  gtk_widget_allocate (child, width, MAX (height, minimum), baseline, NULL);
}

/* At a new width every column is tried again, then the ones that matter least give way
 * until the rest fit; the table's scrollbar is left for a window too narrow even then. */
static void
clab_summary_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  ClabSummary *self = CLAB_SUMMARY (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child == NULL)
    return;
  if (width != self->fitted_width)
    {
      place_heading (self, width);
      set_n_collapsed (self, 0);
      self->fitted_width = width;
    }
  allocate_child (child, width, height, baseline);
  /* Rows made during that allocation may widen the table beyond what was measured before. */
  if (collapse_columns (self))
    allocate_child (child, width, height, baseline);
}

void
_clab_summary_install_layout (GtkWidgetClass *widget_class)
{
  widget_class->measure = clab_summary_measure;
  widget_class->size_allocate = clab_summary_size_allocate;
}
