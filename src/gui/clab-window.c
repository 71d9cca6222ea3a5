/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-chart-view.h"
#include "clab-comparison.h"
#include "clab-plan-editor.h"
#include "clab-sidebar.h"
#include "clab-summary.h"
#include "clab-window-private.h"

#define DEFAULT_PRESET "sleep-2x2"

enum {
  PROP_0,
  PROP_CHART_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ClabWindow, clab_window, ADW_TYPE_APPLICATION_WINDOW)


void
clab_window_update_actions (ClabWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean running = self->session != NULL;
  gboolean shown = self->result != NULL && !running;

  gtk_widget_action_set_enabled (widget, "win.run",
                                 !running && clab_plan_editor_get_valid (self->plan_editor));
  gtk_widget_action_set_enabled (widget, "win.cancel", running);
  gtk_widget_action_set_enabled (widget, "win.save-comparison",
                                 clab_plan_editor_get_valid (self->plan_editor));
  gtk_widget_action_set_enabled (widget, "win.save", shown);
  gtk_widget_action_set_enabled (widget, "win.export-chart", shown);
  gtk_widget_action_set_enabled (widget, "win.copy-chart", shown);
  gtk_widget_action_set_enabled (widget, "win.copy-results", shown);
  gtk_widget_action_set_enabled (widget, "win.export-data", shown);
  gtk_widget_action_set_enabled (widget, "win.export-report", shown);
  gtk_widget_action_set_enabled (widget, "win.pin-baseline",
                                 shown && clab_summary_get_baseline (self->summary) != self->result);
  gtk_widget_action_set_enabled (widget, "win.clear-baseline",
                                 clab_summary_get_baseline (self->summary) != NULL);
  gtk_stack_set_visible_child_name (self->run_stack, running ? "cancel" : "run");
  _clab_window_update_run_button (self);
  _clab_window_update_counterpart (self);
}

void
clab_window_show_result (ClabWindow *self,
                         ClabResult *result)
{
  g_return_if_fail (CLAB_IS_WINDOW (self));
  g_return_if_fail (result == NULL || CLAB_IS_RESULT (result));

  g_set_object (&self->result, result);
  /* A result shows the plan it ran. */
  if (result != NULL && self->session == NULL)
    _clab_window_show_plan_of (self, result);
  clab_chart_view_set_result (self->chart_view, result);
  clab_summary_set_result (self->summary, result);
  gtk_stack_set_visible_child_name (self->results_stack, result ? "results" : "empty");
  clab_window_update_actions (self);
}

ClabResult *
clab_window_get_result (ClabWindow *self)
{
  g_return_val_if_fail (CLAB_IS_WINDOW (self), NULL);
  return self->result;
}

gboolean
clab_window_get_running (ClabWindow *self)
{
  g_return_val_if_fail (CLAB_IS_WINDOW (self), FALSE);
  return self->session != NULL;
}

void
clab_window_show_toast (ClabWindow *self,
                        AdwToast   *toast,
                        const char *message)
{
  g_autofree char *markup = NULL;

  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  /* A toast's title is markup: file names and parser errors hold < and &. */
  markup = g_markup_escape_text (message, -1);
  adw_toast_set_title (toast, markup);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
clab_window_add_toast (ClabWindow *self,
                       const char *message)
{
  g_return_if_fail (CLAB_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  clab_window_show_toast (self, adw_toast_new (""), message);
}

const char *
clab_window_get_last_toast (ClabWindow *self)
{
  g_return_val_if_fail (CLAB_IS_WINDOW (self), NULL);
  return self->last_toast;
}

ClabPlanEditor *
clab_window_get_plan_editor (ClabWindow *self)
{
  g_return_val_if_fail (CLAB_IS_WINDOW (self), NULL);
  return self->plan_editor;
}

ClabChartView *
clab_window_get_chart_view (ClabWindow *self)
{
  g_return_val_if_fail (CLAB_IS_WINDOW (self), NULL);
  return self->chart_view;
}

ClabSummary *
clab_window_get_summary (ClabWindow *self)
{
  g_return_val_if_fail (CLAB_IS_WINDOW (self), NULL);
  return self->summary;
}

void
clab_window_set_chart_type (ClabWindow    *self,
                            ClabChartType  chart_type)
{
  if (self->chart_type == chart_type)
    return;
  self->chart_type = chart_type;
  clab_chart_view_set_chart_type (self->chart_view, chart_type);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_TYPE]);
}

gboolean
clab_window_load_preset (ClabWindow *self,
                         const char *name)
{
  g_autoptr(ClabPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CLAB_IS_WINDOW (self), FALSE);

  if (self->session != NULL)
    return FALSE;   /* the plan cannot change while it runs */
  plan = clab_plan_load_preset (name, &error);
  if (plan == NULL)
    {
      clab_window_add_toast (self, error->message);
      return FALSE;
    }
  clab_plan_editor_set_plan (self->plan_editor, plan);
  clab_sidebar_select_preset (self->sidebar, name);
  return TRUE;
}

