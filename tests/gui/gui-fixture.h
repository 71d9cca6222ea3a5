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

typedef gboolean (*Condition)   (Fixture       *fixture);
/* Whether @widget is the one a search looks for, told by @data. */
typedef gboolean (*WidgetMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

/* Sets a data folder of the test's own, then GTK up; FALSE (the test skipped) without a display. */
gboolean         gui_test_init             (int               *argc,
                                            char            ***argv);
/* Binds this build's translations in the language meson chose for the run ($LANGUAGE);
 * a language without one is an error, as the test would pass for nothing. */
void             gui_test_use_translations (void);
/* Runs the tests and removes the data folder. */
int              gui_test_run              (void);
void             fixture_set_up            (Fixture           *fixture,
                                            gconstpointer      data);
void             fixture_tear_down         (Fixture           *fixture,
                                            gconstpointer      data);
/* Spins the main loop, as the app would, until @condition holds or @timeout_ms pass. */
gboolean         wait_for                  (Fixture           *fixture,
                                            Condition          condition,
                                            guint              timeout_ms);
gboolean         run_finished              (Fixture           *fixture);
gboolean         toast_shown               (Fixture           *fixture);
gboolean         result_shown              (Fixture           *fixture);
ClabPlan        *make_plan                 (ClabWorkloadKind   kind,
                                            double             size,
                                            guint              tasks,
                                            const char        *modes);
/* A finished comparison of two tiny sleeps, sequential and threads. */
ClabResult      *run_tiny                  (void);
GtkWindow       *find_toplevel             (GType              type);
/* The first widget under @widget, depth first, that @match takes, as a person would look. */
GtkWidget       *find_widget               (GtkWidget         *widget,
                                            WidgetMatch        match,
                                            gconstpointer      data);
GtkWidget       *find_descendant           (GtkWidget         *widget,
                                            GType              type);
/* The label under @widget that reads @text. */
GtkWidget       *find_label                (GtkWidget         *widget,
                                            const char        *text);
/* The list row that shows a label reading @text. */
GtkWidget       *find_row                  (GtkWidget         *widget,
                                            const char        *text);
/* The first widget of @type under @widget whose string property @property reads @value. */
GtkWidget       *find_with_property        (GtkWidget         *widget,
                                            GType              type,
                                            const char        *property,
                                            const char        *value);
/* The toggle button labelled @label under @widget. */
GtkToggleButton *find_toggle               (GtkWidget         *widget,
                                            const char        *label);
/* The button under @widget whose action is @action. */
GtkWidget       *find_actionable           (GtkWidget         *widget,
                                            const char        *action);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

G_END_DECLS
