/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "clab-cli-commands.h"
#include "clab-cli-compare.h"
#include "clab-cli-options.h"
#include "clab-cli-session.h"
#include "clab-session-protocol.h"

/* Not an option for people: the application runs its comparisons through this. */
static gboolean
is_session (int    argc,
            char **argv)
{
  return argc == 2 && strcmp (argv[1], CLAB_SESSION_COMMAND) == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ClabCliOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;

  /* The window spawns the engine without closing its descriptors (see
   * clab-run-session.c): none of them may reach the workers or commands it starts.
   * First of all, before GLib opens any of its own. */
  if (is_session (argc, argv))
    closefrom (STDERR_FILENO + 1);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("concurrency-lab-cli");
  if (is_session (argc, argv))
    return clab_cli_session_serve ();
  if (argc >= 2 && strcmp (argv[1], CLAB_CLI_COMPARE_COMMAND) == 0)
    return clab_cli_compare_main (argc, argv);

  options = clab_cli_options_new ();
  args = g_strdupv (argv);
  if (!clab_cli_options_parse (options, &args, &error))
    return clab_cli_fail (CLAB_CLI_EXIT_USAGE, error);
  return clab_cli_execute (options);
}
