/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "clab-chart.h"

G_BEGIN_DECLS

#define CLAB_TYPE_EXPORT_DIALOG (clab_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ClabExportDialog, clab_export_dialog, CLAB, EXPORT_DIALOG, AdwWindow)

/*
 * Signals:
 *   "exported" (GFile *file): the chart was written to @file
 */

/* Asks how to export the @chart of @result (its type and measure, as shown); @settings (may
 * be NULL) remembers the answer. */
ClabExportDialog *clab_export_dialog_new          (GtkWindow              *parent,
                                                   ClabResult             *result,
                                                   const ClabChartOptions *chart,
                                                   GSettings              *settings);
ClabChartFormat   clab_export_dialog_get_format   (ClabExportDialog *self);
void              clab_export_dialog_set_format   (ClabExportDialog *self,
                                                   ClabChartFormat   format);
ClabChartTheme    clab_export_dialog_get_theme    (ClabExportDialog *self);
void              clab_export_dialog_set_theme    (ClabExportDialog *self,
                                                   ClabChartTheme    theme);
void              clab_export_dialog_get_size     (ClabExportDialog *self,
                                                   int              *width,
                                                   int              *height);
void              clab_export_dialog_set_size     (ClabExportDialog *self,
                                                   int               width,
                                                   int               height);
/* Writes the chart to @file as chosen; the file chooser's answer ends here too. */
gboolean          clab_export_dialog_save_to_file (ClabExportDialog *self,
                                                   GFile            *file,
                                                   GError          **error);

G_END_DECLS
