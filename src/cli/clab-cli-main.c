/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "clab-cli-commands.h"
#include "clab-cli-options.h"
#include "clab-cli-session.h"
#include "clab-session-protocol.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ClabCliOptions) options = clab_cli_options_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_strdupv (argv);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("concurrency-lab-cli");

  /* Not an option for people: the application runs its comparisons through this. */
  if (argc == 2 && strcmp (argv[1], CLAB_SESSION_COMMAND) == 0)
    return clab_cli_session_serve ();

  if (!clab_cli_options_parse (options, &args, &error))
    return clab_cli_fail (CLAB_CLI_EXIT_USAGE, error);
  return clab_cli_execute (options);
}
