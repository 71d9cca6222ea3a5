/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CLAB_TYPE_PROGRESS_LINE (clab_progress_line_get_type ())

/* A progress bar that only repaints when its fraction changes. GtkProgressBar allocates its
 * fill again, and in GTK 4.8 any allocation lays the whole window out and asks the X server
 * for the monitor's work area, the window's geometry and position: round trips, several
 * times a second while a comparison runs, each waiting for the display server to get a core. */
G_DECLARE_FINAL_TYPE (ClabProgressLine, clab_progress_line, CLAB, PROGRESS_LINE, GtkWidget)

double clab_progress_line_get_fraction (ClabProgressLine *self);
void   clab_progress_line_set_fraction (ClabProgressLine *self,
                                        double            fraction);

G_END_DECLS
