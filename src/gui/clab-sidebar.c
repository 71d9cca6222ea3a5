/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-plan.h"
#include "clab-sidebar.h"

/* As GTK fades an insensitive label (Adwaita's dim-label opacity). */
#define LOCKED_OPACITY 0.55

struct _ClabSidebar
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkListBox *presets_list;
  GtkListBox *results_list;
  GtkListBox *saved_list;

  /* Owned references */
  GListModel *results;
  ClabResult *baseline;
};

enum {
  PRESET_ACTIVATED,
  RESULT_ACTIVATED,
  SAVED_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ClabSidebar, clab_sidebar, GTK_TYPE_WIDGET)

/* @suffix (may be NULL) sits at the row's end: a tag or a button. */
static GtkWidget *
create_row (const char *title,
            const char *subtitle,
            GtkWidget  *suffix)
{
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
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
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), subtitle_label);
  gtk_box_append (GTK_BOX (hbox), box);
  if (suffix != NULL)
    gtk_box_append (GTK_BOX (hbox), suffix);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  g_object_set_data (G_OBJECT (row), "title-label", title_label);
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
      row = create_row (title ? title : names[i], description ? description : "", NULL);
      g_object_set_data_full (G_OBJECT (row), "preset", g_strdup (names[i]), g_free);
      gtk_list_box_append (self->presets_list, row);
    }
}

static GtkWidget *
create_baseline_tag (void)
{
  GtkWidget *tag = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_box_append (GTK_BOX (tag), gtk_image_new_from_icon_name ("view-pin-symbolic"));
  gtk_box_append (GTK_BOX (tag), gtk_label_new (_("Baseline")));
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (tag, _("Other results show their change against this one"));
  gtk_widget_add_css_class (tag, "baseline-tag");
  return tag;
}

static void
update_baseline_tag (ClabSidebar   *self,
                     GtkListBoxRow *row)
{
  GtkWidget *tag = g_object_get_data (G_OBJECT (row), "baseline-tag");
  ClabComparison *comparison = g_object_get_data (G_OBJECT (row), "comparison");
  ClabResult *result = clab_comparison_get_result (comparison);

  gtk_widget_set_visible (tag, self->baseline != NULL && result == self->baseline);
}

static GtkWidget *
create_result_menu (ClabComparison *comparison)
{
  const char *id = clab_comparison_get_id (comparison);
  g_autofree char *label = g_strdup_printf (_("More About “%s”"), clab_comparison_get_title (comparison));
  g_autoptr(GMenu) menu = g_menu_new ();
  static const struct { const char *label; const char *action; } items[] = {
    { N_("Rename…"), "win.rename-result" },
    { N_("Show in Files"), "win.show-result-file" },
    { N_("Delete"), "win.delete-result" },
  };
  GtkWidget *button = gtk_menu_button_new ();

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (id));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Rename, Show in Files or Delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  /* A result that could not be kept has no file to rename, show or delete. */
  gtk_widget_set_visible (button, id != NULL);
  return button;
}

static GtkWidget *
create_result_row_cb (gpointer item,
                      gpointer user_data)
{
  ClabSidebar *self = user_data;
  ClabComparison *comparison = item;
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *tag = create_baseline_tag ();
  GtkWidget *row;
  GtkWidget *title_label;

  gtk_box_append (GTK_BOX (suffix), tag);
  gtk_box_append (GTK_BOX (suffix), create_result_menu (comparison));
  row = create_row (clab_comparison_get_title (comparison),
                    clab_comparison_get_subtitle (comparison), suffix);
  /* A renamed result shows its new name at once. */
  title_label = g_object_get_data (G_OBJECT (row), "title-label");
  g_object_bind_property (comparison, "title", title_label, "label", G_BINDING_DEFAULT);
  g_object_set_data_full (G_OBJECT (row), "comparison", g_object_ref (comparison), g_object_unref);
  g_object_set_data (G_OBJECT (row), "baseline-tag", tag);
  update_baseline_tag (self, GTK_LIST_BOX_ROW (row));
  return row;
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  int ya, ma, da, yb, mb, db;

  g_date_time_get_ymd (a, &ya, &ma, &da);
  g_date_time_get_ymd (b, &yb, &mb, &db);
  return ya == yb && ma == mb && da == db;
}

