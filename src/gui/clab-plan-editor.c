/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "clab-plan-editor.h"
#include "clab-plan-editor-private.h"
#include "clab-wheel-guard.h"
#include "clab-plan-python.h"
#include "clab-result-store.h"
#include "clab-runtime-editor.h"


enum {
  PROP_0,
  PROP_PLAN,
  PROP_VALID,
  PROP_MODIFIED,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ClabPlanEditor, clab_plan_editor, GTK_TYPE_WIDGET)

static void
read_modes (ClabPlanEditor *self)
{
  ClabMode modes[CLAB_N_MODES];
  guint n_modes = 0;

  for (guint m = 0; m < CLAB_N_MODES; m++)
    if (gtk_switch_get_active (self->mode_switches[m]))
      modes[n_modes++] = m;
  clab_plan_set_modes (self->plan, modes, n_modes);
}

/* Measure Scaling runs the pools on 1, 2, 4 … workers and on the Workers value
 * itself. A loaded plan's own list (a preset's may go past the CPUs) stays until the
 * Workers value changes. */
static void
read_sweep (ClabPlanEditor *self)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint workers = clab_plan_get_workers (self->plan), n_sweep;

  clab_plan_get_sweep_workers (self->plan, &n_sweep);
  if (!gtk_switch_get_active (self->scaling_switch))
    {
      clab_plan_set_sweep_workers (self->plan, NULL, 0);
      return;
    }
  if (n_sweep > 0 && self->sweep_basis == workers)
    return;
  self->sweep_basis = workers;
  for (guint w = 1; w < workers; w *= 2)
    g_array_append_val (counts, w);
  g_array_append_val (counts, workers);
  clab_plan_set_sweep_workers (self->plan, (const guint *) (gpointer) counts->data, counts->len);
}

static void
update_scaling_subtitle (ClabPlanEditor *self)
{
  guint n_sweep;
  const guint *sweep = clab_plan_get_sweep_workers (self->plan, &n_sweep);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < n_sweep; i++)
    g_string_append_printf (list, "%s%u", i > 0 ? ", " : "", sweep[i]);
  if (n_sweep > 0)
    /* TRANSLATORS: %s is a list of worker counts, e.g. "1, 2, 4, 8" */
    subtitle = g_strdup_printf (_("The pools run on %s workers, for the Scaling chart"),
                                list->str);
  else
    subtitle = g_strdup (_("Also run the pools on 1, 2, 4 … workers, for the Scaling chart"));
  adw_action_row_set_subtitle (self->scaling_row, subtitle);
}

static void
read_widgets (ClabPlanEditor *self)
{
  _clab_plan_editor_read_workload (self);
  clab_plan_set_tasks (self->plan, gtk_spin_button_get_value_as_int (self->tasks_spin));
  clab_plan_set_workers (self->plan, gtk_spin_button_get_value_as_int (self->workers_spin));
  clab_plan_set_runs (self->plan, gtk_spin_button_get_value_as_int (self->runs_spin));
  clab_plan_set_warmup (self->plan, gtk_spin_button_get_value_as_int (self->warmup_spin));
  clab_plan_set_timeout_s (self->plan, gtk_spin_button_get_value (self->timeout_spin));
  read_modes (self);
  read_sweep (self);
}

