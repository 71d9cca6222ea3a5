/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "clab-plan-python.h"
#include "clab-python-runtime.h"
#include "clab-runtime-editor-private.h"

/* Edits of the code are saved and checked once typing pauses this long. */
#define CHECK_DELAY_MS 400

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_CHECKING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ClabRuntimeEditor, clab_runtime_editor, GTK_TYPE_WIDGET)

static void schedule_check (ClabRuntimeEditor *self,
                            guint              delay_ms);

static const char *
runtime_description (ClabRuntime runtime)
{
  if (runtime == CLAB_RUNTIME_PYTHON)
    return _("CPython’s own threading, concurrent.futures and multiprocessing, run by the interpreter below.");
  return _("The lab’s engine in C: its threads compute in parallel, with no GIL.");
}

static gboolean
is_python (ClabRuntimeEditor *self)
{
  return self->plan != NULL && clab_plan_get_runtime (self->plan) == CLAB_RUNTIME_PYTHON;
}

static void
set_message (ClabRuntimeEditor *self,
             const char        *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  /* Also unchanged: the plan editor validates again after every check. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
set_checking (ClabRuntimeEditor *self,
              gboolean           checking)
{
  if (self->checking == checking)
    return;
  self->checking = checking;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

static void
show_file_name (ClabRuntimeEditor *self)
{
  g_autofree char *name = self->function_path ? g_path_get_basename (self->function_path) : NULL;

  gtk_label_set_text (self->file_label, name ? name : _("No function yet"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), self->function_path);
}

static void
update_visibility (ClabRuntimeEditor *self)
{
  gboolean python = adw_combo_row_get_selected (self->runtime_row) == CLAB_RUNTIME_PYTHON;
  guint method = adw_combo_row_get_selected (self->start_method_row);

  if (python)
    _clab_runtime_editor_find_interpreters (self);
  gtk_widget_set_visible (GTK_WIDGET (self->python_row), python);
  gtk_widget_set_visible (GTK_WIDGET (self->start_method_row), python);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->function_switch),
                                                   ADW_TYPE_ACTION_ROW), python);
  gtk_widget_set_visible (GTK_WIDGET (self->code_box),
                          python && gtk_switch_get_active (self->function_switch));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->start_method_row),
                               _clab_runtime_editor_start_method_subtitle (method));
  adw_preferences_group_set_description (self->runtime_group,
                                         runtime_description (python ? CLAB_RUNTIME_PYTHON
                                                              : CLAB_RUNTIME_NATIVE));
  show_file_name (self);
}

/* The plan runs the function only on Python: the native runtime refuses a function file. */
static void
read_widgets (ClabRuntimeEditor *self)
{
  ClabRuntime runtime = adw_combo_row_get_selected (self->runtime_row);
  guint python = adw_combo_row_get_selected (self->python_row);
  gboolean function = runtime == CLAB_RUNTIME_PYTHON
                      && gtk_switch_get_active (self->function_switch);

  clab_plan_set_runtime (self->plan, runtime);
  if (python < self->python_names->len)
    clab_plan_set_python (self->plan, g_ptr_array_index (self->python_names, python));
  clab_plan_set_start_method (self->plan,
                              _clab_runtime_editor_start_method_name (
                                adw_combo_row_get_selected (self->start_method_row)));
  clab_plan_set_function_file (self->plan, function ? self->function_path : NULL);
}

static void
plan_edited (ClabRuntimeEditor *self)
{
  read_widgets (self);
  update_visibility (self);
  g_signal_emit (self, signals[CHANGED], 0);
  schedule_check (self, 0);
}

static void
set_code (ClabRuntimeEditor *self,
          const char        *code)
{
  self->syncing = TRUE;
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), code, -1);
  self->syncing = FALSE;
}

/* The code is saved where it came from when that is the lab's functions folder; code from
 * elsewhere (a plan from another machine, an opened file) gets a copy there. */
