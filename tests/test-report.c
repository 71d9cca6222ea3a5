/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "clab-report.h"
#include "clab-result-io.h"
#include "result-fixture.h"
#include "test-run-helpers.h"

#define HOSTILE_TITLE "<script>alert(\"x\")</script> & co"
#define REASON        "other programs used 48 % of the CPUs during the run"

static char *
write_report (ClabResult *result,
              const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (clab_report_export (result, path, &error));
  g_assert_no_error (error);
  return test_read_file (path, NULL);
}

/* Binary safe: a PDF's compressed streams hold NUL bytes. */
static guint
count_bytes (GBytes     *bytes,
             const char *needle)
{
  gsize size, len = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &size);
  guint n = 0;

  for (gsize i = 0; i + len <= size; i++)
    if (memcmp (data + i, needle, len) == 0)
      n++;
  return n;
}

static char *
html_of (ClabResult *result)
{
  g_autofree char *dir = make_tmp_dir ();
  char *html = write_report (result, dir, "report.html");

  remove_tree (dir);
  return html;
}

static void
test_pdf_pages (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  bytes = clab_report_render_to_bytes (result, CLAB_REPORT_FORMAT_PDF, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, &size), 5, "%PDF-", 5);
  g_assert_cmpuint (size, >, 1000);
  /* "/Type /Pages" is the page tree, not a page. */
  g_assert_cmpuint (count_bytes (bytes, "/Type /Page") - count_bytes (bytes, "/Type /Pages"), >=, 2);
}

static void
test_pdf_file (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *pdf = write_report (result, dir, "Report.PDF");

  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  /* Only the report: no temporary file left beside it. */
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_tree (dir);
}

static void
test_html_content (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *verdict = clab_result_dup_verdict (result);
  g_autofree char *verdict_html = g_markup_escape_text (verdict, -1);
  g_autofree char *html = html_of (result);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<html lang=\""));
  g_assert_nonnull (strstr (html, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (html, verdict_html));
  g_assert_nonnull (strstr (html, "<td>sequential</td>"));
  g_assert_nonnull (strstr (html, "<td>threads</td>"));
  g_assert_nonnull (strstr (html, "Test CPU @ 1 GHz"));
  g_assert_nonnull (strstr (html, "Linux 6.1.0"));
  g_assert_nonnull (strstr (html, "A warning, with a comma."));
  g_assert_cmpuint (test_count (html, "<svg"), ==, 4);
  g_assert_cmpuint (test_count (html, "</svg>"), ==, 4);
  /* Self-contained: nothing is fetched when it is opened. */
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, " src="));
  g_assert_null (strstr (html, "<?xml"));
}

