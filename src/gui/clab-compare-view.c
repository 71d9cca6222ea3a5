/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "clab-chart.h"
#include "clab-compare-text.h"
#include "clab-compare-view.h"
#include "clab-comparison.h"

/* Two or more results side by side: the comparison's elapsed and scaling charts, its results
 * with their machines and verdicts, and the table of each mode's change. */

struct _ClabCompareView
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkDrawingArea *elapsed_area;
  GtkLabel       *plans_label;
  GtkGrid        *results_grid;
  GtkDrawingArea *scaling_area;
  GtkStack       *stack;
  GtkGrid        *table_grid;

  /* owned */
  GListModel     *results;
  ClabCompare    *compare;
  ClabChartHits  *hits[2];     /* elapsed, scaling: the regions of the last drawing */
};

enum {
  PROP_0,
  PROP_RESULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ClabCompareView, clab_compare_view, GTK_TYPE_WIDGET)

GtkWidget *
clab_compare_view_new (void)
{
  return g_object_new (CLAB_TYPE_COMPARE_VIEW, NULL);
}

static void
options_init (ClabChartOptions *options,
              ClabChartType     type)
{
  clab_chart_options_init (options);
  options->type = type;
  options->theme = adw_style_manager_get_dark (adw_style_manager_get_default ())
                   ? CLAB_CHART_THEME_DARK : CLAB_CHART_THEME_LIGHT;
  /* The drawing area is already in display units: text stays at the desktop's size. */
  options->scale = 1.0;
}

static void
draw_chart (ClabCompareView *self,
            ClabChartType    type,
            cairo_t         *cr,
            int              width,
            int              height)
{
  guint slot = type == CLAB_CHART_SCALING;
  ClabChartOptions options;

  g_clear_pointer (&self->hits[slot], clab_chart_hits_free);
  if (self->compare == NULL)
    return;
  options_init (&options, type);
  self->hits[slot] = clab_chart_render_compare_with_hits (cr, width, height, self->compare,
                                                          &options);
}

static void
draw_elapsed_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  draw_chart (user_data, CLAB_CHART_ELAPSED, cr, width, height);
}

static void
draw_scaling_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  draw_chart (user_data, CLAB_CHART_SCALING, cr, width, height);
}

