/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-plan.h"

/* The checks of a plan and the parsing of its text fields; companion of clab-plan.c. */

static char *
dup_valid_mode_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    g_string_append_printf (names, "%s%s", mode > 0 ? ", " : "", clab_mode_to_string (mode));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
no_modes_error (GError **error)
{
  g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                       _("The plan needs at least one mode."));
  return FALSE;
}

static gboolean
duplicate_mode_error (ClabMode   mode,
                      GError   **error)
{
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The mode “%s” is listed twice."), clab_mode_to_string (mode));
  return FALSE;
}

static gboolean
parse_mode (const char  *name,
            ClabMode    *mode,
            GError     **error)
{
  g_autofree char *valid = NULL;

  if (clab_mode_from_string (name, mode))
    return TRUE;
  valid = dup_valid_mode_names ();
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("Unknown mode “%s”. Modes: %s."), name, valid);
  return FALSE;
}

gboolean
clab_plan_parse_modes (ClabPlan    *self,
                       const char  *list,
                       GError     **error)
{
  g_autoptr(GArray) modes = g_array_new (FALSE, FALSE, sizeof (ClabMode));
  g_auto(GStrv) items = NULL;
  gboolean seen[CLAB_N_MODES] = { FALSE, };

  g_return_val_if_fail (CLAB_IS_PLAN (self), FALSE);
  g_return_val_if_fail (list != NULL, FALSE);

  items = g_strsplit (list, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);
      ClabMode mode;

      /* Tolerates "a, b," as people type it. */
      if (*item == '\0')
        continue;
      if (!parse_mode (item, &mode, error))
        return FALSE;
      if (seen[mode])
        return duplicate_mode_error (mode, error);
      seen[mode] = TRUE;
      g_array_append_val (modes, mode);
    }

  if (modes->len == 0)
    return no_modes_error (error);
  clab_plan_set_modes (self, (const ClabMode *) (gpointer) modes->data, modes->len);
  return TRUE;
}

static gboolean
check_range (const char  *what,
             guint        value,
             guint        min,
             guint        max,
             GError     **error)
{
  if (value >= min && value <= max)
    return TRUE;
  /* Translators: the first %s names a setting such as “task count” */
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The %s %u is out of range: it must be between %u and %u."),
               what, value, min, max);
  return FALSE;
}

static gboolean
check_interval (guint    interval_ms,
                GError **error)
{
  if (interval_ms >= 10 && interval_ms <= 10000)
    return TRUE;
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The sample interval %u ms is out of range: it must be between 10 and 10000 ms."),
               interval_ms);
  return FALSE;
}

static gboolean
validate_size (ClabPlan  *self,
               GError   **error)
{
  ClabWorkloadKind workload = clab_plan_get_workload (self);
  const char *unit = clab_workload_size_unit (workload);
  double size = clab_plan_get_size (self);
  double min, max;

  /* The command workload has no size: whatever it holds is ignored. */
  if (workload == CLAB_WORKLOAD_COMMAND)
    return TRUE;
  clab_workload_size_range (workload, &min, &max);
  if (isfinite (size) && size >= min && size <= max)
    return TRUE;
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The size %.15g %s is out of range for the %s workload: it must be between %.15g and %.15g %s."),
               size, unit, clab_workload_kind_to_string (workload), min, max, unit);
  return FALSE;
}

static gboolean
validate_modes (ClabPlan  *self,
                GError   **error)
{
  gboolean seen[CLAB_N_MODES] = { FALSE, };
  const ClabMode *modes;
  guint n_modes;

  modes = clab_plan_get_modes (self, &n_modes);
  if (n_modes == 0)
    return no_modes_error (error);
  for (guint i = 0; i < n_modes; i++)
    {
      if (seen[modes[i]])
        return duplicate_mode_error (modes[i], error);
      seen[modes[i]] = TRUE;
    }
  return TRUE;
}

static gboolean
validate_sweep (ClabPlan  *self,
                GError   **error)
{
  const guint *workers;
  guint n_workers;

  workers = clab_plan_get_sweep_workers (self, &n_workers);
  for (guint i = 0; i < n_workers; i++)
    if (!check_range (_("sweep worker count"), workers[i], 1, CLAB_MAX_WORKERS, error))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

char **
clab_plan_dup_command_argv (ClabPlan  *self,
                            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *command;
  char **argv = NULL;

  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);

  command = clab_plan_get_command (self);
  if (is_blank (command))
    {
      g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                           _("The command workload needs a command to run."));
      return NULL;
    }
  /* Split with shell quoting rules, but the program never runs through a shell. */
  if (!g_shell_parse_argv (command, NULL, &argv, &local_error))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   _("The command “%s” cannot be read: %s"), command, local_error->message);
      return NULL;
    }
  return argv;
}

static gboolean
validate_command (ClabPlan  *self,
                  GError   **error)
{
  g_auto(GStrv) argv = NULL;
  g_autofree char *program = NULL;

  if (clab_plan_get_workload (self) != CLAB_WORKLOAD_COMMAND)
    return TRUE;
  if (!(argv = clab_plan_dup_command_argv (self, error)))
    return FALSE;
  if (!(program = g_find_program_in_path (argv[0])))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   _("The command “%s” was not found."), argv[0]);
      return FALSE;
    }
  return TRUE;
}

gboolean
clab_plan_validate (ClabPlan  *self,
                    GError   **error)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), FALSE);

  return check_range (_("task count"), clab_plan_get_tasks (self), 1, CLAB_MAX_TASKS, error) &&
         check_range (_("worker count"), clab_plan_get_workers (self), 1, CLAB_MAX_WORKERS, error) &&
         check_range (_("run count"), clab_plan_get_runs (self), 1, 1000, error) &&
         check_range (_("warm-up count"), clab_plan_get_warmup (self), 0, 100, error) &&
         check_interval (clab_plan_get_sample_interval_ms (self), error) &&
         validate_modes (self, error) &&
         validate_size (self, error) &&
         validate_sweep (self, error) &&
         validate_command (self, error);
}
