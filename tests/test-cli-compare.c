/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "test-files.h"
#include "test-run-helpers.h"

/* "concurrency-lab-cli compare" as a user runs it: two results measured by the real command
 * line, then the table, a chart and a Markdown file; bad input is one sentence and exit 2. */

typedef struct
{
  const char *name;
  const char *args;      /* split at spaces; @ stands for the scratch folder, % for this case's */
  const char *needle;    /* what the error line must mention */
} BadInput;

static const BadInput bad_inputs[] = {
  { "no-files", "compare", "two or more result files" },
  { "one-file", "compare @/a.json", "two or more result files" },
  { "missing-file", "compare @/a.json %/missing.json", "missing.json" },
  { "garbage", "compare @/a.json %/garbage.json", "garbage.json" },
  { "foreign", "compare @/a.json %/foreign.json", "foreign.json" },
  { "not-regular", "compare @/a.json /dev/zero", "regular file" },
  { "chart-type-cpu", "compare @/a.json @/b.json --chart %/c.png --chart-type cpu", "cpu" },
  { "chart-extension", "compare @/a.json @/b.json --chart %/c.bmp", "c.bmp" },
  { "chart-size", "compare @/a.json @/b.json --chart %/c.png --chart-size 10x10", "--chart-size" },
  { "two-stdout", "compare @/a.json @/b.json --chart - --markdown -", "standard output" },
  { "unknown-option", "compare @/a.json @/b.json --frobnicate", "frobnicate" },
};

static char *scratch;

/* Splits @line at spaces; "@" at the start of a word is the scratch folder, "%" @folder. */
static GPtrArray *
split_args (const char *line,
            const char *folder)
{
  GPtrArray *args = test_split_args (line, scratch);

  for (guint i = 0; i + 1 < args->len; i++)
    {
      char *word = args->pdata[i];

      if (word[0] == '%')
        {
          args->pdata[i] = g_strconcat (folder, word + 1, NULL);
          g_free (word);
        }
    }
  return args;
}

static void
run_cli (const char *line,
         const char *folder,
         Outcome    *outcome)
{
  g_autoptr(GPtrArray) args = split_args (line, folder);

  test_run_cli ((const char * const *) args->pdata, outcome);
}

static void
assert_ok (const char *line,
           const char *folder,
           Outcome    *outcome)
{
  run_cli (line, folder, outcome);
  g_test_message ("stderr: %s", outcome->err);
  g_assert_cmpint (outcome->status, ==, 0);
}

/* The width and height in a PNG's header. */
static void
assert_png (const char *path,
            guint       width,
            guint       height)
{
  g_autofree char *data = NULL;
  gsize length;
  const guchar *p;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  p = (const guchar *) data + 16;
  g_assert_cmpuint ((guint) p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3], ==, width);
  g_assert_cmpuint ((guint) p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7], ==, height);
}

/* Measures a small result with the real command line. */
static void
measure (const char *options,
         const char *name)
{
  g_autofree char *line = g_strdup_printf ("run %s --runs 2 --warmup 0 --quiet --json @/%s",
                                           options, name);
  g_auto(Outcome) outcome = { 0 };

  assert_ok (line, scratch, &outcome);
}

/* @name with its plan's size changed: the same file, other work. */
static void
write_other_plan (const char *from,
                  const char *name)
{
  g_autofree char *path = g_build_filename (scratch, from, NULL);
  g_autofree char *out = g_build_filename (scratch, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *plan;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  plan = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "plan");
  json_object_set_double_member (plan, "size", 0.07);
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, out, &error));
  g_assert_no_error (error);
}

static void
test_table (void)
{
  g_auto(Outcome) outcome = { 0 };

  assert_ok ("compare @/a.json @/b.json", scratch, &outcome);
  g_assert_cmpstr (outcome.err, ==, "");
  g_assert_nonnull (strstr (outcome.out, "Concurrency Lab: 2 results compared"));
  g_assert_nonnull (strstr (outcome.out, "a.json"));
  g_assert_nonnull (strstr (outcome.out, "b.json"));
  g_assert_nonnull (strstr (outcome.out, "Change against 1"));
  g_assert_nonnull (strstr (outcome.out, "reference"));
  g_assert_nonnull (strstr (outcome.out, "Sequential"));
  g_assert_nonnull (strstr (outcome.out, " %"));
  /* Not a terminal: no colour codes in a pipe. */
  g_assert_null (strchr (outcome.out, '\033'));
}

static void
test_chart_and_markdown (void)
{
  g_autofree char *folder = test_make_folder (scratch, "chart-and-markdown");
  g_autofree char *png = g_build_filename (folder, "elapsed.png", NULL);
  g_autofree char *small = g_build_filename (folder, "small.png", NULL);
  g_autofree char *md_path = g_build_filename (folder, "compare.md", NULL);
  g_autofree char *md = NULL;
  g_auto(Outcome) outcome = { 0 };
  g_auto(Outcome) dark = { 0 };

  assert_ok ("compare @/a.json @/b.json --chart %/elapsed.png --markdown %/compare.md",
             folder, &outcome);
  assert_png (png, 1600, 900);
  g_assert_true (g_file_get_contents (md_path, &md, NULL, NULL));
  g_assert_true (g_str_has_prefix (md, "# Concurrency Lab: 2 results compared\n"));
  g_assert_nonnull (strstr (md, "| Mode | Result | Runs |"));
  g_assert_nonnull (strstr (md, "| `sequential` |"));
  g_assert_nonnull (strstr (md, "| reference |"));
  g_assert_nonnull (strstr (md, "b.json"));

  assert_ok ("compare @/a.json @/b.json --chart %/small.png --chart-size 800x600 "
             "--chart-theme dark", folder, &dark);
  assert_png (small, 800, 600);
  /* Only what was asked for, and no temporary file left beside it. */
  g_assert_cmpuint (count_entries (folder), ==, 3);
}

