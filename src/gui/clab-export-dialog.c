/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-atomic-file.h"
#include "clab-export-dialog.h"

struct _ClabExportDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwComboRow     *format_row;
  GtkSpinButton   *height_spin;
  AdwActionRow    *height_row;
  AdwComboRow     *size_row;
  AdwComboRow     *theme_row;
  AdwToastOverlay *toast_overlay;
  GtkSpinButton   *width_spin;
  AdwActionRow    *width_row;

  /* Owned references */
  ClabResult      *result;
  GSettings       *settings;
  ClabChartOptions chart;           /* the chart shown: type and measure */
};

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ClabExportDialog, clab_export_dialog, ADW_TYPE_WINDOW)

/* The size presets of the size row, before its last item, "Custom". */
static const struct {
  int width;
  int height;
} sizes[] = {
  { 800, 450 },
  { 1280, 720 },
  { 1920, 1080 },
  { 3840, 2160 },
};

static const char *
format_label (ClabChartFormat format)
{
  switch (format)
    {
    case CLAB_CHART_FORMAT_PNG: return _("PNG Image");
    case CLAB_CHART_FORMAT_SVG: return _("SVG Drawing");
    case CLAB_CHART_FORMAT_PDF: return _("PDF Document");
    case CLAB_N_CHART_FORMATS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
theme_label (ClabChartTheme theme)
{
  switch (theme)
    {
    case CLAB_CHART_THEME_LIGHT: return _("Light");
    case CLAB_CHART_THEME_DARK: return _("Dark");
    case CLAB_CHART_THEME_TRANSPARENT: return _("Transparent");
    case CLAB_N_CHART_THEMES:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
fill_models (ClabExportDialog *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) themes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) size_list = gtk_string_list_new (NULL);

  for (guint f = 0; f < CLAB_N_CHART_FORMATS; f++)
    gtk_string_list_append (formats, format_label (f));
  for (guint t = 0; t < CLAB_N_CHART_THEMES; t++)
    gtk_string_list_append (themes, theme_label (t));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      /* Translators: a chart size in pixels, width × height. */
      g_autofree char *label = g_strdup_printf (_("%d × %d"), sizes[i].width, sizes[i].height);
      gtk_string_list_append (size_list, label);
    }
  gtk_string_list_append (size_list, _("Custom"));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  adw_combo_row_set_model (self->theme_row, G_LIST_MODEL (themes));
  adw_combo_row_set_model (self->size_row, G_LIST_MODEL (size_list));
}

static void
size_changed_cb (ClabExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->size_row);
  gboolean custom = selected >= G_N_ELEMENTS (sizes);

  gtk_widget_set_visible (GTK_WIDGET (self->width_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->height_row), custom);
  if (custom)
    return;
  gtk_spin_button_set_value (self->width_spin, sizes[selected].width);
  gtk_spin_button_set_value (self->height_spin, sizes[selected].height);
}

ClabChartFormat
clab_export_dialog_get_format (ClabExportDialog *self)
{
  g_return_val_if_fail (CLAB_IS_EXPORT_DIALOG (self), CLAB_CHART_FORMAT_PNG);
  return MIN (adw_combo_row_get_selected (self->format_row), CLAB_N_CHART_FORMATS - 1);
}

void
clab_export_dialog_set_format (ClabExportDialog *self,
                               ClabChartFormat   format)
{
  g_return_if_fail (CLAB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format < CLAB_N_CHART_FORMATS);
  adw_combo_row_set_selected (self->format_row, format);
}

ClabChartTheme
clab_export_dialog_get_theme (ClabExportDialog *self)
{
  g_return_val_if_fail (CLAB_IS_EXPORT_DIALOG (self), CLAB_CHART_THEME_LIGHT);
  return MIN (adw_combo_row_get_selected (self->theme_row), CLAB_N_CHART_THEMES - 1);
}

