/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-stats.h"
#include "clab-summary-private.h"
#include "clab-summary-row.h"
#include "clab-verdict.h"

enum {
  PROP_0,
  PROP_RESULT,
  PROP_BASELINE,
  PROP_CPU_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ClabSummary, clab_summary, GTK_TYPE_WIDGET)

static void
update_warnings (ClabSummary *self)
{
  /* A result file's warnings are said again in the reader's language. */
  g_autoptr(GPtrArray) warnings = self->result ? clab_stats_dup_warnings (self->result) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (warnings, i));
    }
  gtk_label_set_text (self->warnings_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box), text->len > 0);
}

/* The baseline as the sidebar names it: its plan's title, or its work. */
static char *
dup_plan_name (ClabPlan *plan)
{
  const char *title = clab_plan_get_shown_title (plan);

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  /* Translators: a plan without a name, e.g. "sleep × 4 tasks". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s × %u task", "%s × %u tasks",
                                       clab_plan_get_tasks (plan)),
                          clab_workload_kind_to_string (clab_plan_get_workload (plan)),
                          clab_plan_get_tasks (plan));
}

/* The change column names its baseline, and says when the plans differ. */
static void
update_baseline (ClabSummary *self)
{
  gboolean differ = self->baseline != NULL && self->result != NULL
                    && !clab_stats_plans_match (clab_result_get_plan (self->result),
                                                clab_result_get_plan (self->baseline));
  gboolean anyway = gtk_toggle_button_get_active (self->compare_button);
  g_autofree char *name = NULL, *title = NULL, *note = NULL;

  gtk_column_view_column_set_visible (self->columns[CLAB_SUMMARY_CHANGE], self->baseline != NULL);
  gtk_widget_set_visible (self->baseline_note, differ);
  if (self->baseline == NULL)
    return;
  name = dup_plan_name (clab_result_get_plan (self->baseline));
  if (differ && anyway)
    /* TRANSLATORS: heading of the change column; the baseline measured other work */
    title = g_strdup_printf (_("Against “%s” (other plan)"), name);
  else
    /* TRANSLATORS: heading of the change column, naming the pinned baseline */
    title = g_strdup_printf (_("Against “%s”"), name);
  gtk_column_view_column_set_title (self->columns[CLAB_SUMMARY_CHANGE], title);
  if (!differ)
    return;
  if (anyway)
    note = g_strdup_printf (_("The pinned baseline “%s” measured other work (another workload, "
                              "size, number of tasks or command): its changes compare unlike "
                              "things."), name);
  else
    note = g_strdup_printf (_("The pinned baseline “%s” measured other work (another workload, "
                              "size, number of tasks or command), so its times are not "
                              "compared."), name);
  gtk_label_set_text (self->baseline_label, note);
}

static gboolean
any_failures (ClabResult *result)
{
  for (guint i = 0; result != NULL && i < clab_result_get_n_modes (result); i++)
    if (clab_result_get_mode (result, i)->stats.failures > 0)
      return TRUE;
  return FALSE;
}

static void
update_rows (ClabSummary *self)
{
  guint n_modes = self->result ? clab_result_get_n_modes (self->result) : 0;
  gboolean cpu_time = gtk_toggle_button_get_active (self->cpu_button);
  gboolean anyway = gtk_toggle_button_get_active (self->compare_button);
  g_autofree char *verdict = NULL;

  g_list_store_remove_all (self->rows);
  for (guint i = 0; i < n_modes; i++)
    {
      ClabModeResult *mode_result = clab_result_get_mode (self->result, i);
      ClabModeResult *base = NULL;
      g_autoptr(ClabSummaryRow) row = NULL;

      if (self->baseline != NULL)
        base = clab_result_find_mode (self->baseline, mode_result->mode);
      row = clab_summary_row_new (self->result, mode_result, self->baseline, base, cpu_time,
                                  anyway);
      g_list_store_append (self->rows, row);
    }
  update_baseline (self);
  /* A column of zeros would only push the others off a narrow window. */
  gtk_column_view_column_set_visible (self->columns[CLAB_SUMMARY_FAILURES],
                                      any_failures (self->result));
  gtk_widget_set_visible (self->baseline_tag, self->baseline != NULL && self->baseline == self->result);
  verdict = self->result ? clab_result_dup_verdict_labelled (self->result) : NULL;
  gtk_label_set_text (self->verdict_label, verdict ? verdict : "");
  /* An inconclusive verdict is a warning, not a finding. */
  if (self->result != NULL && !clab_verdict_is_conclusive (self->result))
    gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
  update_warnings (self);
  /* Other numbers, another verdict: the table and the heading are fitted again. */
  _clab_summary_refit (self);
}

ClabResult *
clab_summary_get_result (ClabSummary *self)
{
  g_return_val_if_fail (CLAB_IS_SUMMARY (self), NULL);
  return self->result;
}

void
clab_summary_set_result (ClabSummary *self,
                         ClabResult  *result)
{
  g_return_if_fail (CLAB_IS_SUMMARY (self));

  if (!g_set_object (&self->result, result))
    return;
  update_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), result != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

ClabResult *
clab_summary_get_baseline (ClabSummary *self)
{
  g_return_val_if_fail (CLAB_IS_SUMMARY (self), NULL);
  return self->baseline;
}

void
clab_summary_set_baseline (ClabSummary *self,
                           ClabResult  *baseline)
{
  g_return_if_fail (CLAB_IS_SUMMARY (self));

  if (!g_set_object (&self->baseline, baseline))
    return;
  /* Another baseline: the person decides afresh whether unlike plans compare. */
  gtk_toggle_button_set_active (self->compare_button, FALSE);
  update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE]);
}