static void
choose_save_path (ClabRuntimeEditor *self)
{
  g_autofree char *dir = clab_runtime_editor_functions_dir ();
  g_autofree char *folder = NULL, *basename = NULL;

  if (self->function_path != NULL)
    {
      folder = g_path_get_dirname (self->function_path);
      if (g_str_equal (folder, dir))
        return;
      basename = g_path_get_basename (self->function_path);
    }
  g_free (self->function_path);
  self->function_path = _clab_runtime_editor_unique_path (basename ? basename : "task");
  read_widgets (self);
  show_file_name (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  ClabRuntimeEditor *self = CLAB_RUNTIME_EDITOR (source);
  ClabPythonInfo info = { 0 };
  g_autofree char *message = NULL;

  /* Cancelled (the editor went away), or a later check is on its way. */
  if (_clab_runtime_editor_check_finish (result, &message, &info)
      && GPOINTER_TO_UINT (data) == self->check_serial)
    {
      _clab_runtime_editor_show_info (self, &info);
      set_checking (self, FALSE);
      set_message (self, message);
    }
  clab_python_info_clear (&info);
}

static gboolean
check_cb (gpointer data)
{
  ClabRuntimeEditor *self = data;
  g_autofree char *code = NULL;

  self->check_id = 0;
  if (self->dirty && self->function_path != NULL)
    {
      GtkTextIter start, end;

      choose_save_path (self);
      gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
      code = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
      self->dirty = FALSE;
    }
  set_checking (self, TRUE);
  _clab_runtime_editor_check_async (self, self->plan, code ? self->function_path : NULL, code,
                                    self->cancellable, check_done_cb,
                                    GUINT_TO_POINTER (self->check_serial));
  return G_SOURCE_REMOVE;
}

/* A native plan has nothing to ask an interpreter; a Python one is checked (and its edited
 * code saved) after @delay_ms. */
static void
schedule_check (ClabRuntimeEditor *self,
                guint              delay_ms)
{
  /* What a check already under way finds is out of date. */
  self->check_serial++;
  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->plan == NULL || (!is_python (self) && !self->dirty))
    {
      set_checking (self, FALSE);
      if (self->message != NULL)
        set_message (self, NULL);
      return;
    }
  self->check_id = g_timeout_add (delay_ms, check_cb, self);
  set_checking (self, TRUE);
}

static void
code_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(ClabRuntimeEditor) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL, *path = g_file_get_path (G_FILE (source));
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_debug ("Could not read %s: %s", path, error->message);
      return;
    }
  if (g_strcmp0 (path, self->function_path) == 0 && !self->dirty)
    set_code (self, g_utf8_validate (contents, length, NULL) ? contents : "");
}

static void
load_code (ClabRuntimeEditor *self)
{
  g_autoptr(GFile) file = NULL;

  if (self->function_path == NULL)
    {
      set_code (self, "");
      return;
    }
  file = g_file_new_for_path (self->function_path);
  g_file_load_contents_async (file, self->cancellable, code_loaded_cb, g_object_ref (self));
}

static void
write_widgets (ClabRuntimeEditor *self)
{
  const char *function = clab_plan_get_function_file (self->plan);
  const char *method;

  adw_combo_row_set_selected (self->runtime_row, clab_plan_get_runtime (self->plan));
  _clab_runtime_editor_fill_pythons (self);
  method = clab_plan_get_start_method (self->plan);
  adw_combo_row_set_selected (self->start_method_row, _clab_runtime_editor_start_method_index (method));
  gtk_switch_set_active (self->function_switch, function != NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->python_row), "");
  /* The code on screen is the truth until it is saved: the same file is not read again. */
  if (function != NULL && g_strcmp0 (function, self->function_path) != 0)
    {
      g_free (self->function_path);
      self->function_path = g_strdup (function);
      self->dirty = FALSE;
      load_code (self);
    }
  update_visibility (self);
}

void
clab_runtime_editor_set_plan (ClabRuntimeEditor *self,
                              ClabPlan          *plan)
{
  g_return_if_fail (CLAB_IS_RUNTIME_EDITOR (self));
  g_return_if_fail (plan == NULL || CLAB_IS_PLAN (plan));

  /* Edited code not yet saved is saved now, for the plan it was written for. */
  if (self->check_id != 0 && self->dirty)
    {
      g_clear_handle_id (&self->check_id, g_source_remove);
      check_cb (self);
    }
  g_set_object (&self->plan, plan);
  if (plan == NULL)
    return;
  self->syncing = TRUE;
  write_widgets (self);
  self->syncing = FALSE;
  set_message (self, NULL);
  schedule_check (self, 0);
}

const char *
clab_runtime_editor_get_message (ClabRuntimeEditor *self)
{
  g_return_val_if_fail (CLAB_IS_RUNTIME_EDITOR (self), NULL);
  return is_python (self) ? self->message : NULL;
}

gboolean
clab_runtime_editor_get_checking (ClabRuntimeEditor *self)
{
  g_return_val_if_fail (CLAB_IS_RUNTIME_EDITOR (self), FALSE);
  return self->checking;
}

/* Shows @code as the function of the plan, which now runs on Python. */
static void
take_function (ClabRuntimeEditor *self,
               const char        *basename,
               const char        *code)
{
  g_free (self->function_path);
  self->function_path = _clab_runtime_editor_unique_path (basename);
  set_code (self, code);
  self->dirty = TRUE;
  self->syncing = TRUE;
  adw_combo_row_set_selected (self->runtime_row, CLAB_RUNTIME_PYTHON);
  gtk_switch_set_active (self->function_switch, TRUE);
  self->syncing = FALSE;
  plan_edited (self);
}

