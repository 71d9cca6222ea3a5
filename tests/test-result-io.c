/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "clab-plan.h"
#include "clab-result-io.h"
#include "result-fixture.h"
#include "test-run-helpers.h"

static ClabResult *
result_from_string (const char *text,
                    GError    **error)
{
  return clab_result_new_from_data (text, strlen (text), "test.json", error);
}

/* json-glib edits the documents these tests damage; the lab reads them as text. */
static ClabResult *
result_from_node (JsonNode  *node,
                  GError   **error)
{
  g_autofree char *text = node != NULL ? json_to_string (node, FALSE) : g_strdup ("null");

  return result_from_string (text, error);
}

static void
test_round_trip_string (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(ClabResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = clab_result_to_json_string (result, FALSE);
  g_autofree char *pretty = clab_result_to_json_string (result, TRUE);

  g_assert_nonnull (strstr (compact, "\"schema\":\"" CLAB_RESULT_SCHEMA "\""));
  g_assert_nonnull (strstr (compact, "\"checksum\":\"fedcba9876543210\""));
  g_assert_nonnull (strstr (compact, "\"karp_flatt\":null"));
  g_assert_null (strstr (compact, "nan"));

  loaded = result_from_string (compact, &error);
  g_assert_no_error (error);
  assert_results_equal (result, loaded);
  g_clear_object (&loaded);

  loaded = result_from_string (pretty, &error);
  g_assert_no_error (error);
  assert_results_equal (result, loaded);
}

static void
test_round_trip_file (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(ClabResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "result.json", NULL);

  g_assert_true (clab_result_save_json (result, path, &error));
  g_assert_no_error (error);
  /* Saving again replaces the file rather than failing on it. */
  g_assert_true (clab_result_save_json (result, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  loaded = clab_result_load (path, &error);
  g_assert_no_error (error);
  assert_results_equal (result, loaded);

  remove_tree (dir);
}

static JsonNode *
valid_json (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *text = clab_result_to_json_string (result, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

/* Follows a path such as "modes[1].runs[0]" to the node it names. */
static JsonNode *
node_at (JsonNode   *root,
         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *bracket = strchr (parts[i], '[');
      guint index = bracket ? atoi (bracket + 1) : 0;

      if (bracket != NULL)
        *bracket = '\0';
      node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);
      if (bracket != NULL)
        node = json_array_get_element (json_node_get_array (node), index);
    }
  return node;
}

static void
assert_rejected (JsonNode   *root,
                 const char *expected_in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabResult) result = result_from_node (root, &error);

  g_assert_null (result);
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT);
  if (strstr (error->message, expected_in_message) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, expected_in_message);
}

typedef enum { REMOVE, SET_STRING, SET_NUMBER, SET_NULL, SET_ARRAY } Edit;

static void
check_edit_rejected (const char *object_path,
                     const char *member,
                     Edit        edit,
                     const char *expected)
{
  g_autoptr(JsonNode) root = valid_json ();
  JsonObject *object = json_node_get_object (object_path ? node_at (root, object_path) : root);

  switch (edit)
    {
    case REMOVE:     json_object_remove_member (object, member); break;
    case SET_STRING: json_object_set_string_member (object, member, "fibers"); break;
    case SET_NUMBER: json_object_set_double_member (object, member, -12.5); break;
    case SET_NULL:   json_object_set_null_member (object, member); break;
    case SET_ARRAY:  json_object_set_array_member (object, member, json_array_new ()); break;
    default:         g_assert_not_reached ();
    }
  assert_rejected (root, expected);
}

static void
test_reject_fields (void)
{
  check_edit_rejected (NULL, "schema", SET_STRING, "fibers");
  check_edit_rejected (NULL, "schema", REMOVE, "schema");
  check_edit_rejected (NULL, "plan", REMOVE, "plan");
  check_edit_rejected (NULL, "system", SET_ARRAY, "system");
  check_edit_rejected ("system", "cpus", SET_NUMBER, "system.cpus");
  check_edit_rejected (NULL, "modes", REMOVE, "modes");
  check_edit_rejected (NULL, "modes", SET_STRING, "modes");
  check_edit_rejected ("modes[0]", "mode", SET_STRING, "modes[0].mode");
  check_edit_rejected ("modes[1]", "stats", SET_ARRAY, "modes[1].stats");
  check_edit_rejected ("modes[1].stats", "mean_s", REMOVE, "modes[1].stats.mean_s");
  check_edit_rejected ("modes[0].stats", "n_runs", SET_STRING, "modes[0].stats.n_runs");
  check_edit_rejected ("modes[1]", "runs", SET_NULL, "modes[1].runs");
  check_edit_rejected ("modes[1].runs[0]", "elapsed_s", REMOVE, "modes[1].runs[0].elapsed_s");
  check_edit_rejected ("modes[1].runs[0]", "elapsed_s", SET_NULL, "modes[1].runs[0].elapsed_s");
  check_edit_rejected ("modes[0].runs[1]", "peak_rss_kib", SET_NUMBER, "modes[0].runs[1].peak_rss_kib");
  check_edit_rejected ("modes[0].runs[1]", "warmup", SET_STRING, "modes[0].runs[1].warmup");
  check_edit_rejected ("modes[0].runs[1]", "tasks", SET_STRING, "modes[0].runs[1].tasks");
  check_edit_rejected ("modes[0].runs[1].tasks[2]", "status", SET_STRING, "modes[0].runs[1].tasks[2].status");
  check_edit_rejected ("modes[1].runs[1].tasks[0]", "checksum", SET_NUMBER, "modes[1].runs[1].tasks[0].checksum");
  check_edit_rejected ("modes[1].runs[1].tasks[0]", "checksum", SET_STRING, "modes[1].runs[1].tasks[0].checksum");
  check_edit_rejected ("modes[1].runs[1].tasks[0]", "index", SET_NUMBER, "modes[1].runs[1].tasks[0].index");
  check_edit_rejected ("modes[1].runs[1].tasks[1]", "start_s", SET_STRING, "modes[1].runs[1].tasks[1].start_s");
  check_edit_rejected ("modes[1].runs[1].tasks[1]", "reason", SET_ARRAY, "modes[1].runs[1].tasks[1].reason");
  check_edit_rejected ("modes[0].runs[0].samples[3]", "t_s", SET_STRING, "modes[0].runs[0].samples[3].t_s");
  check_edit_rejected ("modes[0].runs[0].samples[1]", "per_cpu_pct", REMOVE, "modes[0].runs[0].samples[1].per_cpu_pct");
  check_edit_rejected ("modes[0].runs[0].samples[1]", "per_cpu_pct", SET_ARRAY, "modes[0].runs[0].samples[1].per_cpu_pct");
  check_edit_rejected (NULL, "warnings", SET_STRING, "warnings");
  check_edit_rejected (NULL, "cancelled", SET_NUMBER, "cancelled");
  check_edit_rejected ("sweep[1]", "mode", SET_STRING, "sweep[1].mode");
  check_edit_rejected ("sweep[0]", "workers", REMOVE, "sweep[0].workers");
  check_edit_rejected ("amdahl", "fibers", SET_NUMBER, "amdahl.fibers");
}

static void
test_reject_structure (void)
{
  g_autoptr(JsonNode) array = json_from_string ("[1, 2]", NULL);
  g_autoptr(JsonNode) number = json_from_string ("3", NULL);
  g_autoptr(JsonNode) root = valid_json ();
  g_autoptr(JsonNode) duplicate = valid_json ();
  JsonArray *modes;

  assert_rejected (array, "not a JSON object");
  assert_rejected (number, "not a JSON object");
  assert_rejected (NULL, "not a JSON object");

  modes = json_node_get_array (node_at (root, "modes"));
  json_array_add_string_element (modes, "threads");
  assert_rejected (root, "modes[2]");

  json_object_set_string_member (json_node_get_object (node_at (duplicate, "modes[1]")),
                                 "mode", "sequential");
  assert_rejected (duplicate, "modes[1].mode");

  /* A NaN that json-glib would print as "nan" is not JSON. */
  json_node_set_double (node_at (duplicate, "modes[0].runs[0].samples[0].per_cpu_pct[1]"), NAN);
  assert_rejected (duplicate, "is garbled at line 1");
}

/* Numbers beyond a double read as infinity, which no field accepts. */
static void
test_reject_huge_numbers (void)
{
  g_autoptr(JsonNode) root = valid_json ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabResult) result = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *huge = NULL;

  json_node_set_string (node_at (root, "modes[0].runs[0].samples[0].per_cpu_pct[1]"), "HUGE");
  text = json_to_string (root, FALSE);
  parts = g_strsplit (text, "\"HUGE\"", -1);
  huge = g_strjoinv ("1e999", parts);
  g_assert_true (g_file_set_contents (path, huge, -1, NULL));

  result = clab_result_load (path, &error);
  g_assert_null (result);
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT);
  g_assert_nonnull (strstr (error->message, "modes[0].runs[0].samples[0].per_cpu_pct"));
  remove_tree (dir);
}

