/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-application.h"
#include "clab-atomic-file.h"
#include "clab-compare-window.h"
#include "clab-comparison.h"
#include "clab-export-dialog.h"
#include "clab-report.h"
#include "clab-result-io.h"
#include "clab-window-private.h"

typedef enum
{
  DATA_JSON,
  DATA_CSV,
  DATA_MARKDOWN,
  DATA_SUMMARY_CSV,
  N_DATA_FORMATS
} DataFormat;

static const struct {
  const char *name;
  const char *extension;
  const char *pattern;
} data_formats[N_DATA_FORMATS] = {
  { N_("JSON Result"), "json", "*.json" },
  { N_("CSV Table"), "csv", "*.csv" },
  { N_("Markdown Report"), "md", "*.md" },
  { N_("CSV Summary, One Row per Mode"), "csv", "*.csv" },
};

static void
show_error (ClabWindow *self,
            gboolean    saving,
            GFile      *file,
            GError     *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (saving)
    message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  else
    message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
  clab_window_add_toast (self, message);
}

static GtkFileFilter *
create_filter (const char *name,
               const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  return filter;
}

/* A native chooser, so that the Flatpak portal is used when there is one. */
static GtkFileChooserNative *
create_chooser (ClabWindow           *self,
                const char           *title,
                GtkFileChooserAction  action,
                const char           *accept,
                GCallback             response_cb)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", response_cb, self);
  return chooser;
}

static GFile *
take_chosen_file (GtkNativeDialog *chooser,
                  int              response)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  return file;
}

/* Through the result reader, in a thread: it refuses what is not a regular file, what is
 * too large, damaged or nested too deep, with a sentence that names the file. */
static void
load_result_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (G_FILE (task_data));
  GError *error = NULL;
  ClabResult *result;

  if (path == NULL)
    {
      g_task_return_new_error (task, CLAB_ERROR, CLAB_ERROR_NOT_FOUND, "%s",
                               _("Only files on this computer can be opened."));
      return;
    }
  result = clab_result_load (path, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  ClabWindow *self = CLAB_WINDOW (source);
  GFile *file = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(ClabComparison) comparison = NULL;
  GtkApplication *app;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (res));
  gboolean wanted;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  /* The window went away, or Cancel was pressed: what was read is dropped. */
  if (self->sidebar == NULL || g_cancellable_is_cancelled (cancellable))
    return;
  /* Another file or result chosen meanwhile is shown; this one only joins the history. */
  wanted = _clab_window_end_loading (self, cancellable);
  /* The reader's sentence names the file and says what is wrong with it. */
  if (g_error_matches (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT))
    {
      clab_window_add_toast (self, error->message);
      return;
    }
  if (result == NULL)
    {
      show_error (self, FALSE, file, error);
      return;
    }
  comparison = clab_comparison_new_opened (result, file);
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (CLAB_IS_APPLICATION (app))
    clab_application_add_result (CLAB_APPLICATION (app), comparison);
  if (!wanted)
    return;
  clab_sidebar_select_result (self->sidebar, comparison);
  if (self->session == NULL)
    clab_window_show_result (self, result);
}