static void
test_scaling_svg (void)
{
  g_autofree char *folder = test_make_folder (scratch, "scaling-svg");
  g_autofree char *svg_path = g_build_filename (folder, "scaling.svg", NULL);
  g_autofree char *svg = NULL;
  g_auto(Outcome) outcome = { 0 };

  assert_ok ("compare @/sweep.json @/sweep.json @/a.json --chart %/scaling.svg "
             "--chart-type scaling", folder, &outcome);
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "<title>Speedup against the number of workers"));
  /* The text alternative names each curve's points, and the result without a sweep. */
  g_assert_nonnull (strstr (svg, "with 2 workers"));
  g_assert_nonnull (strstr (svg, "no sweep of worker counts"));
}

static void
test_markdown_stdout (void)
{
  g_auto(Outcome) outcome = { 0 };

  /* Standard output holds only the file; the table goes to standard error. */
  assert_ok ("compare @/a.json @/b.json --markdown -", scratch, &outcome);
  g_assert_true (g_str_has_prefix (outcome.out, "# Concurrency Lab: 2 results compared\n"));
  g_assert_nonnull (strstr (outcome.err, "Concurrency Lab: 2 results compared"));
}

static void
test_plans_differ (void)
{
  g_auto(Outcome) outcome = { 0 };

  assert_ok ("compare @/a.json @/other.json --markdown -", scratch, &outcome);
  g_assert_nonnull (strstr (outcome.out, "**The plans differ**"));
  g_assert_nonnull (strstr (outcome.out, "| plans differ |"));
  /* Never a bare percentage between different work. */
  g_assert_null (strstr (outcome.out, "(faster)"));
  g_assert_null (strstr (outcome.out, "(slower)"));
  g_assert_null (strstr (outcome.out, "(no clear change)"));
  g_assert_nonnull (strstr (outcome.err, "The plans differ"));
}

static void
test_bad_input (gconstpointer data)
{
  const BadInput *input = data;
  g_autofree char *folder = test_make_folder (scratch, input->name);
  g_autofree char *garbage = g_build_filename (folder, "garbage.json", NULL);
  g_autofree char *foreign = g_build_filename (folder, "foreign.json", NULL);
  g_auto(Outcome) outcome = { 0 };

  g_assert_true (g_file_set_contents (garbage, "{ \"schema\": not json", -1, NULL));
  g_assert_true (g_file_set_contents (foreign, "{ \"schema\": \"someone-else/7\" }", -1, NULL));
  run_cli (input->args, folder, &outcome);

  g_test_message ("stderr: %s", outcome.err);
  g_assert_cmpint (outcome.status, ==, 2);
  g_assert_cmpstr (outcome.out, ==, "");
  g_assert_true (g_str_has_prefix (outcome.err, "concurrency-lab-cli: error: "));
  g_assert_true (g_str_has_suffix (outcome.err, "\n"));
  g_assert_true (strchr (outcome.err, '\n') == outcome.err + strlen (outcome.err) - 1);
  g_assert_nonnull (strstr (outcome.err, input->needle));
  /* Nothing was compared, so nothing was written. */
  g_assert_cmpuint (count_entries (folder), ==, 2);
}

static void
test_help (void)
{
  g_auto(Outcome) outcome = { 0 };
  g_auto(Outcome) main_help = { 0 };

  assert_ok ("compare --help", scratch, &outcome);
  g_assert_nonnull (strstr (outcome.out, "compare A.json B.json"));
  g_assert_nonnull (strstr (outcome.out, "--markdown"));
  g_assert_nonnull (strstr (outcome.out, "--chart-type"));
  assert_ok ("--help", scratch, &main_help);
  g_assert_nonnull (strstr (main_help.out, "compare"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  scratch = test_make_scratch ("test-cli-compare-XXXXXX");

  /* Two measurements of the same small plan, and one sweep of worker counts. */
  measure ("--preset sleep-2x2 --size 0.05", "a.json");
  measure ("--preset sleep-2x2 --size 0.05", "b.json");
  measure ("--workload sleep --size 0.02 --tasks 4 --modes sequential,thread-pool "
           "--sweep-workers 1,2", "sweep.json");
  write_other_plan ("a.json", "other.json");

  g_test_add_func ("/cli-compare/table", test_table);
  g_test_add_func ("/cli-compare/chart-and-markdown", test_chart_and_markdown);
  g_test_add_func ("/cli-compare/scaling-svg", test_scaling_svg);
  g_test_add_func ("/cli-compare/markdown-stdout", test_markdown_stdout);
  g_test_add_func ("/cli-compare/plans-differ", test_plans_differ);
  g_test_add_func ("/cli-compare/help", test_help);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli-compare/bad-input/%s", bad_inputs[i].name);

      g_test_add_data_func (path, &bad_inputs[i], test_bad_input);
    }

  return test_run_in_scratch (&scratch);
}
