/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-plan.h"
#include "clab-sidebar.h"

struct _ClabSidebar
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkListBox *presets_list;
  GtkListBox *results_list;

  /* Owned references */
  GListModel *results;
};

enum {
  PRESET_ACTIVATED,
  RESULT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ClabSidebar, clab_sidebar, GTK_TYPE_WIDGET)

static GtkWidget *
create_row (const char *title,
            const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *subtitle_label = gtk_label_new (subtitle);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
  /* Two lines are enough to recognise a case; the tooltip holds the whole sentence. */
  gtk_label_set_lines (GTK_LABEL (subtitle_label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle_label, "caption");
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), subtitle_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  return row;
}

static void
fill_presets (ClabSidebar *self)
{
  g_auto(GStrv) names = clab_plan_list_presets ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(ClabPlan) plan = clab_plan_load_preset (names[i], NULL);
      const char *title, *description;
      GtkWidget *row;

      if (plan == NULL)
        continue;
      title = clab_plan_get_title (plan);
      description = clab_plan_get_description (plan);
      row = create_row (title ? title : names[i], description ? description : "");
      g_object_set_data_full (G_OBJECT (row), "preset", g_strdup (names[i]), g_free);
      gtk_list_box_append (self->presets_list, row);
    }
}

static GtkWidget *
create_result_row_cb (gpointer item,
                      gpointer user_data)
{
  ClabComparison *comparison = item;

  return create_row (clab_comparison_get_title (comparison),
                     clab_comparison_get_subtitle (comparison));
}

void
clab_sidebar_set_results (ClabSidebar *self,
                          GListModel  *results)
{
  g_return_if_fail (CLAB_IS_SIDEBAR (self));

  g_set_object (&self->results, results);
  gtk_list_box_bind_model (self->results_list, results, create_result_row_cb, NULL, NULL);
}

void
clab_sidebar_select_preset (ClabSidebar *self,
                            const char  *name)
{
  GtkListBoxRow *row;

  g_return_if_fail (CLAB_IS_SIDEBAR (self));

  gtk_list_box_unselect_all (self->results_list);
  gtk_list_box_unselect_all (self->presets_list);
  for (int i = 0; name != NULL && (row = gtk_list_box_get_row_at_index (self->presets_list, i)); i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "preset"), name) == 0)
      gtk_list_box_select_row (self->presets_list, row);
}

void
clab_sidebar_select_result (ClabSidebar    *self,
                            ClabComparison *comparison)
{
  guint n;

  g_return_if_fail (CLAB_IS_SIDEBAR (self));

  gtk_list_box_unselect_all (self->presets_list);
  gtk_list_box_unselect_all (self->results_list);
  n = self->results ? g_list_model_get_n_items (self->results) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClabComparison) item = g_list_model_get_item (self->results, i);

      if (item == comparison)
        gtk_list_box_select_row (self->results_list,
                                 gtk_list_box_get_row_at_index (self->results_list, i));
    }
}

static void
preset_activated_cb (ClabSidebar   *self,
                     GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "preset");

  gtk_list_box_unselect_all (self->results_list);
  g_signal_emit (self, signals[PRESET_ACTIVATED], 0, name);
}

static void
result_activated_cb (ClabSidebar   *self,
                     GtkListBoxRow *row)
{
  g_autoptr(ClabComparison) comparison = NULL;

  comparison = g_list_model_get_item (self->results, gtk_list_box_row_get_index (row));
  gtk_list_box_unselect_all (self->presets_list);
  g_signal_emit (self, signals[RESULT_ACTIVATED], 0, comparison);
}

static void
clab_sidebar_dispose (GObject *object)
{
  ClabSidebar *self = CLAB_SIDEBAR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CLAB_TYPE_SIDEBAR);
  /* The template's root is not a bound child, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (clab_sidebar_parent_class)->dispose (object);
}

static void
clab_sidebar_class_init (ClabSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clab_sidebar_dispose;

  signals[PRESET_ACTIVATED] =
    g_signal_new ("preset-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[RESULT_ACTIVATED] =
    g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CLAB_TYPE_COMPARISON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/concurrencylab/ConcurrencyLab/clab-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ClabSidebar, presets_list);
  gtk_widget_class_bind_template_child (widget_class, ClabSidebar, results_list);
  gtk_widget_class_bind_template_callback (widget_class, preset_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
clab_sidebar_init (ClabSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_presets (self);
}
