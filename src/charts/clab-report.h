/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-result.h"

G_BEGIN_DECLS

/* One file with everything a result says, to attach to a bug report: the title, the
 * verdict, the machine, the plan, the summary table, the warnings and the four charts. */
typedef enum
{
  CLAB_REPORT_FORMAT_PDF,
  CLAB_REPORT_FORMAT_HTML,
  CLAB_N_REPORT_FORMATS
} ClabReportFormat;

typedef enum
{
  CLAB_REPORT_ERROR_INVALID_FORMAT,
  CLAB_REPORT_ERROR_FAILED,         /* cairo could not draw or the file could not be written */
} ClabReportError;

#define CLAB_REPORT_ERROR (clab_report_error_quark ())
GQuark       clab_report_error_quark        (void);

/* Chooses the format from the extension of @path: .pdf, .html or .htm, in any case. */
gboolean     clab_report_format_from_path   (const char        *path,
                                             ClabReportFormat  *format,
                                             GError           **error);
/* The file extension of @format, without the dot. */
const char  *clab_report_format_to_string   (ClabReportFormat   format);
/* The report as a PDF (A4 pages, vector charts) or a self-contained HTML file, in memory. */
GBytes      *clab_report_render_to_bytes    (ClabResult        *result,
                                             ClabReportFormat   format,
                                             GError           **error);
/* Writes the report to @path through the atomic writer: on failure no file is left. */
gboolean     clab_report_write              (ClabResult        *result,
                                             const char        *path,
                                             ClabReportFormat   format,
                                             GError           **error);
/* As clab_report_write(), in the format the extension of @path names. */
gboolean     clab_report_export             (ClabResult        *result,
                                             const char        *path,
                                             GError           **error);

G_END_DECLS
