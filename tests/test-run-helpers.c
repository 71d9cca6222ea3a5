/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-result-io.h"
#include "test-files.h"
#include "test-run-helpers.h"

/* What the test programs share: running a plan and finding a mode's run in the result,
 * scratch folders, and running the command line as a user would. */

ClabResult *
test_run_plan (ClabPlan *plan)
{
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);
  g_autoptr(GError) error = NULL;
  ClabResult *result = clab_runner_run (runner, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

void
test_make_busy (ClabResult *result)
{
  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      ClabModeResult *mode_result = clab_result_get_mode (result, m);

      for (guint r = 0; r < mode_result->runs->len; r++)
        {
          ClabRun *run = g_ptr_array_index (mode_result->runs, r);

          for (guint i = 0; i < run->samples->len; i++)
            {
              g_array_index (run->samples, ClabSample, i).cpu_pct = 100;
              g_array_index (run->samples, ClabSample, i).run_pct = 50;
            }
        }
    }
}

ClabRun *
test_first_run (ClabResult *result,
                ClabMode    mode)
{
  ClabModeResult *mr = clab_result_find_mode (result, mode);

  g_assert_nonnull (mr);
  g_assert_cmpuint (mr->runs->len, >=, 1);
  return g_ptr_array_index (mr->runs, 0);
}

double
test_sampled_cpu_s (const ClabRun *run)
{
  double sum = 0, prev = 0;

  for (guint i = 0; i < run->samples->len; i++)
    {
      const ClabSample *s = &g_array_index (run->samples, ClabSample, i);

      sum += s->run_pct / 100 * run->n_cpus * (s->t_s - prev);
      prev = s->t_s;
    }
  return sum;
}

ClabResult *
test_load_result (const char *path)
{
  g_autoptr(GError) error = NULL;
  ClabResult *result = clab_result_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

const char *
test_python (void)
{
  const char *path = g_getenv ("CLAB_TEST_PYTHON");

  return path != NULL && *path != '\0' ? path : "python3";
}

char *
test_make_scratch (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return folder;
}

char *
test_make_folder (const char *parent,
                  const char *name)
{
  char *folder = g_build_filename (parent, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  return folder;
}

int
test_run_in_scratch (char **scratch)
{
  int status = g_test_run ();

  remove_tree (*scratch);
  g_clear_pointer (scratch, g_free);
  return status;
}

char *
test_read_file (const char *path,
                gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

guint
test_count (const char *haystack,
            const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->out, g_free);
  g_clear_pointer (&outcome->err, g_free);
}

const char *
test_cli_path (void)
{
  const char *path = g_getenv ("CLAB_CLI_PATH");

  g_assert_nonnull (path);
  return path;
}

GSubprocessLauncher *
test_cli_launcher (void)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                             | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  return launcher;
}

GPtrArray *
test_cli_argv (const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) test_cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

GSubprocess *
test_spawn (GSubprocessLauncher *launcher,
            const char * const  *argv)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *subprocess = g_subprocess_launcher_spawnv (launcher, argv, &error);

  g_assert_no_error (error);
  return subprocess;
}

void
test_finish (GSubprocess *subprocess,
             Outcome     *outcome)
{
  if (g_subprocess_get_if_exited (subprocess))
    outcome->status = g_subprocess_get_exit_status (subprocess);
  else
    outcome->status = 128 + g_subprocess_get_term_sig (subprocess);
}

void
test_launch (GSubprocessLauncher *launcher,
             const char * const  *argv,
             Outcome             *outcome)
{
  g_autoptr(GSubprocess) subprocess = test_spawn (launcher, argv);
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (subprocess, NULL, NULL, &outcome->out, &outcome->err, &error);
  g_assert_no_error (error);
  test_finish (subprocess, outcome);
}

void
test_run_cli (const char * const *args,
              Outcome            *outcome)
{
  g_autoptr(GSubprocessLauncher) launcher = test_cli_launcher ();
  g_autoptr(GPtrArray) argv = test_cli_argv (args);

  test_launch (launcher, (const char * const *) argv->pdata, outcome);
}

GPtrArray *
test_split_args (const char *line,
                 const char *folder)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '@')
        g_ptr_array_add (args, g_strconcat (folder, words[i] + 1, NULL));
      else
        g_ptr_array_add (args, g_strdup (words[i]));
    }
  g_ptr_array_add (args, NULL);
  return args;
}