/* Files of other writers: unknown fields are ignored, optional ones default. */
static void
test_forward_and_backward (void)
{
  g_autoptr(JsonNode) root = valid_json ();
  g_autoptr(ClabResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *run = json_node_get_object (node_at (root, "modes[1].runs[1]"));
  JsonObject *task = json_node_get_object (node_at (root, "modes[1].runs[1].tasks[0]"));
  JsonObject *stats = json_node_get_object (node_at (root, "modes[1].stats"));
  JsonObject *sample = json_node_get_object (node_at (root, "modes[1].runs[1].samples[0]"));
  ClabModeResult *threads;
  ClabRun *loaded_run;

  json_object_set_string_member (json_node_get_object (root), "future", "ignored");
  json_object_set_array_member (run, "future_list", json_array_new ());
  json_object_set_null_member (task, "future_null");
  json_object_remove_member (json_node_get_object (root), "sweep");
  json_object_remove_member (json_node_get_object (root), "amdahl");
  json_object_remove_member (json_node_get_object (root), "warnings");
  json_object_remove_member (json_node_get_object (root), "cancelled");
  json_object_remove_member (run, "workers");
  json_object_remove_member (run, "warmup");
  json_object_remove_member (run, "cancelled");
  json_object_remove_member (run, "n_cpus");
  json_object_remove_member (task, "submit_s");
  json_object_remove_member (task, "reason");
  json_object_remove_member (stats, "n_runs");
  json_object_remove_member (stats, "failures");
  json_object_remove_member (stats, "peak_rss_kib");
  json_object_remove_member (stats, "speedup_err");
  json_object_remove_member (sample, "user_pct");

  loaded = result_from_node (root, &error);
  g_assert_no_error (error);
  threads = clab_result_find_mode (loaded, CLAB_MODE_THREADS);
  loaded_run = g_ptr_array_index (threads->runs, 1);

  g_assert_cmpuint (loaded_run->workers, ==, 2);
  g_assert_false (loaded_run->warmup);
  g_assert_cmpuint (loaded_run->n_cpus, ==, 2);
  g_assert_true (isnan (g_array_index (loaded_run->tasks, ClabTask, 0).submit_s));
  g_assert_true (isnan (g_array_index (loaded_run->samples, ClabSample, 0).user_pct));
  /* Run 0 is a warm-up; the counted run 1 has the one failure. */
  g_assert_cmpuint (threads->stats.n_runs, ==, 1);
  g_assert_cmpuint (threads->stats.failures, ==, 1);
  g_assert_cmpint (threads->stats.peak_rss_kib, ==, 5001);
  g_assert_true (isnan (threads->stats.speedup_err));
  assert_close (threads->stats.speedup, 1.8724281483533);
  g_assert_cmpuint (clab_result_get_sweep (loaded)->len, ==, 0);
  g_assert_false (clab_result_get_cancelled (loaded));
  g_assert_true (isnan (clab_result_get_amdahl_serial (loaded, CLAB_MODE_THREADS)));
}

#define BUSY_REASON "other programs used 50 % of the CPUs during the run"

/* The file records the verdict; a file that has none (an older one) is judged on loading,
 * and one that has it is shown as written. */
static void
test_verdict_round_trip (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(ClabResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;
  JsonObject *verdict;

  test_make_busy (result);
  text = clab_result_to_json_string (result, FALSE);
  g_assert_nonnull (strstr (text, "\"verdict\":{\"text\":\"Inconclusive: " BUSY_REASON ".\","
                                  "\"conclusive\":false,\"reason\":\"" BUSY_REASON "\"}"));
  loaded = result_from_string (text, &error);
  g_assert_no_error (error);
  assert_results_equal (result, loaded);
  g_clear_object (&loaded);

  /* As written, even where the samples would judge otherwise. */
  root = json_from_string (text, NULL);
  verdict = json_object_get_object_member (json_node_get_object (root), "verdict");
  json_object_set_boolean_member (verdict, "conclusive", TRUE);
  json_object_set_null_member (verdict, "reason");
  loaded = result_from_node (root, &error);
  g_assert_no_error (error);
  g_assert_true (clab_verdict_is_conclusive (loaded));
  g_clear_object (&loaded);

  /* An older file without a verdict: judged from its samples. */
  json_object_remove_member (json_node_get_object (root), "verdict");
  loaded = result_from_node (root, &error);
  g_assert_no_error (error);
  reason = clab_verdict_dup_reason (loaded);
  g_assert_cmpstr (reason, ==, BUSY_REASON);

  /* A verdict of the wrong type is an error like any other field's. */
  json_object_set_string_member (json_node_get_object (root), "verdict", "fast");
  g_clear_object (&loaded);
  assert_rejected (root, "verdict");
}

static JsonNode *
make_bad_node (guint kind)
{
  JsonNode *node = json_node_alloc ();
  g_autoptr(JsonArray) empty = json_array_new ();

  switch (kind)
    {
    case 0:  return json_node_init_null (node);
    case 1:  return json_node_init_array (node, empty);
    case 2:  return json_node_init_string (node, "x");
    case 3:  return json_node_init_double (node, 1e308);
    default: return json_node_init_int (node, G_MININT64);
    }
}

/* json-glib cannot insert into an array, so the array is rebuilt around the new element. */
static void
replace_element (JsonNode *array_node,
                 guint     index,
                 JsonNode *replacement)
{
  JsonArray *old = json_node_get_array (array_node);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < json_array_get_length (old); i++)
    json_array_add_element (array, i == index ? replacement
                                              : json_node_ref (json_array_get_element (old, i)));
  json_node_take_array (array_node, array);
}

/* Replaces the @target-th node below @node (counting in document order); returns TRUE once done. */
static gboolean
mutate_nth (JsonNode *node,
            guint    *counter,
            guint     target,
            guint     kind)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          if ((*counter)++ == target)
            {
              json_object_set_member (object, l->data, make_bad_node (kind));
              return TRUE;
            }
          if (mutate_nth (json_object_get_member (object, l->data), counter, target, kind))
            return TRUE;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if ((*counter)++ == target)
            {
              replace_element (node, i, make_bad_node (kind));
              return TRUE;
            }
          if (mutate_nth (json_array_get_element (array, i), counter, target, kind))
            return TRUE;
        }
    }
  return FALSE;
}

