/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-run-helpers.h"

/* --report of run and render: one PDF or HTML file, by its extension. */

static char *scratch;

static char *
scratch_path (const char *name)
{
  return g_build_filename (scratch, name, NULL);
}

/* Runs first: the result it saves is what render reads. */
static void
test_run_report (void)
{
  g_autofree char *html_path = scratch_path ("run.html");
  g_autofree char *json_path = scratch_path ("result.json");
  const char *args[] = { "run", "--workload", "sleep", "--size", "0.01", "--tasks", "2",
                         "--modes", "sequential,threads", "--runs", "1", "--warmup", "0",
                         "--json", json_path, "--report", html_path, "--quiet", NULL };
  g_auto(Outcome) outcome = { 0 };
  g_autofree char *html = NULL;
  g_autofree char *verdict = NULL;

  test_run_cli (args, &outcome);
  g_test_message ("stderr: %s", outcome.err);
  g_assert_cmpint (outcome.status, ==, 0);
  html = test_read_file (html_path, NULL);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<td>sequential</td>"));
  g_assert_nonnull (strstr (html, "<td>threads</td>"));
  g_assert_cmpuint (test_count (html, "<svg"), ==, 4);
  /* --quiet prints the verdict alone: the report says the same sentence. */
  verdict = g_markup_escape_text (g_strstrip (outcome.out), -1);
  g_assert_nonnull (strstr (html, verdict));
}

static void
test_render_report (void)
{
  g_autofree char *json_path = scratch_path ("result.json");
  g_autofree char *pdf_path = scratch_path ("render.PDF");
  const char *args[] = { "render", json_path, "--report", pdf_path, NULL };
  g_auto(Outcome) outcome = { 0 };
  g_autofree char *pdf = NULL;
  gsize length;

  g_assert_true (g_file_test (json_path, G_FILE_TEST_IS_REGULAR));
  test_run_cli (args, &outcome);
  g_test_message ("stderr: %s", outcome.err);
  g_assert_cmpint (outcome.status, ==, 0);
  /* A file was asked for, so the report is not printed again. */
  g_assert_cmpstr (outcome.out, ==, "");
  pdf = test_read_file (pdf_path, &length);
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (pdf, 5, "%PDF-", 5);
}

static void
assert_refused (const char *report,
                const char *needle)
{
  g_autofree char *json_path = scratch_path ("result.json");
  const char *args[] = { "render", json_path, "--report", report, NULL };
  g_auto(Outcome) outcome = { 0 };

  test_run_cli (args, &outcome);
  g_assert_cmpint (outcome.status, ==, 2);
  g_assert_true (g_str_has_prefix (outcome.err, "concurrency-lab-cli: error: "));
  g_assert_nonnull (strstr (outcome.err, needle));
  g_assert_false (g_file_test (report, G_FILE_TEST_EXISTS));
}

static void
test_render_report_refused (void)
{
  g_autofree char *txt = scratch_path ("report.txt");
  g_autofree char *missing = g_build_filename (scratch, "missing", "report.pdf", NULL);

  assert_refused (txt, ".pdf");
  assert_refused (missing, "does not exist");
  assert_refused ("-", ".html");
}

static void
test_help_mentions_report (void)
{
  const char *render_args[] = { "render", "--help", NULL };
  const char *run_args[] = { "run", "--help", NULL };
  g_auto(Outcome) render = { 0 };
  g_auto(Outcome) run = { 0 };

  test_run_cli (render_args, &render);
  test_run_cli (run_args, &run);
  g_assert_cmpint (render.status, ==, 0);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (render.out, "--report"));
  g_assert_nonnull (strstr (run.out, "--report"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  scratch = test_make_scratch ("clab-cli-report-XXXXXX");

  g_test_add_func ("/cli-report/run", test_run_report);
  g_test_add_func ("/cli-report/render", test_render_report);
  g_test_add_func ("/cli-report/refused", test_render_report_refused);
  g_test_add_func ("/cli-report/help", test_help_mentions_report);

  return test_run_in_scratch (&scratch);
}