/* The same regions the renderer drew, so a tooltip always names what is under the pointer. */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  ClabCompareView *self = user_data;
  ClabChartHits *hits = self->hits[widget == GTK_WIDGET (self->scaling_area)];
  g_autofree char *text = NULL;

  if (hits == NULL || keyboard_mode)
    return FALSE;
  text = clab_chart_hits_lookup (hits, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_accessible (ClabCompareView *self,
                   GtkDrawingArea  *area,
                   ClabChartType    type)
{
  ClabChartOptions options;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  options_init (&options, type);
  title = clab_chart_dup_compare_title (self->compare, &options);
  description = clab_chart_dup_compare_description (self->compare, &options);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A square of the result's colour, as in the charts' legends. */
static GtkWidget *
new_swatch (guint i)
{
  guint32 rgb = clab_chart_compare_rgb (i);
  g_autofree char *markup = g_strdup_printf ("<span foreground=\"#%06x\">■</span>", rgb);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return label;
}

static void
fill_results (ClabCompareView *self)
{
  ClabCompare *compare = self->compare;

  clear_grid (self->results_grid);
  for (guint i = 0; i < clab_compare_get_n_results (compare); i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      const char *when = clab_compare_get_when (compare, i);
      g_autofree char *name = i == 0 ? g_strdup_printf (_("%s (reference)"),
                                                        clab_compare_get_label (compare, i))
                                     : g_strdup (clab_compare_get_label (compare, i));
      g_autofree char *details = NULL;

      /* TRANSLATORS: a compared result's machine, when it ran and what it measured */
      details = g_strdup_printf (_("%s · %s · %s"), clab_compare_get_machine (compare, i),
                                 when != NULL ? when : _("time unknown"),
                                 clab_compare_get_plan_text (compare, i));
      gtk_box_append (GTK_BOX (box), new_label (name, "heading", 0));
      gtk_box_append (GTK_BOX (box), new_label (details, "dim-label", 0));
      gtk_box_append (GTK_BOX (box), new_label (clab_compare_get_verdict (compare, i),
                                                clab_compare_is_conclusive (compare, i)
                                                ? NULL : "warning", 0));
      gtk_grid_attach (self->results_grid, new_swatch (i), 0, i, 1, 1);
      gtk_grid_attach (self->results_grid, box, 1, i, 1, 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->plans_label), !clab_compare_all_plans_match (compare));
}

static void
attach_header (ClabCompareView    *self,
               const ClabTimeUnit *unit)
{
  g_autofree char *mean = g_strdup_printf (_("Mean ± σ (%s)"), unit->name);
  g_autofree char *median = g_strdup_printf (_("Median (%s)"), unit->name);
  g_autofree char *change = g_strdup_printf (_("Change against %s"),
                                             clab_compare_get_label (self->compare, 0));
  const char *titles[] = { _("Mode"), _("Result"), _("Runs"), mean, median, change };

  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    gtk_grid_attach (self->table_grid, new_label (titles[c], "caption-heading",
                                                  c >= 2 && c <= 4 ? 1 : 0), c, 0, 1, 1);
}

static void
attach_cell_row (ClabCompareView       *self,
                 guint                  i,
                 const ClabCompareCell *cell,
                 const ClabTimeUnit    *unit,
                 int                    row)
{
  g_autofree char *runs = g_strdup_printf ("%u", cell->has_mean
                                           ? cell->mode_result->stats.n_runs : 0);
  g_autofree char *mean = clab_compare_dup_mean_text (cell, unit);
  g_autofree char *median = clab_compare_dup_median_text (cell, unit);
  g_autofree char *change = clab_compare_dup_change_text (&cell->change);
  GtkWidget *result = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *change_class = cell->change.kind != CLAB_COMPARE_CHANGE_MEASURED ? "dim-label"
                             : cell->change.direction < 0 ? "success"
                             : cell->change.direction > 0 ? "error" : NULL;

  gtk_box_append (GTK_BOX (result), new_swatch (i));
  gtk_box_append (GTK_BOX (result), new_label (clab_compare_get_label (self->compare, i),
                                               NULL, 0));
  if (i == 0)
    gtk_grid_attach (self->table_grid, new_label (clab_mode_label (cell->mode), "heading", 0),
                     0, row, 1, 1);
  gtk_grid_attach (self->table_grid, result, 1, row, 1, 1);
  gtk_grid_attach (self->table_grid, new_label (runs, "numeric", 1), 2, row, 1, 1);
  gtk_grid_attach (self->table_grid, new_label (mean, "numeric", 1), 3, row, 1, 1);
  gtk_grid_attach (self->table_grid, new_label (median, "numeric", 1), 4, row, 1, 1);
  gtk_grid_attach (self->table_grid, new_label (change, change_class, 0), 5, row, 1, 1);
}

static void
fill_table (ClabCompareView *self)
{
  ClabCompare *compare = self->compare;
  ClabTimeUnit unit;
  int row = 1;

  clear_grid (self->table_grid);
  clab_compare_pick_unit (compare, &unit);
  attach_header (self, &unit);
  for (guint m = 0; m < clab_compare_get_n_modes (compare); m++)
    for (guint i = 0; i < clab_compare_get_n_results (compare); i++)
      attach_cell_row (self, i, clab_compare_get_cell (compare, i, m), &unit, row++);
}

/* A result of the model: a ClabResult, or a loaded ClabComparison with its time and file. */
static void
add_item (ClabCompare *compare,
          GObject     *item)
{
  ClabComparison *comparison;
  ClabResult *result;
  g_autofree char *source = NULL;

  if (CLAB_IS_RESULT (item))
    {
      clab_compare_add (compare, CLAB_RESULT (item), NULL, NULL);
      return;
    }
  g_return_if_fail (CLAB_IS_COMPARISON (item));
  comparison = CLAB_COMPARISON (item);
  result = clab_comparison_get_result (comparison);
  if (result == NULL)
    return;
  if (clab_comparison_get_source (comparison) != NULL)
    source = g_path_get_basename (clab_comparison_get_source (comparison));
  clab_compare_add (compare, result, source, clab_comparison_get_time (comparison));
}

static void
rebuild (ClabCompareView *self)
{
  g_autoptr(ClabCompare) compare = clab_compare_new ();
  guint n = self->results != NULL ? g_list_model_get_n_items (self->results) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->results, i);

      add_item (compare, item);
    }
  g_clear_object (&self->compare);
  if (clab_compare_get_n_results (compare) >= 2)
    self->compare = g_steal_pointer (&compare);
  gtk_stack_set_visible_child_name (self->stack, self->compare != NULL ? "compare" : "empty");
  gtk_widget_queue_draw (GTK_WIDGET (self->elapsed_area));
  gtk_widget_queue_draw (GTK_WIDGET (self->scaling_area));
  if (self->compare == NULL)
    return;
  fill_results (self);
  fill_table (self);
  update_accessible (self, self->elapsed_area, CLAB_CHART_ELAPSED);
  update_accessible (self, self->scaling_area, CLAB_CHART_SCALING);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  rebuild (user_data);
}