/* Every node of a valid file replaced in turn by a value of another type: no crash. */
static void
test_no_crash_on_any_value (void)
{
  g_autoptr(JsonNode) pristine = valid_json ();
  g_autofree char *text = json_to_string (pristine, FALSE);
  guint n_nodes = 0;
  guint rejected = 0;

  mutate_nth (pristine, &n_nodes, G_MAXUINT, 0);
  g_assert_cmpuint (n_nodes, >, 200);

  for (guint kind = 0; kind < 5; kind++)
    for (guint target = 0; target < n_nodes; target++)
      {
        g_autoptr(JsonNode) root = json_from_string (text, NULL);
        g_autoptr(GError) error = NULL;
        g_autoptr(ClabResult) result = NULL;
        guint counter = 0;

        mutate_nth (root, &counter, target, kind);
        result = result_from_node (root, &error);
        g_assert_true ((result == NULL) != (error == NULL));
        if (result == NULL)
          {
            g_assert_cmpstr (error->message, !=, "");
            rejected++;
          }
      }
  g_assert_cmpuint (rejected, >, n_nodes);
}

static void
test_reject_files (void)
{
  static const char *contents[] = {
    "", "   \n", "not json at all", "{", "[]", "null", "42", "{\"schema\": 5}",
    "{\"schema\": \"concurrency-lab/result/1\"}", "\xff\xfe\x00garbage",
    "{\"schema\": \"concurrency-lab/result/1\", \"plan\": [], \"modes\": {}}",
  };
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabResult) result = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_assert_true (g_file_set_contents (path, contents[i], i == 9 ? 10 : -1, NULL));
      result = clab_result_load (path, &error);
      g_assert_null (result);
      g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT);
      g_assert_nonnull (strstr (error->message, "bad.json"));
      g_clear_error (&error);
    }

  result = clab_result_load (missing, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  remove_tree (dir);
}

