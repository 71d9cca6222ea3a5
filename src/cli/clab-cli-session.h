/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-cli-options.h"

G_BEGIN_DECLS

/* Serves one run for the application over standard input and output
 * (clab-session-protocol.h) and returns the exit status. */
int clab_cli_session_serve (void);

G_END_DECLS
