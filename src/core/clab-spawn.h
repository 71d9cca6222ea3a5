/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts @argv (searched in PATH when argv[0] has no slash) in a process group of its own,
 * with standard streams on /dev/null, no other descriptor of ours, and SIGKILL when this
 * process dies. The child is not reaped: the caller waits for @pid. */
gboolean clab_spawn_command (char * const *argv,
                             GPid         *pid,
                             GError      **error);

G_END_DECLS