gboolean
clab_summary_get_cpu_time (ClabSummary *self)
{
  g_return_val_if_fail (CLAB_IS_SUMMARY (self), FALSE);
  return gtk_toggle_button_get_active (self->cpu_button);
}

void
clab_summary_set_cpu_time (ClabSummary *self,
                           gboolean     cpu_time)
{
  g_return_if_fail (CLAB_IS_SUMMARY (self));
  gtk_toggle_button_set_active (self->cpu_button, cpu_time);
}

GListModel *
clab_summary_get_rows (ClabSummary *self)
{
  g_return_val_if_fail (CLAB_IS_SUMMARY (self), NULL);
  return G_LIST_MODEL (self->rows);
}

static void
cpu_toggled_cb (ClabSummary *self)
{
  update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CPU_TIME]);
}

static void
compare_toggled_cb (ClabSummary *self)
{
  update_rows (self);
}

/* A pair's second half goes under the first in a smaller line: "± 12 ms" beside every mean
 * and speedup, and the max beside the min, made the table wider than a window with the
 * sidebar and the editor open. */
static gboolean
column_is_split (ClabSummaryColumn column)
{
  return column == CLAB_SUMMARY_MEAN || column == CLAB_SUMMARY_SPEEDUP
         || column == CLAB_SUMMARY_RANGE;
}

static GtkWidget *
create_split_cell (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *mean = gtk_label_new (NULL);
  GtkWidget *spread = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (mean), 1.0);
  gtk_label_set_xalign (GTK_LABEL (spread), 1.0);
  gtk_widget_add_css_class (mean, "numeric");
  gtk_widget_add_css_class (spread, "numeric");
  gtk_widget_add_css_class (spread, "caption");
  gtk_widget_add_css_class (spread, "dim-label");
  gtk_box_append (GTK_BOX (box), mean);
  gtk_box_append (GTK_BOX (box), spread);
  return box;
}

/* Any cell of a row names the values its collapsed columns no longer show. */
static gboolean
query_cell_tooltip_cb (GtkWidget   *cell,
                       int          x,
                       int          y,
                       gboolean     keyboard,
                       GtkTooltip  *tooltip,
                       GtkListItem *item)
{
  GtkWidget *summary = gtk_widget_get_ancestor (cell, CLAB_TYPE_SUMMARY);
  g_autofree char *text = NULL;

  if (summary == NULL || gtk_list_item_get_item (item) == NULL)
    return FALSE;
  text = clab_summary_dup_collapsed_text (CLAB_SUMMARY (summary),
                                          gtk_list_item_get_position (item));
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *child;
  ClabSummaryColumn column = GPOINTER_TO_UINT (user_data);

  if (column_is_split (column))
    child = create_split_cell ();
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), column == CLAB_SUMMARY_MODE ? 0.0 : 1.0);
      if (column != CLAB_SUMMARY_MODE)
        gtk_widget_add_css_class (child, "numeric");
    }
  if (clab_summary_column_explanation (column) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    clab_summary_column_explanation (column), -1);
  gtk_widget_set_has_tooltip (child, TRUE);
  /* The item owns the cell, so it outlives the handler. */
  g_signal_connect (child, "query-tooltip", G_CALLBACK (query_cell_tooltip_cb), item);
  if (column == CLAB_SUMMARY_MODE)
    g_object_set_data (G_OBJECT (child), "clab-summary-item", item);
  gtk_list_item_set_child (item, child);
}

