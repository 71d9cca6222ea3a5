/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The built-in presets with their titles, plans and descriptions. */
char *clab_cli_presets_format (gboolean color);

G_END_DECLS
