/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-chart-view-private.h"
#include "clab-stats.h"

/* The row under the chart: the run picker of the CPU and Timeline charts and, left of it, the
 * CPU chart's toggles Per Core and Memory, remembered in GSettings. */

/* Space between the controls and the card's edges, and between the picker and the toggles. */
#define PICKER_MARGIN 8

/* The most runs any mode counted: the choices of the run picker. */
static guint
count_choices (ClabResult *result)
{
  guint most = 0;

  for (guint i = 0; result != NULL && i < clab_result_get_n_modes (result); i++)
    {
      g_autoptr(GPtrArray) runs = clab_stats_dup_counted_runs (result,
                                                              clab_result_get_mode (result, i));

      most = MAX (most, runs->len);
    }
  return most;
}

static void
run_selected_cb (ClabChartView *self)
{
  guint selected = gtk_drop_down_get_selected (self->run_picker);

  if (selected != GTK_INVALID_LIST_POSITION)
    clab_chart_view_set_run (self, selected);
}

/* The picker shows where a chart draws one run of many: CPU and Timeline, once measured. */
static void
update_run_picker (ClabChartView *self)
{
  guint n = self->live ? 0 : count_choices (self->result);
  gboolean shown = n > 1 && (self->chart_type == CLAB_CHART_CPU
                             || self->chart_type == CLAB_CHART_TIMELINE);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->run_choices));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  /* Filling the list moves its selection: that is no choice of the person's. */
  g_signal_handlers_block_by_func (self->run_picker, run_selected_cb, self);
  if (shown && n_items != n + 1)
    {
      g_ptr_array_add (items, g_strdup (_("Median Run of Each Mode")));
      for (guint k = 1; k <= n; k++)
        /* TRANSLATORS: a choice of the run the CPU and Timeline charts show */
        g_ptr_array_add (items, g_strdup_printf (_("Run %u of %u"), k, n));
      g_ptr_array_add (items, NULL);
      gtk_string_list_splice (self->run_choices, 0, n_items, (const char *const *) items->pdata);
    }
  if (shown)
    gtk_drop_down_set_selected (self->run_picker, MIN (self->run, n));
  gtk_widget_set_visible (GTK_WIDGET (self->run_picker), shown);
  g_signal_handlers_unblock_by_func (self->run_picker, run_selected_cb, self);
}

static void
init_run_picker (ClabChartView *self)
{
  self->run_choices = gtk_string_list_new (NULL);
  self->run_picker = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->run_choices)),
                                                       NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_picker),
                               _("The run the chart shows of each mode"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->run_picker),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Run shown"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->run_picker), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->run_picker), GTK_WIDGET (self));
  g_signal_connect_swapped (self->run_picker, "notify::selected", G_CALLBACK (run_selected_cb), self);
}

static GtkWidget *
new_toggle (ClabChartView *self,
            const char    *label,
            const char    *tooltip,
            const char    *property)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  g_object_bind_property (self, property, button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return button;
}

static void
init_toggles (ClabChartView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* Linked, as one group of the chart's options. */
  gtk_widget_add_css_class (box, "linked");
  gtk_box_append (GTK_BOX (box),
                  new_toggle (self, _("Per Core"),
                              _("Draw one line for each CPU core instead of the whole machine"),
                              "per-cpu"));
  gtk_box_append (GTK_BOX (box),
                  new_toggle (self, _("Memory"),
                              _("Add the run’s resident memory (RSS) over time, on an axis "
                                "at the right"),
                              "memory"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("CPU chart lines"), -1);
  gtk_widget_set_visible (box, FALSE);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  self->cpu_controls = box;
}

void
clab_chart_view_set_settings (ClabChartView *self,
                              GSettings     *settings)
{
  g_return_if_fail (CLAB_IS_CHART_VIEW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    {
      g_settings_unbind (self, "per-cpu");
      g_settings_unbind (self, "memory");
    }
  g_set_object (&self->settings, settings);
  if (settings == NULL)
    return;
  g_settings_bind (settings, "chart-per-core", self, "per-cpu", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "chart-memory", self, "memory", G_SETTINGS_BIND_DEFAULT);
}

void
clab_chart_view_init_controls (ClabChartView *self)
{
  init_run_picker (self);
  init_toggles (self);
}

void
clab_chart_view_update_controls (ClabChartView *self)
{
  update_run_picker (self);
  gtk_widget_set_visible (self->cpu_controls,
                          self->result != NULL && self->chart_type == CLAB_CHART_CPU);
}

int
clab_chart_view_measure_controls (ClabChartView *self)
{
  GtkWidget *children[] = { GTK_WIDGET (self->run_picker), self->cpu_controls };
  int row = 0;

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      int height = 0;

      if (gtk_widget_get_visible (children[i]))
        gtk_widget_measure (children[i], GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
      row = MAX (row, height);
    }
  return row > 0 ? row + 2 * PICKER_MARGIN : 0;
}


void
clab_chart_view_allocate_controls (ClabChartView *self,
                                   int            width,
                                   int            height)
{
  GtkRequisition picker, toggles;
  int right = width - PICKER_MARGIN;

  gtk_widget_get_preferred_size (GTK_WIDGET (self->run_picker), NULL, &picker);
  gtk_widget_size_allocate (GTK_WIDGET (self->run_picker),
                            &(GtkAllocation) { MAX (0, width - picker.width - PICKER_MARGIN),
                                               MAX (0, height - picker.height - PICKER_MARGIN),
                                               MIN (picker.width, width), picker.height }, -1);
  if (gtk_widget_get_visible (GTK_WIDGET (self->run_picker)))
    right -= picker.width + PICKER_MARGIN;
  /* The toggles sit left of the picker, on the same row. */
  gtk_widget_get_preferred_size (self->cpu_controls, NULL, &toggles);
  gtk_widget_size_allocate (self->cpu_controls,
                            &(GtkAllocation) { MAX (0, right - toggles.width),
                                               MAX (0, height - toggles.height - PICKER_MARGIN),
                                               MIN (toggles.width, width), toggles.height }, -1);
}

void
clab_chart_view_snapshot_controls (ClabChartView *self,
                                   GtkSnapshot   *snapshot)
{
  gtk_widget_snapshot_child (GTK_WIDGET (self), GTK_WIDGET (self->run_picker), snapshot);
  gtk_widget_snapshot_child (GTK_WIDGET (self), self->cpu_controls, snapshot);
}

void
clab_chart_view_dispose_controls (ClabChartView *self)
{
  if (self->run_picker != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->run_picker)));
  if (self->cpu_controls != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->cpu_controls));
  g_clear_object (&self->run_choices);
  if (self->settings != NULL)
    {
      g_settings_unbind (self, "per-cpu");
      g_settings_unbind (self, "memory");
      g_clear_object (&self->settings);
    }
}