/* The values of hidden columns are in every cell's tooltip for the pointer, and in the mode
 * cell's description for a screen reader, which reads a row from its first cell. */
static void
describe_mode_cell (ClabSummary *self,
                    GtkWidget   *cell)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (cell), "clab-summary-item");
  g_autofree char *text = NULL;

  if (item == NULL || gtk_list_item_get_item (item) == NULL)
    return;
  text = clab_summary_dup_collapsed_text (self, gtk_list_item_get_position (item));
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
describe_mode_cells_below (ClabSummary *self,
                           GtkWidget   *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_object_get_data (G_OBJECT (child), "clab-summary-item") != NULL)
        describe_mode_cell (self, child);
      else
        describe_mode_cells_below (self, child);
    }
}

void
_clab_summary_describe_collapsed (ClabSummary *self)
{
  describe_mode_cells_below (self, GTK_WIDGET (self->column_view));
}

/* The first line keeps the unit the pair shared; the whole one-line text stays the cell's
 * accessible label. */
static void
bind_split_cell (GtkWidget         *box,
                 ClabSummaryRow    *row,
                 ClabSummaryColumn  column)
{
  GtkWidget *first = gtk_widget_get_first_child (box);
  GtkWidget *second = gtk_widget_get_next_sibling (first);
  const char *second_text;
  const char *first_text = clab_summary_row_get_lines (row, column, &second_text);

  gtk_label_set_text (GTK_LABEL (first), first_text);
  gtk_label_set_text (GTK_LABEL (second), second_text ? second_text : "");
  gtk_widget_set_visible (second, second_text != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  clab_summary_row_get_text (row, column), -1);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  ClabSummaryRow *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  ClabSummaryColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *summary = gtk_widget_get_ancestor (child, CLAB_TYPE_SUMMARY);

  if (column_is_split (column))
    bind_split_cell (child, row, column);
  else
    gtk_label_set_text (GTK_LABEL (child), clab_summary_row_get_text (row, column));
  if (column == CLAB_SUMMARY_MODE && summary != NULL)
    describe_mode_cell (CLAB_SUMMARY (summary), child);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The heading at @x, @y of the table, a child of its "header" node (GtkColumnView's CSS
 * nodes), or NULL over the rows. */
static GtkWidget *
pick_heading (GtkWidget *view,
              double     x,
              double     y)
{
  for (GtkWidget *widget = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
       widget != NULL && widget != view; widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (parent != NULL && gtk_widget_get_parent (parent) == view
          && g_strcmp0 (gtk_widget_get_css_name (parent), "header") == 0)
        return widget;
    }
  return NULL;
}

/* GTK 4.8 gives a column's heading no tooltip of its own: the table answers for the heading
 * under the pointer, told by its title. */
static gboolean
query_heading_tooltip_cb (ClabSummary *self,
                          int          x,
                          int          y,
                          gboolean     keyboard,
                          GtkTooltip  *tooltip)
{
  GtkWidget *heading = pick_heading (GTK_WIDGET (self->column_view), x, y);

  for (guint i = 0; heading != NULL && i < CLAB_N_SUMMARY_COLUMNS; i++)
    {
      const char *explanation = clab_summary_column_explanation (i);

      if (explanation != NULL
          && has_label (heading, gtk_column_view_column_get_title (self->columns[i])))
        {
          gtk_tooltip_set_text (tooltip, explanation);
          return TRUE;
        }
    }
  return FALSE;
}

static void
add_columns (ClabSummary *self)
{
  for (guint i = 0; i < CLAB_N_SUMMARY_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (clab_summary_column_title (i), factory);
      gtk_column_view_column_set_expand (column, i == CLAB_SUMMARY_MODE);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[i] = column;
    }
}

/* A hidden column's value, and what it is where its heading alone does not say: the
 * heading's tooltip is hidden with it. */
static void
append_collapsed_value (GString           *text,
                        ClabSummaryRow    *row,
                        ClabSummaryColumn  column)
{
  const char *explanation = clab_summary_column_explanation (column);

  if (explanation != NULL)
    /* TRANSLATORS: in a row's tooltip, a value of a column hidden to fit the window and
     * what it is, e.g. "CPUs busy: 1.84 (CPU time over elapsed time: …)" */
    g_string_append_printf (text, _("%s: %s (%s)"), clab_summary_column_title (column),
                            clab_summary_row_get_text (row, column), explanation);
  else
    /* TRANSLATORS: in a row's tooltip, a value of a column hidden to fit the window,
     * e.g. "Median: 2.31 s" */
    g_string_append_printf (text, _("%s: %s"), clab_summary_column_title (column),
                            clab_summary_row_get_text (row, column));
}

char *
clab_summary_dup_collapsed_text (ClabSummary *self,
                                 guint        position)
{
  g_autoptr(ClabSummaryRow) row = NULL;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (CLAB_IS_SUMMARY (self), NULL);

  row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  if (row == NULL || self->n_collapsed == 0)
    return NULL;
  text = g_string_new (NULL);
  /* In the table's order, not in the order they gave way. */
  for (guint i = 0; i < CLAB_N_SUMMARY_COLUMNS; i++)
    {
      if (!clab_summary_is_collapsed (self, i))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      append_collapsed_value (text, row, i);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
clab_summary_is_collapsed (ClabSummary       *self,
                           ClabSummaryColumn  column)
{
  g_return_val_if_fail (CLAB_IS_SUMMARY (self), FALSE);
  g_return_val_if_fail (column < CLAB_N_SUMMARY_COLUMNS, FALSE);

  return _clab_summary_column_collapsed (self, column);
}

static void
clab_summary_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ClabSummary *self = CLAB_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_RESULT: g_value_set_object (value, self->result); break;
    case PROP_BASELINE: g_value_set_object (value, self->baseline); break;
    case PROP_CPU_TIME: g_value_set_boolean (value, clab_summary_get_cpu_time (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_summary_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ClabSummary *self = CLAB_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_RESULT: clab_summary_set_result (self, g_value_get_object (value)); break;
    case PROP_BASELINE: clab_summary_set_baseline (self, g_value_get_object (value)); break;
    case PROP_CPU_TIME: clab_summary_set_cpu_time (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_summary_dispose (GObject *object)
{
  ClabSummary *self = CLAB_SUMMARY (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CLAB_TYPE_SUMMARY);
  /* The template's root is not a bound child, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->result);
  g_clear_object (&self->baseline);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (clab_summary_parent_class)->dispose (object);
}

static void
clab_summary_class_init (ClabSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clab_summary_dispose;
  object_class->get_property = clab_summary_get_property;
  object_class->set_property = clab_summary_set_property;

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, CLAB_TYPE_RESULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASELINE] =
    g_param_spec_object ("baseline", NULL, NULL, CLAB_TYPE_RESULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CPU_TIME] =
    g_param_spec_boolean ("cpu-time", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/concurrencylab/ConcurrencyLab/clab-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, baseline_label);
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, baseline_note);
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, baseline_tag);
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, column_view);
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, compare_button);
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, controls_box);
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, cpu_button);
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, heading_box);
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, ClabSummary, warnings_label);
  gtk_widget_class_bind_template_callback (widget_class, compare_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, cpu_toggled_cb);
  _clab_summary_install_layout (widget_class);
}

static void
clab_summary_init (ClabSummary *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fitted_width = -1;
  self->rows = g_list_store_new (CLAB_TYPE_SUMMARY_ROW);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_column_view_set_model (self->column_view, selection);
  add_columns (self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->column_view), TRUE);
  g_signal_connect_swapped (self->column_view, "query-tooltip",
                            G_CALLBACK (query_heading_tooltip_cb), self);
  update_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
