/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-cli-presets.h"
#include "clab-cli-report.h"

#define INDENT     "    "
#define TEXT_WIDTH 76

static void
append_wrapped (GString    *out,
                const char *text,
                const char *indent,
                guint       width)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  guint column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint length = g_utf8_strlen (words[i], -1);

      if (length == 0)
        continue;
      if (column > 0 && column + 1 + length > width)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      if (column == 0)
        g_string_append (out, indent);
      else
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
      column += (column > 0 ? 1 : 0) + length;
    }
  if (column > 0)
    g_string_append_c (out, '\n');
}

static char *
dup_plan_summary (ClabPlan *plan)
{
  g_autofree char *workload = clab_cli_report_dup_workload (plan);
  g_autofree char *workers = clab_cli_report_dup_workers (plan);
  g_autoptr(GString) modes = g_string_new (NULL);
  const ClabMode *list;
  guint n_modes;

  list = clab_plan_get_modes (plan, &n_modes);
  for (guint i = 0; i < n_modes; i++)
    g_string_append_printf (modes, i == 0 ? "%s" : ", %s", clab_mode_to_string (list[i]));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u task on %s; modes %s",
                                       "%s; %u tasks on %s; modes %s", clab_plan_get_tasks (plan)),
                          workload, clab_plan_get_tasks (plan), workers, modes->str);
}

static void
append_preset (GString    *out,
               const char *name,
               gboolean    color)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabPlan) plan = clab_plan_load_preset (name, &error);
  g_autofree char *summary = NULL;
  const char *description;

  g_string_append_printf (out, color ? "\033[1m%s\033[0m" : "%s", name);
  if (plan == NULL)
    {
      g_string_append_printf (out, _(" (cannot be loaded: %s)\n"), error->message);
      return;
    }
  if (clab_plan_get_title (plan) != NULL)
    g_string_append_printf (out, " — %s", clab_plan_get_title (plan));
  g_string_append_c (out, '\n');
  summary = dup_plan_summary (plan);
  append_wrapped (out, summary, INDENT, TEXT_WIDTH);
  description = clab_plan_get_description (plan);
  if (description != NULL)
    append_wrapped (out, description, INDENT, TEXT_WIDTH);
}

char *
clab_cli_presets_format (gboolean color)
{
  g_auto(GStrv) names = clab_plan_list_presets ();
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      append_preset (out, names[i], color);
    }
  g_string_append_printf (out, _("\nRun one with: %s run --preset NAME\n"), g_get_prgname ());
  return g_string_free (g_steal_pointer (&out), FALSE);
}