static char *
dup_day_label (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

  if (same_day (local, now))
    return g_strdup (_("Today"));
  if (same_day (local, yesterday))
    return g_strdup (_("Yesterday"));
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* TRANSLATORS: a day in the list of results, e.g. "Monday, March 2"; see strftime(3) */
    return g_date_time_format (local, _("%A, %B %-e"));
  /* TRANSLATORS: a day of another year in the list of results, e.g. "March 2, 2025" */
  return g_date_time_format (local, _("%B %-e, %Y"));
}

static GDateTime *
row_day (GtkListBoxRow *row)
{
  return clab_comparison_get_time (g_object_get_data (G_OBJECT (row), "comparison"));
}

/* Results are grouped by the day they finished: Today, Yesterday, then dates. */
static void
update_day_header_cb (GtkListBoxRow *row,
                      GtkListBoxRow *before,
                      gpointer       user_data)
{
  g_autoptr(GDateTime) day = g_date_time_to_local (row_day (row));
  g_autoptr(GDateTime) day_before = before ? g_date_time_to_local (row_day (before)) : NULL;
  g_autofree char *text = NULL;
  GtkWidget *header;

  if (day_before != NULL && same_day (day, day_before))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  text = dup_day_label (day);
  header = gtk_list_box_row_get_header (row);
  if (header == NULL)
    {
      header = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_set_margin_top (header, 6);
      gtk_widget_set_margin_bottom (header, 2);
      gtk_widget_add_css_class (header, "caption-heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_list_box_row_set_header (row, header);
    }
  gtk_label_set_text (GTK_LABEL (header), text);
}

void
clab_sidebar_set_results (ClabSidebar *self,
                          GListModel  *results)
{
  g_return_if_fail (CLAB_IS_SIDEBAR (self));

  g_set_object (&self->results, results);
  gtk_list_box_bind_model (self->results_list, results, create_result_row_cb, self, NULL);
  gtk_list_box_set_header_func (self->results_list, update_day_header_cb, NULL, NULL);
}

void
clab_sidebar_set_baseline (ClabSidebar *self,
                           ClabResult  *baseline)
{
  GtkListBoxRow *row;

  g_return_if_fail (CLAB_IS_SIDEBAR (self));

  if (!g_set_object (&self->baseline, baseline))
    return;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->results_list, i)) != NULL; i++)
    update_baseline_tag (self, row);
}

void
clab_sidebar_set_locked (ClabSidebar *self,
                         gboolean     locked)
{
  GtkWidget *lists[] = { GTK_WIDGET (self->presets_list), GTK_WIDGET (self->saved_list),
                         GTK_WIDGET (self->results_list) };

  g_return_if_fail (CLAB_IS_SIDEBAR (self));

  /* Not made insensitive: that restyles and lays out every row again, 13 ms of the frame
   * that starts a run with a history of 66 results on the 2-CPU test machine, growing with
   * the history. Faded, the lists take no pointer and tell assistive technologies they are
   * disabled; what the keyboard still activates, the window refuses while it runs. */
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      gtk_widget_set_can_target (lists[i], !locked);
      gtk_widget_set_opacity (lists[i], locked ? LOCKED_OPACITY : 1.0);
      gtk_accessible_update_state (GTK_ACCESSIBLE (lists[i]), GTK_ACCESSIBLE_STATE_DISABLED,
                                   locked, -1);
    }
}


static char *
dup_plan_summary (ClabPlan *plan)
{
  ClabWorkloadKind kind = clab_plan_get_workload (plan);
  const char *unit = clab_workload_size_unit (kind);
  guint tasks = clab_plan_get_tasks (plan);
  guint workers = clab_plan_get_workers (plan);
  g_autofree char *work = NULL;
  g_autofree char *n_tasks = NULL;
  g_autofree char *n_workers = NULL;

  if (unit != NULL && *unit != '\0')
    work = g_strdup_printf ("%s %g %s", clab_workload_kind_to_string (kind), clab_plan_get_size (plan), unit);
  else
    work = g_strdup (clab_workload_kind_to_string (kind));
  n_tasks = g_strdup_printf (ngettext ("%u task", "%u tasks", tasks), tasks);
  n_workers = g_strdup_printf (ngettext ("%u worker", "%u workers", workers), workers);
  return g_strdup_printf ("%s · %s · %s", work, n_tasks, n_workers);
}

