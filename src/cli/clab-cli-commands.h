/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-cli-options.h"

G_BEGIN_DECLS

/* Prints @error as the one line "concurrency-lab-cli: error: …" and returns @status. */
int clab_cli_fail    (int              status,
                      const GError    *error);
/* Writes all of @data to standard output, after whatever stdio holds. */
gboolean clab_cli_write_stdout (const void    *data,
                                gsize          length,
                                GError       **error);
/* Carries out the parsed command line and returns the exit status. */
int clab_cli_execute (ClabCliOptions  *options);

G_END_DECLS