GListModel *
clab_compare_view_get_results (ClabCompareView *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARE_VIEW (self), NULL);

  return self->results;
}

void
clab_compare_view_set_results (ClabCompareView *self,
                               GListModel      *results)
{
  g_return_if_fail (CLAB_IS_COMPARE_VIEW (self));
  g_return_if_fail (results == NULL || G_IS_LIST_MODEL (results));

  if (self->results == results)
    return;
  if (self->results != NULL)
    g_signal_handlers_disconnect_by_func (self->results, items_changed_cb, self);
  g_set_object (&self->results, results);
  if (results != NULL)
    g_signal_connect_object (results, "items-changed", G_CALLBACK (items_changed_cb), self, 0);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS]);
}

void
clab_compare_view_refresh (ClabCompareView *self)
{
  g_return_if_fail (CLAB_IS_COMPARE_VIEW (self));

  rebuild (self);
}

ClabCompare *
clab_compare_view_get_compare (ClabCompareView *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARE_VIEW (self), NULL);

  return self->compare;
}

static void
dark_changed_cb (ClabCompareView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->elapsed_area));
  gtk_widget_queue_draw (GTK_WIDGET (self->scaling_area));
}

static void
clab_compare_view_dispose (GObject *object)
{
  ClabCompareView *self = CLAB_COMPARE_VIEW (object);

  clab_compare_view_set_results (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLAB_TYPE_COMPARE_VIEW);
  G_OBJECT_CLASS (clab_compare_view_parent_class)->dispose (object);
}

static void
clab_compare_view_finalize (GObject *object)
{
  ClabCompareView *self = CLAB_COMPARE_VIEW (object);

  g_clear_object (&self->compare);
  g_clear_pointer (&self->hits[0], clab_chart_hits_free);
  g_clear_pointer (&self->hits[1], clab_chart_hits_free);
  G_OBJECT_CLASS (clab_compare_view_parent_class)->finalize (object);
}

static void
clab_compare_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ClabCompareView *self = CLAB_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RESULTS:
      g_value_set_object (value, clab_compare_view_get_results (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_compare_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ClabCompareView *self = CLAB_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RESULTS:
      clab_compare_view_set_results (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_compare_view_class_init (ClabCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clab_compare_view_dispose;
  object_class->finalize = clab_compare_view_finalize;
  object_class->get_property = clab_compare_view_get_property;
  object_class->set_property = clab_compare_view_set_property;

  properties[PROP_RESULTS] =
    g_param_spec_object ("results", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/concurrencylab/ConcurrencyLab/clab-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ClabCompareView, elapsed_area);
  gtk_widget_class_bind_template_child (widget_class, ClabCompareView, plans_label);
  gtk_widget_class_bind_template_child (widget_class, ClabCompareView, results_grid);
  gtk_widget_class_bind_template_child (widget_class, ClabCompareView, scaling_area);
  gtk_widget_class_bind_template_child (widget_class, ClabCompareView, stack);
  gtk_widget_class_bind_template_child (widget_class, ClabCompareView, table_grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
clab_compare_view_init (ClabCompareView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->elapsed_area, draw_elapsed_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->scaling_area, draw_scaling_cb, self, NULL);
  g_signal_connect (self->elapsed_area, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect (self->scaling_area, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}
