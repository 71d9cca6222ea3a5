/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "clab-compare.h"
#include "clab-format.h"
#include "clab-plan.h"
#include "clab-result-io.h"
#include "clab-stats.h"
#include "clab-verdict.h"
#include "result-fixture.h"
#include "test-run-helpers.h"

/* A German reader of result files that an English program wrote: every sentence the lab
 * derives is shown in German, a file's own words only where they cannot be derived. Runs
 * with LANGUAGE=de and the build's catalogue (tests/meson.build). */

#define BUSY_EN "other programs used 50 % of the CPUs during the run"
#define BUSY_DE "andere Programme nutzten während der Messung 50 % der CPUs"
#define FAILED_EN "1 task failed in the threads mode; the task list shows why."
#define CANCELLED_EN "The comparison was cancelled: these results are partial."
#define CANCELLED_DE "Der Vergleich wurde abgebrochen: Diese Ergebnisse sind unvollständig."
#define OWN_WARNING "A warning, with a comma."

/* Written before the catalogue is bound, so in English as the command line writes it. */
static char *english_file;

static char *
write_english_file (void)
{
  g_autoptr(ClabResult) result = make_result ();
  ClabPlan *plan = clab_result_get_plan (result);

  test_make_busy (result);
  clab_plan_set_name (plan, "cpu-bound");
  clab_plan_set_title (plan, "CPU-bound work");
  clab_plan_set_description (plan, "Pure computation speeds up with every core in every "
                             "parallel mode, because C threads do not share a global lock.");
  /* What the runner adds; the fixture's own warning stays too. */
  clab_result_add_warning (result, FAILED_EN);
  clab_result_add_warning (result, CANCELLED_EN);
  return clab_result_to_json_string (result, FALSE);
}

static ClabResult *
load_english_file (void)
{
  g_autoptr(GError) error = NULL;
  ClabResult *result;

  result = clab_result_new_from_data (english_file, strlen (english_file), "en.json", &error);
  g_assert_no_error (error);
  return result;
}

static void
test_premise (void)
{
  /* The file speaks English and the reader German, or the other tests prove nothing. */
  g_assert_nonnull (strstr (english_file, "\"reason\":\"" BUSY_EN "\""));
  g_assert_nonnull (strstr (english_file, CANCELLED_EN));
  g_assert_cmpstr (_("The comparison was cancelled: these results are partial."), ==,
                   CANCELLED_DE);
}

static void
test_verdict (void)
{
  g_autoptr(ClabResult) result = load_english_file ();
  g_autofree char *reason = clab_verdict_dup_reason (result);
  g_autofree char *text = clab_result_dup_verdict (result);
  g_autofree char *markdown = clab_result_to_markdown (result);
  g_autofree char *csv = clab_result_to_summary_csv (result);

  g_assert_false (clab_verdict_is_conclusive (result));
  g_assert_cmpstr (reason, ==, BUSY_DE);
  g_assert_cmpstr (text, ==, "Nicht aussagekräftig: " BUSY_DE ".");
  g_assert_null (strstr (markdown, "other programs"));
  g_assert_nonnull (strstr (markdown, BUSY_DE));
  g_assert_null (strstr (csv, "other programs"));
}