void
clab_window_open_file (ClabWindow *self,
                       GFile      *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  GCancellable *cancellable;

  g_return_if_fail (CLAB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  cancellable = _clab_window_begin_loading (self, name);
  task = g_task_new (self, cancellable, file_loaded_cb, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  /* The reader cannot stop halfway: Cancel answers at once, and what it reads is dropped. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_result_thread);
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  ClabWindow      *self)
{
  g_autoptr(GFile) file = take_chosen_file (chooser, response);

  if (file != NULL)
    clab_window_open_file (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = create_filter (_("Result Files"), "*.json");

  chooser = create_chooser (CLAB_WINDOW (widget), _("Open Result"), GTK_FILE_CHOOSER_ACTION_OPEN,
                            _("_Open"), G_CALLBACK (open_response_cb));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static DataFormat
data_format_for_file (GFile      *file,
                      DataFormat  fallback)
{
  g_autofree char *name = g_file_get_basename (file);

  /* Two formats end in .csv: the filter chosen, or a name like "summary.csv", tells which. */
  if (g_str_has_suffix (name, data_formats[fallback].pattern + 1))
    return fallback;
  if (g_str_has_suffix (name, "summary.csv"))
    return DATA_SUMMARY_CSV;
  for (guint f = 0; f < N_DATA_FORMATS; f++)
    if (g_str_has_suffix (name, data_formats[f].pattern + 1))
      return f;
  if (g_str_has_suffix (name, ".markdown"))
    return DATA_MARKDOWN;
  return fallback;
}

static char *
dup_data (ClabResult *result,
          DataFormat  format)
{
  switch (format)
    {
    case DATA_JSON: return clab_result_to_json_string (result, TRUE);
    case DATA_CSV: return clab_result_to_csv (result);
    case DATA_MARKDOWN: return clab_result_to_markdown (result);
    case DATA_SUMMARY_CSV: return clab_result_to_summary_csv (result);
    case N_DATA_FORMATS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
save_data (ClabWindow *self,
           GFile      *file,
           DataFormat  format)
{
  g_autofree char *data = dup_data (self->result, format);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (!clab_atomic_file_replace_gfile (file, data, strlen (data), &error))
    {
      show_error (self, TRUE, file, error);
      return FALSE;
    }
  message = g_strdup_printf (_("Saved “%s”"), name);
  clab_window_add_toast (self, message);
  return TRUE;
}

gboolean
clab_window_save_data (ClabWindow *self,
                       GFile      *file)
{
  g_return_val_if_fail (CLAB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->result == NULL)
    return FALSE;
  return save_data (self, file, data_format_for_file (file, DATA_JSON));
}

static void
data_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  ClabWindow      *self)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  DataFormat fallback = GPOINTER_TO_UINT (filter ? g_object_get_data (G_OBJECT (filter), "format") : NULL);
  g_autoptr(GFile) file = take_chosen_file (chooser, response);

  if (file != NULL && self->result != NULL)
    save_data (self, file, data_format_for_file (file, fallback));
}

static void
show_data_chooser (ClabWindow *self,
                   const char *title,
                   guint       n_formats)
{
  GtkFileChooserNative *chooser;

  chooser = create_chooser (self, title, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                            G_CALLBACK (data_response_cb));
  for (guint f = 0; f < n_formats; f++)
    {
      g_autoptr(GtkFileFilter) filter = create_filter (_(data_formats[f].name), data_formats[f].pattern);

      g_object_set_data (G_OBJECT (filter), "format", GUINT_TO_POINTER (f));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("result.json"));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_data_chooser (CLAB_WINDOW (widget), _("Save Result"), 1);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  show_data_chooser (CLAB_WINDOW (widget), _("Export Data"), N_DATA_FORMATS);
}

static void
chart_exported_cb (ClabWindow *self,
                   GFile      *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

  clab_window_add_toast (self, message);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  ClabChartOptions options;
  ClabExportDialog *dialog;

  if (self->result == NULL)
    return;
  clab_chart_view_get_options (self->chart_view, &options);
  dialog = clab_export_dialog_new (GTK_WINDOW (self), self->result, &options, self->settings);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (chart_exported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  ClabResult       *result;
  GFile            *file;
  ClabReportFormat  format;
} ReportJob;

static void
report_job_free (gpointer data)
{
  ReportJob *job = data;

  g_clear_object (&job->result);
  g_clear_object (&job->file);
  g_free (job);
}

/* Drawing four charts into a PDF takes long enough to stall the window: off its thread. */
static void
write_report_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = clab_report_render_to_bytes (job->result, job->format, &error);
  if (bytes == NULL
      || !clab_atomic_file_replace_gfile (job->file, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
report_written_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  ClabWindow *self = CLAB_WINDOW (source);
  ReportJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (job->file);
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      show_error (self, TRUE, job->file, error);
      return;
    }
  message = g_strdup_printf (_("Exported “%s”"), name);
  clab_window_add_toast (self, message);
}

/* The extension names the format; a name without one gets the chosen filter's. */
static GFile *
report_file_for (GFile            *file,
                 ClabReportFormat  fallback,
                 ClabReportFormat *format)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *named = NULL;
  g_autoptr(GFile) parent = NULL;

  if (clab_report_format_from_path (name, format, NULL))
    return g_object_ref (file);
  *format = fallback;
  named = g_strdup_printf ("%s.%s", name, clab_report_format_to_string (fallback));
  parent = g_file_get_parent (file);
  return parent != NULL ? g_file_get_child (parent, named) : g_object_ref (file);
}

static void
report_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    ClabWindow      *self)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  ClabReportFormat fallback = GPOINTER_TO_UINT (filter ? g_object_get_data (G_OBJECT (filter), "format") : NULL);
  g_autoptr(GFile) file = take_chosen_file (chooser, response);
  g_autoptr(GTask) task = NULL;
  ReportJob *job;

  if (file == NULL || self->result == NULL)
    return;
  job = g_new0 (ReportJob, 1);
  job->result = g_object_ref (self->result);
  job->file = report_file_for (file, fallback, &job->format);
  task = g_task_new (self, NULL, report_written_cb, NULL);
  g_task_set_task_data (task, job, report_job_free);
  g_task_run_in_thread (task, write_report_thread);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  static const char * const names[CLAB_N_REPORT_FORMATS] = { N_("PDF Report"), N_("HTML Report") };
  GtkFileChooserNative *chooser;

  if (self->result == NULL)
    return;
  chooser = create_chooser (self, _("Export Report"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                            G_CALLBACK (report_response_cb));
  for (guint f = 0; f < CLAB_N_REPORT_FORMATS; f++)
    {
      g_autofree char *pattern = g_strdup_printf ("*.%s", clab_report_format_to_string (f));
      g_autoptr(GtkFileFilter) filter = create_filter (_(names[f]), pattern);

      g_object_set_data (G_OBJECT (filter), "format", GUINT_TO_POINTER (f));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("report.pdf"));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
copy_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  ClabChartOptions options;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (self->result == NULL)
    return;
  clab_chart_view_get_options (self->chart_view, &options);
  bytes = clab_chart_render_to_bytes (self->result, &options, CLAB_CHART_FORMAT_PNG, 1280, 720, &error);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      clab_window_add_toast (self, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  clab_window_add_toast (self, _("Chart copied"));
}

/* The summary as text, and as Markdown for the editors and chats that take it. */
static void
copy_results_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);
  g_autofree char *text = NULL, *markdown = NULL;
  g_autoptr(GBytes) markdown_bytes = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkContentProvider *providers[2];

  if (self->result == NULL)
    return;
  text = clab_result_to_summary_text (self->result);
  markdown = clab_result_to_markdown (self->result);
  markdown_bytes = g_bytes_new (markdown, strlen (markdown));
  providers[0] = gdk_content_provider_new_for_bytes ("text/markdown", markdown_bytes);
  /* A string: GTK offers it in every text type a program may ask for. */
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
  clab_window_add_toast (self, _("Results copied"));
}

