/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-cli-options.h"

G_BEGIN_DECLS

/* run --counterpart: finds the plan's C counterpart and where --json saves its result
 * ("gil.json" → "gil-c.json"), checked before anything runs. */
gboolean  clab_cli_counterpart_prepare   (ClabCliOptions  *options,
                                          GError         **error);
/* "gil.json" → "gil-c.json", "gil" → "gil-c". */
char     *clab_cli_counterpart_dup_path  (const char      *path);
/* Prints @result and @counterpart side by side, as the compare command does. */
void      clab_cli_counterpart_print     (ClabResult      *result,
                                          ClabResult      *counterpart,
                                          gboolean         to_stderr);

G_END_DECLS