/* A reason the numbers do not give again (another version judged it) is shown as written. */
static void
test_verdict_kept (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(ClabResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;
  char *at;

  written = clab_result_to_json_string (result, FALSE);
  at = strstr (written, "\"conclusive\":true,\"reason\":null");
  g_assert_nonnull (at);
  text = g_strdup_printf ("%.*s\"conclusive\":false,\"reason\":\"a judge of 2030 said so\"%s",
                          (int) (at - written), written,
                          at + strlen ("\"conclusive\":true,\"reason\":null"));
  loaded = clab_result_new_from_data (text, strlen (text), "old.json", &error);
  g_assert_no_error (error);
  reason = clab_verdict_dup_reason (loaded);
  g_assert_cmpstr (reason, ==, "a judge of 2030 said so");
}

static void
test_warnings (void)
{
  g_autoptr(ClabResult) result = load_english_file ();
  g_autoptr(GPtrArray) warnings = clab_stats_dup_warnings (result);
  g_autofree char *markdown = clab_result_to_markdown (result);
  g_autofree char *saved = clab_result_to_json_string (result, FALSE);

  g_assert_cmpuint (warnings->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "1 Aufgabe ist im Modus threads fehlgeschlagen; die Aufgabenliste zeigt den Grund.");
  g_assert_cmpstr (g_ptr_array_index (warnings, 1), ==, CANCELLED_DE);
  /* Words the numbers do not give are the file's own. */
  g_assert_cmpstr (g_ptr_array_index (warnings, 2), ==, OWN_WARNING);
  g_assert_null (strstr (markdown, CANCELLED_EN));
  g_assert_nonnull (strstr (markdown, CANCELLED_DE));
  /* The file keeps its words: only what is shown changes. */
  g_assert_nonnull (strstr (saved, CANCELLED_EN));
}

static void
test_preset_title (void)
{
  g_autoptr(ClabResult) result = load_english_file ();
  ClabPlan *plan = clab_result_get_plan (result);
  g_autoptr(ClabPlan) own = clab_plan_copy (plan);
  g_autoptr(ClabPlan) other = clab_plan_copy (plan);

  g_assert_cmpstr (clab_plan_get_title (plan), ==, "CPU-bound work");
  g_assert_cmpstr (clab_plan_get_shown_title (plan), ==, "Rechenintensive Arbeit");
  g_assert_cmpstr (clab_plan_get_shown_description (plan), ==,
                   _("Pure computation speeds up with every core in every parallel mode, "
                     "because C threads do not share a global lock."));
  g_assert_null (strstr (clab_plan_get_shown_description (plan), "computation"));

  /* A person's own words are shown as written, even under a preset's name. */
  clab_plan_set_title (own, "My CPU-bound work");
  g_assert_cmpstr (clab_plan_get_shown_title (own), ==, "My CPU-bound work");
  /* Another preset's title under this name is not this preset's. */
  clab_plan_set_name (other, "sleep-2x2");
  g_assert_cmpstr (clab_plan_get_shown_title (other), ==, "CPU-bound work");
  clab_plan_set_name (other, "no-such-preset");
  g_assert_cmpstr (clab_plan_get_shown_title (other), ==, "CPU-bound work");
  /* The command line's default plan: the preset's words without its name. */
  clab_plan_set_name (other, NULL);
  g_assert_cmpstr (clab_plan_get_shown_title (other), ==, "Rechenintensive Arbeit");
}

static void
test_size_plurals (void)
{
  g_autofree char *one = clab_workload_dup_size_text (CLAB_WORKLOAD_CPU, 1);
  g_autofree char *two = clab_workload_dup_size_text (CLAB_WORKLOAD_LOCK, 2);
  g_autofree char *half = clab_workload_dup_size_text (CLAB_WORKLOAD_CPU, 1.5);
  g_autofree char *sleep = clab_workload_dup_size_text (CLAB_WORKLOAD_SLEEP, 2);

  g_assert_cmpstr (one, ==, "1 Arbeitseinheit");
  g_assert_cmpstr (two, ==, "2 Arbeitseinheiten");
  g_assert_cmpstr (half, ==, "1.5 Arbeitseinheiten");
  g_assert_cmpstr (sleep, ==, "2 s");
}

/* More workers than one CPU: "1 CPU", "1 Aufgabe", in the reader's language. */
static void
test_warning_plurals (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(GPtrArray) warnings = NULL;
  ClabSystemInfo info = { 1, NULL, NULL, g_strdup ("host") };

  clab_result_take_system (result, &info);
  clab_plan_set_workers (clab_result_get_plan (result), 4);
  warnings = clab_stats_dup_warnings (result);
  g_assert_true (g_ptr_array_find_with_equal_func (
    warnings, "Der Plan verwendet 4 Arbeiter auf 1 CPU: Höchstens 1 Aufgabe kann gleichzeitig "
    "rechnen.", g_str_equal, NULL));
}

static ClabResult *
make_cpu_result (guint tasks,
                 double size)
{
  ClabResult *result = make_result ();
  ClabPlan *plan = clab_result_get_plan (result);

  clab_plan_set_workload (plan, CLAB_WORKLOAD_CPU);
  clab_plan_set_size (plan, size);
  clab_plan_set_tasks (plan, tasks);
  return result;
}

/* The Compare view's subtitle and the Markdown heading say their counts in German. */
static void
test_compare_plurals (void)
{
  g_autoptr(ClabResult) one = make_cpu_result (1, 1);
  g_autoptr(ClabResult) many = make_cpu_result (4, 50);
  g_autoptr(ClabCompare) compare = clab_compare_new ();
  g_autofree char *heading = clab_result_dup_heading (one);

  clab_compare_add (compare, one, "one.json", NULL);
  clab_compare_add (compare, many, "many.json", NULL);
  g_assert_cmpstr (clab_compare_get_plan_text (compare, 0), ==,
                   "Berechnung, 1 Arbeitseinheit × 1 Aufgabe");
  g_assert_cmpstr (clab_compare_get_plan_text (compare, 1), ==,
                   "Berechnung, 50 Arbeitseinheiten × 4 Aufgaben");
  g_assert_cmpstr (heading, ==, "Concurrency Lab: Berechnung mit 1 Arbeitseinheit, 1 Aufgabe");
}

/* The plan editor lists core's workload names: in German as its own copy gave them. */
static void
test_workload_labels (void)
{
  const char *german[] = { "Schlafen", "Berechnung", "Gemeinsame Sperre", "Datei-E/A",
                           "Speicher", "Befehl" };

  g_assert_cmpuint (G_N_ELEMENTS (german), ==, CLAB_N_WORKLOADS);
  for (guint k = 0; k < CLAB_N_WORKLOADS; k++)
    g_assert_cmpstr (clab_workload_label (k), ==, german[k]);
}

/* German spaces its percentages as English does, with the ordinary space the translator
 * comment names (the test's C numeric locale keeps the decimal point). */
static void
test_percent (void)
{
  g_autofree char *whole = clab_format_percent (48);
  g_autofree char *tenths = clab_format_percent_precise (12.5);

  g_assert_cmpstr (whole, ==, "48 %");
  g_assert_cmpstr (tenths, ==, "12.5 %");
}

/* The count of busy CPUs is headed in the reader's language, as a count. */
static void
test_cpus_busy (void)
{
  g_autoptr(ClabResult) result = make_cpus_busy_result ();
  g_autofree char *markdown = clab_result_to_markdown (result);
  g_autofree char *cell = NULL;

  cell = dup_markdown_cell (markdown, "sequential", "Belegte CPUs");
  g_assert_cmpstr (cell, ==, "1.84");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Still the C locale: gettext leaves every message in English. */
  english_file = write_english_file ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CLAB_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n/premise", test_premise);
  g_test_add_func ("/i18n/verdict", test_verdict);
  g_test_add_func ("/i18n/verdict-kept", test_verdict_kept);
  g_test_add_func ("/i18n/warnings", test_warnings);
  g_test_add_func ("/i18n/preset-title", test_preset_title);
  g_test_add_func ("/i18n/size-plurals", test_size_plurals);
  g_test_add_func ("/i18n/warning-plurals", test_warning_plurals);
  g_test_add_func ("/i18n/compare-plurals", test_compare_plurals);
  g_test_add_func ("/i18n/workload-labels", test_workload_labels);
  g_test_add_func ("/i18n/percent", test_percent);
  g_test_add_func ("/i18n/cpus-busy", test_cpus_busy);
  return g_test_run ();
}