static void
validate (ClabPlanEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean was_valid = self->message == NULL;

  g_clear_pointer (&self->message, g_free);
  if (!clab_plan_validate (self->plan, &error))
    self->message = g_strdup (error->message);
  else if (clab_runtime_editor_get_message (self->runtime_editor) != NULL)
    /* What the plan's own interpreter said, checked off the main thread. */
    self->message = g_strdup (clab_runtime_editor_get_message (self->runtime_editor));
  gtk_label_set_text (self->message_label, self->message ? self->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_box), self->message != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->command_row), "error");
  if (self->message != NULL && clab_plan_get_workload (self->plan) == CLAB_WORKLOAD_COMMAND)
    gtk_widget_add_css_class (GTK_WIDGET (self->command_row), "error");
  if (was_valid != (self->message == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
runtime_checked_cb (ClabPlanEditor *self)
{
  validate (self);
}

static gboolean
same_modes (ClabPlan *a,
            ClabPlan *b)
{
  guint n_a, n_b, sweep_a, sweep_b;
  const ClabMode *modes_a = clab_plan_get_modes (a, &n_a);
  const ClabMode *modes_b = clab_plan_get_modes (b, &n_b);
  const guint *workers_a = clab_plan_get_sweep_workers (a, &sweep_a);
  const guint *workers_b = clab_plan_get_sweep_workers (b, &sweep_b);

  return n_a == n_b && (n_a == 0 || memcmp (modes_a, modes_b, n_a * sizeof (ClabMode)) == 0) &&
         sweep_a == sweep_b &&
         (sweep_a == 0 || memcmp (workers_a, workers_b, sweep_a * sizeof (guint)) == 0);
}

/* Whether two plans run the same: their names and words aside. */
static gboolean
same_settings (ClabPlan *a,
               ClabPlan *b)
{
  return clab_plan_get_workload (a) == clab_plan_get_workload (b) &&
         (clab_plan_get_workload (a) == CLAB_WORKLOAD_COMMAND ||
          clab_plan_get_size (a) == clab_plan_get_size (b)) &&
         g_strcmp0 (clab_plan_get_command (a), clab_plan_get_command (b)) == 0 &&
         g_strcmp0 (clab_plan_get_io_folder (a), clab_plan_get_io_folder (b)) == 0 &&
         clab_plan_get_tasks (a) == clab_plan_get_tasks (b) &&
         clab_plan_get_workers (a) == clab_plan_get_workers (b) &&
         clab_plan_get_runs (a) == clab_plan_get_runs (b) &&
         clab_plan_get_warmup (a) == clab_plan_get_warmup (b) &&
         clab_plan_get_timeout_s (a) == clab_plan_get_timeout_s (b) &&
         clab_plan_get_sample_interval_ms (a) == clab_plan_get_sample_interval_ms (b) &&
         clab_plan_get_runtime (a) == clab_plan_get_runtime (b) &&
         g_strcmp0 (clab_plan_get_python (a), clab_plan_get_python (b)) == 0 &&
         g_strcmp0 (clab_plan_get_start_method (a), clab_plan_get_start_method (b)) == 0 &&
         g_strcmp0 (clab_plan_get_function_file (a), clab_plan_get_function_file (b)) == 0 &&
         same_modes (a, b);
}

static void
update_heading (ClabPlanEditor *self)
{
  const char *title = clab_plan_get_shown_title (self->plan);
  const char *origin_title = clab_plan_get_shown_title (self->origin);
  g_autofree char *description = NULL;

  if (self->modified && origin_title != NULL && g_strcmp0 (origin_title, title) != 0)
    /* TRANSLATORS: under an edited plan's title: the preset, result or comparison it came from */
    description = g_strdup_printf (_("Changed from “%s”"), origin_title);
  else if (!self->modified)
    description = g_strdup (clab_plan_get_shown_description (self->plan));
  /* Text, not markup: a plan file's words are the file's. */
  gtk_label_set_text (self->plan_title, title ? title : _("Custom Comparison"));
  gtk_label_set_text (self->plan_description, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->plan_description),
                          description != NULL && *description != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->modified_tag), self->modified);
}

/* An edited plan is another plan: a preset's or a result's words no longer fit it, so it is
 * titled by what it runs; editing it back makes it the plan it was. */
static void
update_modified (ClabPlanEditor *self)
{
  gboolean modified = !same_settings (self->plan, self->origin);

  if (modified)
    {
      g_autofree char *title = clab_result_store_describe_plan (self->plan);

      clab_plan_set_name (self->plan, NULL);
      clab_plan_set_title (self->plan, title);
      clab_plan_set_description (self->plan, NULL);
    }
  else
    {
      clab_plan_set_name (self->plan, clab_plan_get_name (self->origin));
      clab_plan_set_title (self->plan, clab_plan_get_title (self->origin));
      clab_plan_set_description (self->plan, clab_plan_get_description (self->origin));
    }
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  update_heading (self);
}