static GtkWidget *
create_delete_button (const char *name)
{
  g_autofree char *label = g_strdup_printf (_("Delete “%s”"), name);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Delete Comparison"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.delete-comparison");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (name));
  return button;
}

static GtkWidget *
create_saved_row_cb (gpointer item,
                     gpointer user_data)
{
  ClabPlan *plan = item;
  const char *name = clab_plan_get_title (plan);
  g_autofree char *summary = dup_plan_summary (plan);
  GtkWidget *row = create_row (name, summary, create_delete_button (name));

  g_object_set_data_full (G_OBJECT (row), "saved", g_strdup (name), g_free);
  return row;
}

void
clab_sidebar_set_saved (ClabSidebar *self,
                        GListModel  *plans)
{
  g_return_if_fail (CLAB_IS_SIDEBAR (self));

  gtk_list_box_bind_model (self->saved_list, plans, create_saved_row_cb, NULL, NULL);
}

/* One highlighted row in the whole sidebar: choosing in one list clears the others. */
static void
unselect_others (ClabSidebar *self,
                 GtkListBox  *keep)
{
  GtkListBox *lists[] = { self->presets_list, self->saved_list, self->results_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (lists[i] != keep)
      gtk_list_box_unselect_all (lists[i]);
}

static void
select_by_key (ClabSidebar *self,
               GtkListBox  *list,
               const char  *key,
               const char  *value)
{
  GtkListBoxRow *row;

  unselect_others (self, NULL);
  for (int i = 0; value != NULL && (row = gtk_list_box_get_row_at_index (list, i)); i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), key), value) == 0)
      gtk_list_box_select_row (list, row);
}

void
clab_sidebar_select_preset (ClabSidebar *self,
                            const char  *name)
{
  g_return_if_fail (CLAB_IS_SIDEBAR (self));
  select_by_key (self, self->presets_list, "preset", name);
}

void
clab_sidebar_select_saved (ClabSidebar *self,
                           const char  *name)
{
  g_return_if_fail (CLAB_IS_SIDEBAR (self));
  select_by_key (self, self->saved_list, "saved", name);
}

void
clab_sidebar_select_result (ClabSidebar    *self,
                            ClabComparison *comparison)
{
  GtkListBoxRow *row;

  g_return_if_fail (CLAB_IS_SIDEBAR (self));

  unselect_others (self, NULL);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->results_list, i)) != NULL; i++)
    if (g_object_get_data (G_OBJECT (row), "comparison") == comparison)
      gtk_list_box_select_row (self->results_list, row);
}

static void
preset_activated_cb (ClabSidebar   *self,
                     GtkListBoxRow *row)
{
  unselect_others (self, self->presets_list);
  g_signal_emit (self, signals[PRESET_ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "preset"));
}

static void
saved_activated_cb (ClabSidebar   *self,
                    GtkListBoxRow *row)
{
  unselect_others (self, self->saved_list);
  g_signal_emit (self, signals[SAVED_ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "saved"));
}

static void
result_activated_cb (ClabSidebar   *self,
                     GtkListBoxRow *row)
{
  ClabComparison *comparison = g_object_get_data (G_OBJECT (row), "comparison");

  unselect_others (self, self->results_list);
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
  g_clear_object (&self->baseline);

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
  signals[SAVED_ACTIVATED] =
    g_signal_new ("saved-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/concurrencylab/ConcurrencyLab/clab-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ClabSidebar, presets_list);
  gtk_widget_class_bind_template_child (widget_class, ClabSidebar, results_list);
  gtk_widget_class_bind_template_child (widget_class, ClabSidebar, saved_list);
  gtk_widget_class_bind_template_callback (widget_class, preset_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, saved_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
clab_sidebar_init (ClabSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_presets (self);
}
