/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-application.h"
#include "clab-runner.h"
#include "clab-window.h"

G_BEGIN_DECLS

/* What the GUI test programs share: a real window on the test's X server, and ways to wait. */

typedef struct
{
  ClabApplication *app;
  ClabWindow      *window;
  char            *tmpdir;
  const char      *expected_toast;   /* what toast_shown() waits for */
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

/* Sets a data folder of the test's own, then GTK up; FALSE (the test skipped) without a display. */
gboolean    gui_test_init     (int               *argc,
                               char            ***argv);
/* Runs the tests and removes the data folder. */
int         gui_test_run      (void);
void        fixture_set_up    (Fixture           *fixture,
                               gconstpointer      data);
void        fixture_tear_down (Fixture           *fixture,
                               gconstpointer      data);
/* Spins the main loop, as the app would, until @condition holds or @timeout_ms pass. */
gboolean    wait_for          (Fixture           *fixture,
                               Condition          condition,
                               guint              timeout_ms);
gboolean    run_finished      (Fixture           *fixture);
gboolean    toast_shown       (Fixture           *fixture);
gboolean    result_shown      (Fixture           *fixture);
ClabPlan   *make_plan         (ClabWorkloadKind   kind,
                               double             size,
                               guint              tasks,
                               const char        *modes);
/* A finished comparison of two tiny sleeps, sequential and threads. */
ClabResult *run_tiny          (void);
GtkWindow  *find_toplevel     (GType              type);
GtkWidget  *find_descendant   (GtkWidget         *widget,
                               GType              type);
GtkWidget  *find_row          (GtkWidget         *widget,
                               const char        *text);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

G_END_DECLS
