/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-helper-path.h"

static gboolean
same_folder (const char *a,
             const char *b)
{
  g_autofree char *ca = g_canonicalize_filename (a, "/");
  g_autofree char *cb = g_canonicalize_filename (b, "/");

  return g_strcmp0 (ca, cb) == 0;
}

/* The running program is an installed one when it lives where meson installs programs. */
static gboolean
is_installed (const char *dir)
{
  return same_folder (dir, BINDIR) || same_folder (dir, LIBEXECDIR);
}

char *
clab_helper_path_from (const char *dir,
                       const char *env_var,
                       const char *name,
                       const char *installed_dir)
{
  const char *env = g_getenv (env_var);
  /* A build tree: the programs' folders are siblings; tests are one or two levels down. */
  const char *candidates[] = { ".", "../cli", "../worker", "../src/cli", "../src/worker",
                               "../../src/cli", "../../src/worker",
                               "../data/python", "../../data/python" };

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  for (guint i = 0; dir != NULL && !is_installed (dir) && i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *path = g_build_filename (dir, candidates[i], name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return g_canonicalize_filename (path, NULL);
    }
  return g_build_filename (installed_dir, name, NULL);
}

char *
clab_helper_path (const char *env_var,
                  const char *name,
                  const char *installed_dir)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = exe ? g_path_get_dirname (exe) : NULL;

  return clab_helper_path_from (dir, env_var, name, installed_dir);
}