static void
changed_cb (ClabPlanEditor *self)
{
  if (self->syncing)
    return;
  _clab_plan_editor_configure_workload (self, adw_combo_row_get_selected (self->workload_row));
  read_widgets (self);
  update_scaling_subtitle (self);
  update_modified (self);
  validate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

void
_clab_plan_editor_changed (ClabPlanEditor *self)
{
  changed_cb (self);
}

static void
write_widgets (ClabPlanEditor *self)
{
  guint n_sweep;

  clab_plan_get_sweep_workers (self->plan, &n_sweep);
  self->sweep_basis = clab_plan_get_workers (self->plan);
  update_heading (self);
  _clab_plan_editor_write_workload (self);
  gtk_spin_button_set_value (self->tasks_spin, clab_plan_get_tasks (self->plan));
  gtk_spin_button_set_value (self->workers_spin, clab_plan_get_workers (self->plan));
  gtk_spin_button_set_value (self->runs_spin, clab_plan_get_runs (self->plan));
  gtk_spin_button_set_value (self->warmup_spin, clab_plan_get_warmup (self->plan));
  gtk_spin_button_set_value (self->timeout_spin, clab_plan_get_timeout_s (self->plan));
  for (guint m = 0; m < CLAB_N_MODES; m++)
    gtk_switch_set_active (self->mode_switches[m], clab_plan_has_mode (self->plan, m));
  gtk_switch_set_active (self->scaling_switch, n_sweep > 0);
  update_scaling_subtitle (self);
}

ClabPlan *
clab_plan_editor_get_plan (ClabPlanEditor *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN_EDITOR (self), NULL);
  return self->plan;
}

void
clab_plan_editor_set_plan (ClabPlanEditor *self,
                           ClabPlan       *plan)
{
  g_return_if_fail (CLAB_IS_PLAN_EDITOR (self));
  g_return_if_fail (CLAB_IS_PLAN (plan));

  g_clear_object (&self->plan);
  g_clear_object (&self->origin);
  self->plan = clab_plan_copy (plan);
  self->origin = clab_plan_copy (plan);
  if (self->modified)
    {
      self->modified = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  self->syncing = TRUE;
  write_widgets (self);
  clab_runtime_editor_set_plan (self->runtime_editor, self->plan);
  self->syncing = FALSE;
  validate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

gboolean
clab_plan_editor_get_modified (ClabPlanEditor *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN_EDITOR (self), FALSE);
  return self->modified;
}

gboolean
clab_plan_editor_shows_plan (ClabPlanEditor *self,
                             ClabPlan       *plan)
{
  g_return_val_if_fail (CLAB_IS_PLAN_EDITOR (self), FALSE);
  g_return_val_if_fail (CLAB_IS_PLAN (plan), FALSE);
  return same_settings (self->plan, plan);
}

gboolean
clab_plan_editor_get_locked (ClabPlanEditor *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN_EDITOR (self), FALSE);
  return self->locked;
}

/* Every group but the line that says why goes insensitive. */
void
clab_plan_editor_set_locked (ClabPlanEditor *self,
                             gboolean        locked)
{
  GtkWidget *box;

  g_return_if_fail (CLAB_IS_PLAN_EDITOR (self));

  locked = !!locked;
  if (self->locked == locked)
    return;
  self->locked = locked;
  box = gtk_widget_get_first_child (GTK_WIDGET (self));
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != GTK_WIDGET (self->lock_box))
      gtk_widget_set_sensitive (child, !locked);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_box), locked);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

gboolean
clab_plan_editor_get_valid (ClabPlanEditor *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN_EDITOR (self), FALSE);
  return self->message == NULL;
}

const char *
clab_plan_editor_get_message (ClabPlanEditor *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN_EDITOR (self), NULL);
  return self->message;
}

static void
fill_workloads (ClabPlanEditor *self)
{
  g_autofree char *workers = NULL;

  _clab_plan_editor_fill_workloads (self);
  workers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The size of the pools; threads and processes start one per task. This computer has %u processor.",
                                          "The size of the pools; threads and processes start one per task. This computer has %u processors.",
                                          g_get_num_processors ()),
                             g_get_num_processors ());
  adw_action_row_set_subtitle (self->workers_row, workers);
  gtk_spin_button_set_range (self->tasks_spin, 1, CLAB_MAX_TASKS);
  gtk_spin_button_set_range (self->workers_spin, 1, CLAB_MAX_WORKERS);
}

