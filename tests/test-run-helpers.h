/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-runner.h"

G_BEGIN_DECLS

/* What a run of a program printed, and how it ended. */
typedef struct
{
  int   status;    /* the exit status, or 128 + the signal that killed it */
  char *out;
  char *err;
} Outcome;

/* Runs @plan to its end in this process; any error fails the test. */
ClabResult          *test_run_plan       (ClabPlan             *plan);
/* The first run of @mode in @result, which must have one. */
ClabRun             *test_first_run      (ClabResult           *result,
                                          ClabMode              mode);
/* The CPU seconds that @run's samples add up to: each its share of the machine over the
 * time since the sample before. */
double               test_sampled_cpu_s  (const ClabRun        *run);
/* Every sample of @result as if other programs kept the machine busy: all CPUs busy, the
 * run's own share half of them. */
void                 test_make_busy      (ClabResult           *result);
/* Loads the result file @path; any error fails the test. */
ClabResult          *test_load_result    (const char           *path);
/* The interpreter the Python tests run: $CLAB_TEST_PYTHON, else python3 on the PATH. */
const char          *test_python         (void);

/* Makes a scratch folder for the program from @template, as g_dir_make_tmp() takes it. */
char                *test_make_scratch   (const char           *template);
/* Makes the folder @name (and its parents) under @parent and returns its path. */
char                *test_make_folder    (const char           *parent,
                                          const char           *name);
/* Runs the tests, then removes *@scratch with all it holds and frees it. */
int                  test_run_in_scratch (char                **scratch);
/* The contents of the file @path, which must be readable; @length may be NULL. */
char                *test_read_file      (const char           *path,
                                          gsize                *length);
/* How many times @needle occurs in @haystack, overlapping occurrences included. */
guint                test_count          (const char           *haystack,
                                          const char           *needle);

void                 outcome_clear       (Outcome              *outcome);
/* concurrency-lab-cli as built for the tests ($CLAB_CLI_PATH, which must be set). */
const char          *test_cli_path       (void);
/* A launcher that runs a program as a user would: its output captured, GLib's debug
 * messages off (g_test_init() turns them on for the test, not for the program). */
GSubprocessLauncher *test_cli_launcher   (void);
/* The CLI's path, then @args (NULL-terminated, borrowed), then NULL. */
GPtrArray           *test_cli_argv       (const char * const   *args);
/* Starts @argv (the program first, NULL-terminated) from @launcher. */
GSubprocess         *test_spawn          (GSubprocessLauncher  *launcher,
                                          const char * const   *argv);
/* Sets @outcome's status from @subprocess, which has ended. */
void                 test_finish         (GSubprocess          *subprocess,
                                          Outcome              *outcome);
/* Runs @argv (the program first, NULL-terminated) from @launcher to its end. */
void                 test_launch         (GSubprocessLauncher  *launcher,
                                          const char * const   *argv,
                                          Outcome              *outcome);
/* Runs the CLI with @args (NULL-terminated) to its end, as a user would. */
void                 test_run_cli        (const char * const   *args,
                                          Outcome              *outcome);
/* The words of @line split at spaces, then NULL; "@" at the start of a word stands for
 * @folder. */
GPtrArray           *test_split_args     (const char           *line,
                                          const char           *folder);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

G_END_DECLS