/* Inline SVGs share one document: no two charts may define the same id. */
static void
test_html_ids (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *html = html_of (result);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  for (const char *p = strstr (html, " id=\""); p != NULL; p = strstr (p + 1, " id=\""))
    {
      const char *start = p + strlen (" id=\"");
      const char *end = strchr (start, '"');

      g_assert_nonnull (end);
      g_assert_true (g_hash_table_add (ids, g_strndup (start, end - start)));
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

/* The table is the Markdown export's: every cell of it is in the report. */
static void
test_html_table_matches_markdown (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *html = html_of (result);
  g_autofree char *markdown = clab_result_to_markdown (result);
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  guint n_cells = 0;

  for (guint i = 0; lines[i] != NULL && !g_str_has_prefix (lines[i], "**"); i++)
    {
      g_auto(GStrv) cells = NULL;

      if (lines[i][0] != '|' || g_str_has_prefix (lines[i], "|:"))
        continue;
      cells = g_strsplit (lines[i], "|", -1);
      for (guint c = 1; cells[c] != NULL && cells[c + 1] != NULL; c++)
        {
          g_autofree char *cell = g_strstrip (g_strdup (cells[c]));
          g_autofree char *plain = NULL, *escaped = NULL, *td = NULL, *num = NULL, *th = NULL;

          g_strdelimit (cell, "`", ' ');
          plain = g_strstrip (g_strdup (cell));
          escaped = g_markup_escape_text (plain, -1);
          td = g_strdup_printf ("<td>%s</td>", escaped);
          num = g_strdup_printf ("<td class=\"num\">%s</td>", escaped);
          th = g_strdup_printf (">%s</th>", escaped);
          g_assert_true (strstr (html, td) || strstr (html, num) || strstr (html, th));
          n_cells++;
        }
    }
  /* A heading and two modes of eleven columns. */
  g_assert_cmpuint (n_cells, ==, 33);
}

static void
test_html_escapes_title (void)
{
  g_autoptr(ClabResult) result = make_hostile_result ();
  g_autofree char *html = NULL;

  clab_plan_set_title (clab_result_get_plan (result), HOSTILE_TITLE);
  html = html_of (result);
  g_assert_nonnull (strstr (html, "<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</h1>"));
  g_assert_nonnull (strstr (html, "<title>&lt;script&gt;"));
  g_assert_null (strstr (html, "<script"));
  /* A host name's terminal escapes are shown, not sent. */
  g_assert_false (has_controls (html));
}

static void
test_inconclusive_reason (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *html = NULL;

  clab_result_set_recorded_verdict (result, FALSE, REASON);
  html = html_of (result);
  g_assert_nonnull (strstr (html, "class=\"verdict inconclusive\""));
  g_assert_nonnull (strstr (html, REASON));
}

static void
test_warnings_once (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *html = NULL;

  clab_result_add_warning (result, "Said twice.");
  clab_result_add_warning (result, "Said twice.");
  html = html_of (result);
  g_assert_cmpuint (test_count (html, "Said twice."), ==, 1);
}

static void
test_python_interpreter (void)
{
  g_autoptr(ClabResult) result = make_result ();
  ClabSystemInfo info = { 2, g_strdup ("Linux 6.1.0"), g_strdup ("Test CPU"), g_strdup ("host"),
                          { g_strdup ("3.11.2"), g_strdup ("CPython"), g_strdup ("/usr/bin/python3"),
                            TRUE, g_strdup ("spawn") } };
  g_autofree char *html = NULL;

  clab_result_take_system (result, &info);
  html = html_of (result);
  g_assert_nonnull (strstr (html, "CPython 3.11.2"));
  g_assert_nonnull (strstr (html, "spawn"));
  g_assert_nonnull (strstr (html, "/usr/bin/python3"));
}

static void
test_missing_folder (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *path = g_build_filename (missing, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (clab_report_export (result, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "report.pdf"));
  g_assert_nonnull (strstr (error->message, "missing"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remove_tree (dir);
}

static void
test_bad_extension (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "report.txt", NULL);
  g_autoptr(GError) error = NULL;
  ClabReportFormat format;

  g_assert_false (clab_report_export (result, path, &error));
  g_assert_error (error, CLAB_REPORT_ERROR, CLAB_REPORT_ERROR_INVALID_FORMAT);
  g_assert_nonnull (strstr (error->message, "report.txt"));
  g_assert_cmpuint (count_entries (dir), ==, 0);
  g_assert_true (clab_report_format_from_path ("a/b.HTM", &format, NULL));
  g_assert_cmpint (format, ==, CLAB_REPORT_FORMAT_HTML);
  remove_tree (dir);
}

/* A report of a result without a single run still says what there is. */
static void
test_empty_result (void)
{
  g_autoptr(ClabPlan) plan = make_plan ();
  g_autoptr(ClabResult) result = clab_result_new (plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *html = html_of (result);

  g_assert_cmpuint (test_count (html, "<svg"), ==, 4);
  pdf = clab_report_render_to_bytes (result, CLAB_REPORT_FORMAT_PDF, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/pdf/pages", test_pdf_pages);
  g_test_add_func ("/report/pdf/file", test_pdf_file);
  g_test_add_func ("/report/html/content", test_html_content);
  g_test_add_func ("/report/html/ids", test_html_ids);
  g_test_add_func ("/report/html/table", test_html_table_matches_markdown);
  g_test_add_func ("/report/html/escapes-title", test_html_escapes_title);
  g_test_add_func ("/report/inconclusive", test_inconclusive_reason);
  g_test_add_func ("/report/warnings-once", test_warnings_once);
  g_test_add_func ("/report/python", test_python_interpreter);
  g_test_add_func ("/report/missing-folder", test_missing_folder);
  g_test_add_func ("/report/bad-extension", test_bad_extension);
  g_test_add_func ("/report/empty-result", test_empty_result);

  return g_test_run ();
}