static void
assert_load_fails (const char *path,
                   const char *text,
                   gssize      length,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabResult) result = NULL;

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  result = clab_result_load (path, &error);
  g_assert_null (result);
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Damaged files get a sentence that names the file and says what is wrong, where. */
static void
test_damaged_files (void)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *text = clab_result_to_json_string (result, TRUE);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.json", NULL);
  g_autofree char *expected = NULL;
  gsize length = strlen (text);
  guint lines = 1;
  char *garbled;

  for (const char *c = text; c < text + length / 2; c++)
    lines += *c == '\n';
  expected = g_strdup_printf ("“x.json” is not a Concurrency Lab result: "
                              "it ends in the middle (line %u).", lines);
  assert_load_fails (path, text, length / 2, expected);

  garbled = strstr (text, "\n  \"modes\": [");
  garbled[12] = '(';
  assert_load_fails (path, text, length, "“x.json” is not a Concurrency Lab result: "
                     "it is garbled at line 5, column 12 (unexpected character).");

  assert_load_fails (path, "", 0, "“x.json” is not a Concurrency Lab result: it is empty.");
  assert_load_fails (path, "{\"schema\": \"concurrency-lab/result/2\"}", -1,
                     "“x.json” is not a Concurrency Lab result: it is of the format "
                     "“concurrency-lab/result/2”, and this version reads only "
                     "“concurrency-lab/result/1”.");
  assert_load_fails (path, "[]", -1,
                     "“x.json” is not a Concurrency Lab result: it is not a JSON object.");
  remove_tree (dir);
}

