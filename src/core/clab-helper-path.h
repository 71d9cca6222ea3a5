/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the helper program @name is: $@env_var when set (tests, benchmarks); for an
 * installed program only @installed_dir, so that nothing planted beside the installation
 * is ever run; in a build tree, the sibling folders where meson puts it. */
char *clab_helper_path (const char *env_var,
                        const char *name,
                        const char *installed_dir);
/* The same for a program in @program_dir (NULL: unknown). */
char *clab_helper_path_from (const char *program_dir,
                             const char *env_var,
                             const char *name,
                             const char *installed_dir);

G_END_DECLS
