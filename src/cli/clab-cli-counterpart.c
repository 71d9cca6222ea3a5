/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-atomic-file.h"
#include "clab-cli-args.h"
#include "clab-cli-compare.h"
#include "clab-cli-counterpart.h"
#include "clab-compare.h"
#include "clab-plan-counterpart.h"

/* A Python claim beside what C does with the same plan: both runs, one table. */

char *
clab_cli_counterpart_dup_path (const char *path)
{
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  /* A dot that starts the name (".json") is no extension. */
  if (dot == NULL || dot == base)
    return g_strconcat (path, "-c", NULL);
  return g_strdup_printf ("%.*s-c%s", (int) (strlen (path) - strlen (dot)), path, dot);
}

static gboolean
check_json_path (ClabCliOptions  *options,
                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *path = options->counterpart_json_path;

  if (g_strcmp0 (options->json_path, CLAB_CLI_STDOUT_PATH) == 0)
    return clab_cli_bad_value (error, _("--counterpart saves two results: give --json a file "
                                        "name, not “-”."));
  if (g_strcmp0 (path, options->csv_path) == 0 || g_strcmp0 (path, options->summary_csv_path) == 0
      || g_strcmp0 (path, options->markdown_path) == 0)
    return clab_cli_bad_value (error, _("“%s” is given as more than one output file."), path);
  /* The writer's own rule (no devices, pipes…), checked before a long measurement. */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !clab_atomic_file_check_target (path, &local_error))
    return clab_cli_bad_value (error, "--json: %s", local_error->message);
  return TRUE;
}

gboolean
clab_cli_counterpart_prepare (ClabCliOptions  *options,
                              GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (options != NULL && CLAB_IS_PLAN (options->plan), FALSE);

  options->counterpart = clab_plan_dup_counterpart (options->plan, &local_error);
  if (options->counterpart == NULL)
    return clab_cli_bad_value (error, "--counterpart: %s", local_error->message);
  if (!clab_plan_validate (options->counterpart, &local_error))
    return clab_cli_bad_value (error, "--counterpart: %s", local_error->message);
  if (options->json_path == NULL)
    return TRUE;
  options->counterpart_json_path = clab_cli_counterpart_dup_path (options->json_path);
  return check_json_path (options, error);
}

void
clab_cli_counterpart_print (ClabResult *result,
                            ClabResult *counterpart,
                            gboolean    to_stderr)
{
  g_autoptr(ClabCompare) compare = clab_compare_new ();

  g_return_if_fail (CLAB_IS_RESULT (result) && CLAB_IS_RESULT (counterpart));

  /* The Python result is the reference: the change says what C does with its plan. */
  clab_compare_add (compare, result, NULL, NULL);
  clab_compare_add (compare, counterpart, NULL, NULL);
  if (to_stderr)
    g_printerr ("\n");
  else
    g_print ("\n");
  clab_cli_compare_print (compare, to_stderr);
}