static void
preset_activated_cb (ClabWindow  *self,
                     const char  *name,
                     ClabSidebar *sidebar)
{
  clab_window_load_preset (self, name);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
result_activated_cb (ClabWindow     *self,
                     ClabComparison *comparison,
                     ClabSidebar    *sidebar)
{
  if (self->session != NULL)
    return;
  _clab_window_show_comparison (self, comparison);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
saved_activated_cb (ClabWindow  *self,
                    const char  *name,
                    ClabSidebar *sidebar)
{
  clab_window_load_comparison (self, name);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
plan_valid_cb (ClabWindow *self)
{
  clab_window_update_actions (self);
}

/* The last plan comes back as it was left; a first start shows the article's first case. */
static void
restore_plan (ClabWindow *self)
{
  g_autofree char *json = NULL;
  g_autoptr(ClabPlan) plan = NULL;

  if (self->settings != NULL)
    json = g_settings_get_string (self->settings, "last-plan");
  /* Read as any plan file: settings are a file too, so a command in them asks first. */
  if (json != NULL && *json != '\0')
    plan = clab_plan_new_from_data (json, strlen (json), "last-plan", NULL);
  if (plan == NULL)
    {
      clab_window_load_preset (self, DEFAULT_PRESET);
      return;
    }
  clab_plan_editor_set_plan (self->plan_editor, plan);
  /* A saved comparison has a title but no preset name. */
  if (clab_plan_get_name (plan) == NULL && clab_plan_get_title (plan) != NULL)
    clab_sidebar_select_saved (self->sidebar, clab_plan_get_title (plan));
  else
    clab_sidebar_select_preset (self->sidebar, clab_plan_get_name (plan));
}

static void
save_state (ClabWindow *self)
{
  g_autofree char *json = NULL;
  int width, height;

  if (self->settings == NULL)
    return;
  json = clab_plan_to_json_string (clab_plan_editor_get_plan (self->plan_editor), FALSE);
  g_settings_set_string (self->settings, "last-plan", json);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
restore_size (ClabWindow *self)
{
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
clab_window_close_request (GtkWindow *window)
{
  ClabWindow *self = CLAB_WINDOW (window);

  clab_window_cancel_run (self);
  save_state (self);
  return GTK_WINDOW_CLASS (clab_window_parent_class)->close_request (window);
}

/* Not in constructed(): GObject sets "application" only after it. */
ClabWindow *
clab_window_new (ClabApplication *application)
{
  ClabWindow *self;
  GSettings *settings;

  g_return_val_if_fail (CLAB_IS_APPLICATION (application), NULL);

  self = g_object_new (CLAB_TYPE_WINDOW, "application", application, NULL);
  settings = clab_application_get_settings (application);
  self->settings = settings ? g_object_ref (settings) : NULL;
  clab_chart_view_set_settings (self->chart_view, settings);
  self->plan_store = g_object_ref (clab_application_get_plan_store (application));
  clab_sidebar_set_results (self->sidebar, clab_application_get_results (application));
  clab_sidebar_set_saved (self->sidebar, clab_plan_store_get_plans (self->plan_store));
  restore_size (self);
  restore_plan (self);
  clab_window_update_actions (self);
  return self;
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
clab_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ClabWindow *self = CLAB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CHART_TYPE:
      g_value_set_string (value, clab_chart_type_to_string (self->chart_type));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ClabWindow *self = CLAB_WINDOW (object);
  ClabChartType chart_type;

  switch (prop_id)
    {
    case PROP_CHART_TYPE:
      if (clab_chart_type_from_string (g_value_get_string (value), &chart_type, NULL))
        clab_window_set_chart_type (self, chart_type);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_window_dispose (GObject *object)
{
  ClabWindow *self = CLAB_WINDOW (object);

  clab_window_cancel_run (self);
  _clab_window_stop_refresh (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLAB_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->plan_store);
  g_clear_object (&self->result);
  g_clear_object (&self->counterpart_of);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_pointer (&self->deleted_comparisons, g_hash_table_unref);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->loading_timeout, g_source_remove);

  G_OBJECT_CLASS (clab_window_parent_class)->dispose (object);
}

static void
clab_window_class_init (ClabWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = clab_window_dispose;
  object_class->get_property = clab_window_get_property;
  object_class->set_property = clab_window_set_property;
  window_class->close_request = clab_window_close_request;

  /* A string, so that the chart switcher's buttons can name their chart as an action target. */
  properties[PROP_CHART_TYPE] =
    g_param_spec_string ("chart-type", NULL, NULL, "elapsed",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLAB_TYPE_CHART_VIEW);
  g_type_ensure (CLAB_TYPE_PLAN_EDITOR);
  g_type_ensure (CLAB_TYPE_PROGRESS_LINE);
  g_type_ensure (CLAB_TYPE_SIDEBAR);
  g_type_ensure (CLAB_TYPE_SUMMARY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/concurrencylab/ConcurrencyLab/clab-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, counterpart_button);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, plan_editor);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, progress_text);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, results_stack);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, run_stack);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, summary);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, plan_valid_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, saved_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "win.chart-type", "chart-type");
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  clab_window_class_add_run (widget_class);
  clab_window_class_add_actions (widget_class);
  clab_window_class_add_comparisons (widget_class);
  clab_window_class_add_loading (widget_class);
  clab_window_class_add_counterpart (widget_class);
}

static void
clab_window_init (ClabWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
