/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-runner.h"

G_BEGIN_DECLS

/* A one-line progress bar on stderr that follows a runner. */
typedef struct _ClabCliProgress ClabCliProgress;

/* Follows @runner until freed; draws nothing unless stderr is a terminal. */
ClabCliProgress *clab_cli_progress_new  (ClabRunner      *runner);
/* Stops following and clears the line. */
void             clab_cli_progress_free (ClabCliProgress *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabCliProgress, clab_cli_progress_free)

G_END_DECLS