/* A damaged plan file, too; a result file is a plan, so a cut one reads as a damaged plan. */
static void
test_damaged_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabPlan) plan = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *display = g_filename_display_name (path);

  g_assert_true (g_file_set_contents (path, "{\n  \"workload\": \"sleep\",\n  \"size\": ", -1, NULL));
  plan = clab_plan_load (path, &error);
  g_assert_null (plan);
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  expected = g_strdup_printf ("“%s” is not a Concurrency Lab plan: it ends in the middle (line 3).",
                              display);
  g_assert_cmpstr (error->message, ==, expected);
  remove_tree (dir);
}

static ClabResult *
make_big_result (guint n)
{
  g_autoptr(ClabPlan) plan = make_plan ();
  ClabResult *result = clab_result_new (plan);
  ClabRun *run = clab_run_new (CLAB_MODE_THREAD_POOL, 2);

  run->elapsed_s = 12.5;
  g_array_set_size (run->tasks, n);
  g_array_set_size (run->samples, n);
  g_array_set_size (run->per_cpu_pct, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      ClabTask *task = &g_array_index (run->tasks, ClabTask, i);
      ClabSample *sample = &g_array_index (run->samples, ClabSample, i);

      *task = (ClabTask) { i, i % 7, i * 1e-4, i * 1e-4 + 1e-6, i * 1e-4 + 0.01, 0.009,
                           CLAB_TASK_OK, (guint64) i * 2654435761u, NULL };
      *sample = (ClabSample) { i * 0.1, 50.0, 40.0, 10.0, 0.0, 49.5, 1024.0 };
      g_array_index (run->per_cpu_pct, double, 2 * i) = i % 100;
      g_array_index (run->per_cpu_pct, double, 2 * i + 1) = 100 - i % 100;
    }
  clab_result_add_run (result, run);
  return result;
}