static void
function_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(ClabRuntimeEditor) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL, *basename = g_file_get_basename (G_FILE (source));
  g_autofree char *text = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          text = g_strdup_printf (_("Could not open “%s”: %s"), basename, error->message);
          set_message (self, text);
        }
      return;
    }
  if (!g_utf8_validate (contents, length, NULL))
    {
      text = g_strdup_printf (_("Could not open “%s”: it is not text in UTF-8."), basename);
      set_message (self, text);
      return;
    }
  take_function (self, basename, contents);
}

void
clab_runtime_editor_load_function (ClabRuntimeEditor *self,
                                   GFile             *file)
{
  g_return_if_fail (CLAB_IS_RUNTIME_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, self->cancellable, function_read_cb, g_object_ref (self));
}

static void
new_function_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  take_function (CLAB_RUNTIME_EDITOR (widget), "task", _clab_runtime_editor_template);
}

static void
changed_cb (ClabRuntimeEditor *self)
{
  if (self->syncing || self->plan == NULL)
    return;
  /* Turned on with no code yet: start from the template. */
  if (gtk_switch_get_active (self->function_switch) && self->function_path == NULL)
    {
      take_function (self, "task", _clab_runtime_editor_template);
      return;
    }
  plan_edited (self);
}

static void
code_changed_cb (ClabRuntimeEditor *self)
{
  if (self->syncing || self->plan == NULL)
    return;
  self->dirty = TRUE;
  schedule_check (self, CHECK_DELAY_MS);
}

static void
follow_style_cb (ClabRuntimeEditor *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (style);
  GtkSourceStyleScheme *scheme =
    gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "classic-dark" : "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
clab_runtime_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ClabRuntimeEditor *self = CLAB_RUNTIME_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MESSAGE: g_value_set_string (value, clab_runtime_editor_get_message (self)); break;
    case PROP_CHECKING: g_value_set_boolean (value, self->checking); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clab_runtime_editor_dispose (GObject *object)
{
  ClabRuntimeEditor *self = CLAB_RUNTIME_EDITOR (object);
  GtkWidget *child;

  /* Edited code is not lost with the window. */
  if (self->check_id != 0 && self->dirty && self->plan != NULL)
    {
      g_clear_handle_id (&self->check_id, g_source_remove);
      check_cb (self);
    }
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLAB_TYPE_RUNTIME_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->plan);
  g_clear_object (&self->buffer);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (clab_runtime_editor_parent_class)->dispose (object);
}

static void
clab_runtime_editor_finalize (GObject *object)
{
  ClabRuntimeEditor *self = CLAB_RUNTIME_EDITOR (object);

  g_clear_pointer (&self->interpreters, g_ptr_array_unref);
  g_clear_pointer (&self->python_names, g_ptr_array_unref);
  g_free (self->function_path);
  g_free (self->message);

  G_OBJECT_CLASS (clab_runtime_editor_parent_class)->finalize (object);
}

static void
clab_runtime_editor_class_init (ClabRuntimeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clab_runtime_editor_dispose;
  object_class->finalize = clab_runtime_editor_finalize;
  object_class->get_property = clab_runtime_editor_get_property;

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* The template names GtkSourceView: its types must exist before the template is read. */
  gtk_source_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/concurrencylab/ConcurrencyLab/clab-runtime-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ClabRuntimeEditor, code_box);
  gtk_widget_class_bind_template_child (widget_class, ClabRuntimeEditor, file_label);
  gtk_widget_class_bind_template_child (widget_class, ClabRuntimeEditor, function_switch);
  gtk_widget_class_bind_template_child (widget_class, ClabRuntimeEditor, python_row);
  gtk_widget_class_bind_template_child (widget_class, ClabRuntimeEditor, runtime_group);
  gtk_widget_class_bind_template_child (widget_class, ClabRuntimeEditor, runtime_row);
  gtk_widget_class_bind_template_child (widget_class, ClabRuntimeEditor, source_view);
  gtk_widget_class_bind_template_child (widget_class, ClabRuntimeEditor, start_method_row);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_install_action (widget_class, "runtime.open", NULL,
                                   _clab_runtime_editor_open_action);
  gtk_widget_class_install_action (widget_class, "runtime.new", NULL, new_function_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
set_up_source_view (ClabRuntimeEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceLanguage *python = gtk_source_language_manager_get_language (languages, "python3");

  self->buffer = gtk_source_buffer_new_with_language (python);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_BUFFER (self->buffer));
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (code_changed_cb), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (follow_style_cb), self);
  follow_style_cb (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->source_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Python code of the function"),
                                  -1);
}

static void
clab_runtime_editor_init (ClabRuntimeEditor *self)
{
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->python_names = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  _clab_runtime_editor_fill_fixed_lists (self);
  set_up_source_view (self);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->function_switch),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  gtk_widget_get_ancestor (GTK_WIDGET (self->function_switch),
                                                           ADW_TYPE_ACTION_ROW), NULL,
                                  -1);
  _clab_runtime_editor_fill_pythons (self);
  update_visibility (self);
  self->syncing = FALSE;
}