void
clab_export_dialog_set_theme (ClabExportDialog *self,
                              ClabChartTheme    theme)
{
  g_return_if_fail (CLAB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (theme < CLAB_N_CHART_THEMES);
  adw_combo_row_set_selected (self->theme_row, theme);
}

void
clab_export_dialog_get_size (ClabExportDialog *self,
                             int              *width,
                             int              *height)
{
  g_return_if_fail (CLAB_IS_EXPORT_DIALOG (self));
  *width = gtk_spin_button_get_value_as_int (self->width_spin);
  *height = gtk_spin_button_get_value_as_int (self->height_spin);
}

void
clab_export_dialog_set_size (ClabExportDialog *self,
                             int               width,
                             int               height)
{
  guint selected = G_N_ELEMENTS (sizes);

  g_return_if_fail (CLAB_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (sizes[i].width == width && sizes[i].height == height)
      selected = i;
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  adw_combo_row_set_selected (self->size_row, selected);
  size_changed_cb (self);
}

static void
load_settings (ClabExportDialog *self)
{
  g_autofree char *format = NULL;
  g_autofree char *theme = NULL;
  ClabChartTheme theme_value;

  if (self->settings == NULL)
    return;
  format = g_settings_get_string (self->settings, "export-format");
  for (guint f = 0; f < CLAB_N_CHART_FORMATS; f++)
    if (g_strcmp0 (format, clab_chart_format_to_string (f)) == 0)
      clab_export_dialog_set_format (self, f);
  theme = g_settings_get_string (self->settings, "export-theme");
  if (clab_chart_theme_from_string (theme, &theme_value, NULL))
    clab_export_dialog_set_theme (self, theme_value);
  clab_export_dialog_set_size (self,
                               g_settings_get_int (self->settings, "export-width"),
                               g_settings_get_int (self->settings, "export-height"));
}

static void
save_settings (ClabExportDialog *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  clab_export_dialog_get_size (self, &width, &height);
  g_settings_set_string (self->settings, "export-format",
                         clab_chart_format_to_string (clab_export_dialog_get_format (self)));
  g_settings_set_string (self->settings, "export-theme",
                         clab_chart_theme_to_string (clab_export_dialog_get_theme (self)));
  g_settings_set_int (self->settings, "export-width", width);
  g_settings_set_int (self->settings, "export-height", height);
}

gboolean
clab_export_dialog_save_to_file (ClabExportDialog  *self,
                                 GFile             *file,
                                 GError           **error)
{
  ClabChartOptions options;
  g_autoptr(GBytes) bytes = NULL;
  int width, height;

  g_return_val_if_fail (CLAB_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  options = self->chart;
  options.theme = clab_export_dialog_get_theme (self);
  clab_export_dialog_get_size (self, &width, &height);
  bytes = clab_chart_render_to_bytes (self->result, &options, clab_export_dialog_get_format (self),
                                      width, height, error);
  if (bytes == NULL)
    return FALSE;
  if (!clab_atomic_file_replace_gfile (file, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), error))
    return FALSE;
  save_settings (self);
  return TRUE;
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     ClabExportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;
  if (!clab_export_dialog_save_to_file (self, file, &error))
    {
      g_autofree char *markup = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
      return;
    }
  g_signal_emit (self, signals[EXPORTED], 0, file);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
export_clicked_cb (ClabExportDialog *self)
{
  ClabChartFormat format = clab_export_dialog_get_format (self);
  const char *ext = clab_chart_format_to_string (format);
  g_autofree char *name = g_strdup_printf ("%s.%s", clab_chart_type_to_string (self->chart.type), ext);
  g_autofree char *pattern = g_strdup_printf ("*.%s", ext);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, format_label (format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

ClabExportDialog *
clab_export_dialog_new (GtkWindow              *parent,
                        ClabResult             *result,
                        const ClabChartOptions *chart,
                        GSettings              *settings)
{
  ClabExportDialog *self;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (chart != NULL && chart->type < CLAB_N_CHART_TYPES, NULL);

  self = g_object_new (CLAB_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->result = g_object_ref (result);
  self->chart = *chart;
  /* Exports draw at their own size, with the theme the dialog asks for. */
  self->chart.scale = 0;
  self->chart.font_family = NULL;
  g_set_object (&self->settings, settings);
  load_settings (self);
  return self;
}

static void
clab_export_dialog_dispose (GObject *object)
{
  ClabExportDialog *self = CLAB_EXPORT_DIALOG (object);

  g_clear_object (&self->result);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (clab_export_dialog_parent_class)->dispose (object);
}

static void
clab_export_dialog_class_init (ClabExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clab_export_dialog_dispose;

  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/concurrencylab/ConcurrencyLab/clab-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ClabExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ClabExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, ClabExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, ClabExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, ClabExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, ClabExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClabExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, ClabExportDialog, width_spin);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, size_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
clab_export_dialog_init (ClabExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_models (self);
  gtk_spin_button_set_range (self->width_spin, CLAB_CHART_MIN_SIZE, CLAB_CHART_MAX_SIZE);
  gtk_spin_button_set_range (self->height_spin, CLAB_CHART_MIN_SIZE, CLAB_CHART_MAX_SIZE);
  clab_export_dialog_set_size (self, sizes[0].width, sizes[0].height);
}