static void
pin_baseline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);

  clab_summary_set_baseline (self->summary, self->result);
  clab_sidebar_set_baseline (self->sidebar, self->result);
  clab_window_update_actions (self);
  clab_window_add_toast (self, _("Pinned as baseline: other results show their change against it"));
}

static void
clear_baseline_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClabWindow *self = CLAB_WINDOW (widget);

  clab_summary_set_baseline (self->summary, NULL);
  clab_sidebar_set_baseline (self->sidebar, NULL);
  clab_window_update_actions (self);
}

/* Results of this machine and of others side by side, in a window of their own so that the
 * main window's result stays where it was. */
static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));
  ClabCompareWindow *compare;

  if (!CLAB_IS_APPLICATION (app))
    return;
  compare = clab_compare_window_new (GTK_WINDOW (widget),
                                     clab_application_get_results (CLAB_APPLICATION (app)));
  gtk_window_present (GTK_WINDOW (compare));
}

void
clab_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.export-data", NULL, export_data_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.copy-chart", NULL, copy_chart_action);
  gtk_widget_class_install_action (widget_class, "win.copy-results", NULL, copy_results_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.pin-baseline", NULL, pin_baseline_action);
  gtk_widget_class_install_action (widget_class, "win.clear-baseline", NULL, clear_baseline_action);
}