static void
test_big_round_trip (void)
{
  g_autoptr(ClabResult) result = make_big_result (100000);
  g_autoptr(ClabResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  ClabRun *run;

  g_assert_true (clab_result_save_json (result, path, &error));
  g_assert_no_error (error);
  g_test_message ("saved 100000 tasks and samples in %.3f s", g_timer_elapsed (timer, NULL));

  g_timer_start (timer);
  loaded = clab_result_load (path, &error);
  g_assert_no_error (error);
  g_test_message ("loaded them in %.3f s", g_timer_elapsed (timer, NULL));

  run = g_ptr_array_index (clab_result_get_mode (loaded, 0)->runs, 0);
  g_assert_cmpuint (run->tasks->len, ==, 100000);
  g_assert_cmpuint (run->samples->len, ==, 100000);
  g_assert_cmpuint (run->per_cpu_pct->len, ==, 200000);
  assert_tasks_equal (&g_array_index (run->tasks, ClabTask, 99999),
                      &g_array_index (((ClabRun *) g_ptr_array_index (clab_result_get_mode (result, 0)->runs, 0))->tasks,
                                      ClabTask, 99999));
  g_assert_cmpfloat (g_array_index (run->per_cpu_pct, double, 199999), ==, 100 - 99999 % 100);

  remove_tree (dir);
}

/* Text from a result file must not reach a terminal or an editor as control characters. */
static void
test_hostile_text (void)
{
  g_autoptr(ClabResult) result = make_hostile_result ();
  g_autofree char *markdown = clab_result_to_markdown (result);
  g_autofree char *csv = clab_result_to_csv (result);

  g_test_message ("%s", markdown);
  g_assert_false (has_controls (markdown));
  g_assert_null (strchr (markdown, '\r'));
  g_assert_nonnull (strstr (markdown, "evil\\x1b]0;TITLE\\x07\\x1b[2J"));
  g_assert_nonnull (strstr (markdown, "line one\\x0d\\x0aInjected: \\x7f"));
  g_assert_false (has_controls (csv));
  g_assert_nonnull (strstr (csv, "\\x1b]52;c;ZXZpbA==\\x07 and \\u009b31m"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/result-io/round-trip/string", test_round_trip_string);
  g_test_add_func ("/result-io/round-trip/file", test_round_trip_file);
  g_test_add_func ("/result-io/round-trip/big", test_big_round_trip);
  g_test_add_func ("/result-io/reject/fields", test_reject_fields);
  g_test_add_func ("/result-io/reject/structure", test_reject_structure);
  g_test_add_func ("/result-io/reject/files", test_reject_files);
  g_test_add_func ("/result-io/reject/damaged", test_damaged_files);
  g_test_add_func ("/result-io/reject/damaged-plan", test_damaged_plan);
  g_test_add_func ("/result-io/reject/huge-numbers", test_reject_huge_numbers);
  g_test_add_func ("/result-io/reject/any-value", test_no_crash_on_any_value);
  g_test_add_func ("/result-io/compatible", test_forward_and_backward);
  g_test_add_func ("/result-io/verdict", test_verdict_round_trip);
  g_test_add_func ("/result-io/hostile-text", test_hostile_text);

  return g_test_run ();
}