static void
clab_plan_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ClabPlanEditor *self = CLAB_PLAN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PLAN: g_value_set_object (value, self->plan); break;
    case PROP_VALID: g_value_set_boolean (value, clab_plan_editor_get_valid (self)); break;
    case PROP_MODIFIED: g_value_set_boolean (value, self->modified); break;
    case PROP_LOCKED: g_value_set_boolean (value, self->locked); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_plan_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ClabPlanEditor *self = CLAB_PLAN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LOCKED: clab_plan_editor_set_locked (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_plan_editor_dispose (GObject *object)
{
  ClabPlanEditor *self = CLAB_PLAN_EDITOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CLAB_TYPE_PLAN_EDITOR);
  /* The template's root is not a bound child, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->plan);
  g_clear_object (&self->origin);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (clab_plan_editor_parent_class)->dispose (object);
}

static void
clab_plan_editor_class_init (ClabPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clab_plan_editor_dispose;
  object_class->get_property = clab_plan_editor_get_property;
  object_class->set_property = clab_plan_editor_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, CLAB_TYPE_PLAN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/concurrencylab/ConcurrencyLab/clab-plan-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, command_row);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, folder_row);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, lock_box);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, message_box);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, message_label);
  gtk_widget_class_bind_template_child_full (widget_class, "sequential_switch", FALSE,
                                             G_STRUCT_OFFSET (ClabPlanEditor, mode_switches[CLAB_MODE_SEQUENTIAL]));
  gtk_widget_class_bind_template_child_full (widget_class, "threads_switch", FALSE,
                                             G_STRUCT_OFFSET (ClabPlanEditor, mode_switches[CLAB_MODE_THREADS]));
  gtk_widget_class_bind_template_child_full (widget_class, "thread_pool_switch", FALSE,
                                             G_STRUCT_OFFSET (ClabPlanEditor, mode_switches[CLAB_MODE_THREAD_POOL]));
  gtk_widget_class_bind_template_child_full (widget_class, "processes_switch", FALSE,
                                             G_STRUCT_OFFSET (ClabPlanEditor, mode_switches[CLAB_MODE_PROCESSES]));
  gtk_widget_class_bind_template_child_full (widget_class, "process_pool_switch", FALSE,
                                             G_STRUCT_OFFSET (ClabPlanEditor, mode_switches[CLAB_MODE_PROCESS_POOL]));
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, modified_tag);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, plan_description);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, plan_title);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, runs_spin);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, scaling_row);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, scaling_switch);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, size_row);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, size_spin);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, tasks_spin);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, warmup_spin);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, workers_row);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, workload_group);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, workload_row);
  gtk_widget_class_bind_template_child (widget_class, ClabPlanEditor, runtime_editor);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, runtime_checked_cb);
  _clab_plan_editor_install_folder_actions (widget_class);
  g_type_ensure (CLAB_TYPE_RUNTIME_EDITOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* A screen reader names a row's spin button or switch by the row's title and reads its
 * subtitle as the description, as for a label next to it. */
static void
label_by_row (GtkWidget *control)
{
  GtkWidget *row = gtk_widget_get_ancestor (control, ADW_TYPE_ACTION_ROW);

  if (row != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (control),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                    -1);
}

static void
label_controls (ClabPlanEditor *self)
{
  GtkSpinButton *spins[] = { self->size_spin, self->tasks_spin, self->workers_spin,
                             self->runs_spin, self->warmup_spin, self->timeout_spin };

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    label_by_row (GTK_WIDGET (spins[i]));
  for (guint m = 0; m < CLAB_N_MODES; m++)
    label_by_row (GTK_WIDGET (self->mode_switches[m]));
  label_by_row (GTK_WIDGET (self->scaling_switch));
}

static void
guard_wheels (ClabPlanEditor *self)
{
  GtkSpinButton *spins[] = { self->size_spin, self->tasks_spin, self->workers_spin,
                             self->runs_spin, self->warmup_spin, self->timeout_spin };

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    clab_wheel_guard_spin_button (spins[i]);
}

static void
clab_plan_editor_init (ClabPlanEditor *self)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();

  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  label_controls (self);
  fill_workloads (self);
  guard_wheels (self);
  self->syncing = FALSE;
  clab_plan_editor_set_plan (self, plan);
}
