/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-atomic-file.h"
#include "clab-report-private.h"

G_DEFINE_QUARK (clab-report-error-quark, clab_report_error)

static const char * const extensions[CLAB_N_REPORT_FORMATS] = { "pdf", "html" };

const char *
clab_report_format_to_string (ClabReportFormat format)
{
  g_return_val_if_fail (format < CLAB_N_REPORT_FORMATS, NULL);
  return extensions[format];
}

gboolean
clab_report_format_from_path (const char        *path,
                              ClabReportFormat  *format,
                              GError           **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    *format = CLAB_REPORT_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    *format = CLAB_REPORT_FORMAT_HTML;
  else
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, CLAB_REPORT_ERROR, CLAB_REPORT_ERROR_INVALID_FORMAT,
                   _("“%s” ends in neither .pdf nor .html: a report is written as PDF or HTML."),
                   display);
      return FALSE;
    }
  return TRUE;
}

GBytes *
clab_report_render_to_bytes (ClabResult        *result,
                             ClabReportFormat   format,
                             GError           **error)
{
  g_autoptr(ClabReportContent) content = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (format < CLAB_N_REPORT_FORMATS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  content = _clab_report_content_new (result);
  if (format == CLAB_REPORT_FORMAT_PDF)
    return _clab_report_render_pdf (result, content, error);
  return _clab_report_render_html (result, content, error);
}

/* Said before anything is drawn: the atomic writer's own sentence ("No such file or
 * directory") does not say which part of the path is missing. */
static gboolean
check_folder (const char  *path,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = NULL;
  g_autofree char *folder_display = NULL;

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;
  display = g_filename_display_basename (path);
  folder_display = g_filename_display_name (folder);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("Could not save “%s”: the folder “%s” does not exist."), display, folder_display);
  return FALSE;
}

gboolean
clab_report_write (ClabResult        *result,
                   const char        *path,
                   ClabReportFormat   format,
                   GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format < CLAB_N_REPORT_FORMATS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_folder (path, error))
    return FALSE;
  bytes = clab_report_render_to_bytes (result, format, error);
  if (bytes == NULL)
    return FALSE;
  g_debug ("Writing a %s report of %zu bytes to %s", extensions[format],
           g_bytes_get_size (bytes), path);
  return clab_atomic_file_replace (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   error);
}

gboolean
clab_report_export (ClabResult  *result,
                    const char  *path,
                    GError     **error)
{
  ClabReportFormat format;

  g_return_val_if_fail (CLAB_IS_RESULT (result), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return clab_report_format_from_path (path, &format, error)
         && clab_report_write (result, path, format, error);
}
