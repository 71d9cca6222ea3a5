/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-result-io.h"
#include "clab-result-store.h"
#include "result-fixture.h"

typedef struct
{
  char            *folder;     /* the store's folder, not made until the first add */
  ClabResultStore *store;
} Store;

static void
store_set_up (Store         *fixture,
              gconstpointer  data)
{
  g_autofree char *tmp = make_tmp_dir ();

  fixture->folder = g_build_filename (tmp, "concurrency-lab", "results", NULL);
  fixture->store = clab_result_store_new (fixture->folder);
  g_object_set_data_full (G_OBJECT (fixture->store), "tmp", g_steal_pointer (&tmp), g_free);
}

static void
store_tear_down (Store         *fixture,
                 gconstpointer  data)
{
  g_autofree char *tmp = g_strdup (g_object_get_data (G_OBJECT (fixture->store), "tmp"));

  g_clear_object (&fixture->store);
  remove_tree (tmp);
  g_free (fixture->folder);
}

static GDateTime *
make_time (int day,
           int hour)
{
  return g_date_time_new_local (2026, 3, day, hour, 30, 5);
}

/* Keeps the hand-made result, finished on March @day at @hour. */
static ClabStoredResult *
add_result (Store      *fixture,
            int         day,
            int         hour,
            const char *title)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(GDateTime) time = make_time (day, hour);
  g_autoptr(GError) error = NULL;
  ClabStoredResult *info = clab_result_store_prepare (fixture->store, result, title, time, NULL);

  g_assert_true (clab_result_store_add (fixture->store, info, result, &error));
  g_assert_no_error (error);
  return info;
}

static GPtrArray *
list (Store     *fixture,
      GPtrArray *warnings)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = clab_result_store_list (fixture->store, warnings, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static ClabStoredResult *
entry (GPtrArray *entries,
       guint      i)
{
  return g_ptr_array_index (entries, i);
}

static void
test_empty (Store         *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = list (fixture, NULL);

  /* Listing makes no folder: nothing is written before a result is kept. */
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_false (g_file_test (fixture->folder, G_FILE_TEST_EXISTS));
}

static void
test_add_and_list (Store         *fixture,
                   gconstpointer  data)
{
  g_autoptr(ClabStoredResult) older = add_result (fixture, 1, 9, NULL);
  g_autoptr(ClabStoredResult) newer = add_result (fixture, 2, 9, "My own title");
  g_autoptr(ClabStoredResult) newest = add_result (fixture, 2, 17, NULL);
  g_autoptr(GPtrArray) entries = list (fixture, NULL);
  g_autoptr(ClabResult) original = make_result ();
  g_autoptr(ClabResult) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (older->path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_prefix (older->path, fixture->folder));
  g_assert_cmpstr (older->id, !=, newer->id);
  g_assert_cmpuint (entries->len, ==, 3);
  /* Newest first. */
  g_assert_cmpstr (entry (entries, 0)->id, ==, newest->id);
  g_assert_cmpstr (entry (entries, 1)->id, ==, newer->id);
  g_assert_cmpstr (entry (entries, 2)->id, ==, older->id);
  g_assert_cmpint (g_date_time_compare (entry (entries, 2)->time, older->time), ==, 0);
  g_assert_cmpstr (entry (entries, 1)->title, ==, "My own title");
  /* Untitled plans are titled by what they ran. */
  g_assert_cmpstr (entry (entries, 0)->title, ==, "3 sleeping tasks");
  g_assert_null (entry (entries, 0)->name);
  g_assert_cmpstr (entry (entries, 0)->hostname, ==, "host");

  loaded = clab_result_store_load (fixture->store, newer->id, &error);
  g_assert_no_error (error);
  assert_results_equal (original, loaded);
}

static void
test_unique_ids (Store         *fixture,
                 gconstpointer  data)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(GDateTime) time = make_time (5, 12);
  g_autoptr(ClabStoredResult) first = clab_result_store_prepare (fixture->store, result, NULL, time, NULL);
  g_autoptr(ClabStoredResult) second = clab_result_store_prepare (fixture->store, result, NULL, time, NULL);
  g_autoptr(ClabStoredResult) opened = NULL;

  /* The same second twice, before either is written: two names all the same. */
  g_assert_cmpstr (first->id, !=, second->id);
  g_assert_null (strchr (first->id, '/'));
  opened = clab_result_store_prepare (fixture->store, result, NULL, time, "/home/x/../Ünïcode laptop run.json");
  g_assert_true (g_str_has_suffix (opened->id, "-n-code-laptop-run"));
  g_assert_cmpstr (opened->source, ==, "/home/x/../Ünïcode laptop run.json");
}

static void
test_rename (Store         *fixture,
             gconstpointer  data)
{
  g_autoptr(ClabStoredResult) info = add_result (fixture, 3, 10, NULL);
  g_autoptr(GPtrArray) renamed = NULL;
  g_autoptr(GPtrArray) reverted = NULL;
  g_autoptr(ClabResultStore) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (clab_result_store_rename (fixture->store, info->id, "  Before\nthe upgrade ", &error));
  g_assert_no_error (error);
  /* A store made afresh, as at the next start, reads the name back. */
  again = clab_result_store_new (fixture->folder);
  /* The scratch folder the tear-down removes goes with the store. */
  g_object_set_data_full (G_OBJECT (again), "tmp",
                          g_strdup (g_object_get_data (G_OBJECT (fixture->store), "tmp")), g_free);
  g_clear_object (&fixture->store);
  fixture->store = g_object_ref (again);
  renamed = list (fixture, NULL);
  g_assert_cmpuint (renamed->len, ==, 1);
  g_assert_cmpstr (entry (renamed, 0)->name, ==, "Before the upgrade");
  g_assert_cmpstr (clab_stored_result_get_display_name (entry (renamed, 0)), ==, "Before the upgrade");
  g_assert_cmpstr (entry (renamed, 0)->title, ==, "3 sleeping tasks");

  g_assert_true (clab_result_store_rename (fixture->store, info->id, "", &error));
  reverted = list (fixture, NULL);
  g_assert_null (entry (reverted, 0)->name);
  g_assert_cmpstr (clab_stored_result_get_display_name (entry (reverted, 0)), ==, "3 sleeping tasks");

  g_assert_false (clab_result_store_rename (fixture->store, "../../etc/passwd", "x", &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND);
}

static void
test_delete_restore_purge (Store         *fixture,
                           gconstpointer  data)
{
  g_autoptr(ClabStoredResult) kept = add_result (fixture, 4, 10, NULL);
  g_autoptr(ClabStoredResult) gone = add_result (fixture, 4, 11, NULL);
  g_autoptr(GPtrArray) after_delete = NULL;
  g_autoptr(GPtrArray) after_restore = NULL;
  g_autoptr(GPtrArray) after_purge = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (clab_result_store_delete (fixture->store, gone->id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (gone->path, G_FILE_TEST_EXISTS));
  after_delete = list (fixture, NULL);
  g_assert_cmpuint (after_delete->len, ==, 1);
  g_assert_cmpstr (entry (after_delete, 0)->id, ==, kept->id);

  g_assert_true (clab_result_store_restore (fixture->store, gone->id, &error));
  g_assert_no_error (error);
  after_restore = list (fixture, NULL);
  g_assert_cmpuint (after_restore->len, ==, 2);

  g_assert_true (clab_result_store_delete (fixture->store, gone->id, &error));
  g_assert_cmpuint (clab_result_store_purge (fixture->store), ==, 1);
  g_assert_false (clab_result_store_restore (fixture->store, gone->id, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after_purge = list (fixture, NULL);
  g_assert_cmpuint (after_purge->len, ==, 1);
  /* Deleting what is gone says so. */
  g_assert_false (clab_result_store_delete (fixture->store, gone->id, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND);
}

static void
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/* Damaged files are skipped and said; a result without its info is read and gets one. */
static void
test_damaged_and_foreign (Store         *fixture,
                          gconstpointer  data)
{
  g_autoptr(ClabStoredResult) good = add_result (fixture, 6, 8, NULL);
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *foreign_path = g_build_filename (fixture->folder, "from-the-server.json", NULL);
  g_autofree char *foreign_info = g_build_filename (fixture->folder, "from-the-server.info", NULL);
  g_autofree char *good_info = g_strdup_printf ("%s/%s.info", fixture->folder, good->id);
  g_autoptr(GError) error = NULL;

  write_file (fixture->folder, "broken.json", "{ \"schema\": ");
  write_file (fixture->folder, "empty.json", "");
  write_file (fixture->folder, "other.json", "{ \"schema\": \"something-else/1\" }");
  write_file (fixture->folder, "notes.txt", "not a result");
  write_file (fixture->folder, ".hidden.json", "{");
  g_assert_true (clab_result_save_json (result, foreign_path, &error));
  /* A damaged info falls back to the result itself. */
  g_assert_true (g_file_set_contents (good_info, "[Result]\nTime=yesterday\n", -1, NULL));

  entries = list (fixture, warnings);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpuint (warnings->len, ==, 3);
  for (guint i = 0; i < warnings->len; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (warnings, i), "Skipped the result file"));
  g_assert_true (g_file_test (foreign_info, G_FILE_TEST_IS_REGULAR));
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpstr (entry (entries, i)->title, ==, "3 sleeping tasks");

  /* The next list reads the info written for it, and skips the same damaged files. */
  g_ptr_array_set_size (warnings, 0);
  again = list (fixture, warnings);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpuint (warnings->len, ==, 3);
}

/* A file opened from elsewhere is kept as it was, byte for byte. */
static void
test_add_opened (Store         *fixture,
                 gconstpointer  data)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autofree char *tmp = g_strdup (g_object_get_data (G_OBJECT (fixture->store), "tmp"));
  g_autofree char *source = g_build_filename (tmp, "laptop.json", NULL);
  g_autofree char *original = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GDateTime) time = make_time (7, 9);
  g_autoptr(ClabStoredResult) info = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (clab_result_save_json (result, source, &error));
  g_assert_true (g_file_get_contents (source, &original, NULL, NULL));
  original = g_realloc (original, strlen (original) + 32);
  strcat (original, "\n");
  g_assert_true (g_file_set_contents (source, original, -1, NULL));

  info = clab_result_store_prepare (fixture->store, result, NULL, time, source);
  g_assert_true (g_str_has_suffix (info->id, "-laptop"));
  g_assert_true (clab_result_store_add (fixture->store, info, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (info->path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, original);

  entries = list (fixture, NULL);
  g_assert_cmpstr (entry (entries, 0)->source, ==, source);
  id = clab_result_store_dup_id_for_path (fixture->store, info->path);
  g_assert_cmpstr (id, ==, info->id);
  g_assert_null (clab_result_store_dup_id_for_path (fixture->store, source));
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  guint *done = user_data;
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (res, clab_result_store_add_async))
    g_assert_true (clab_result_store_add_finish (CLAB_RESULT_STORE (source), res, &error));
  else
    g_assert_true (clab_result_store_op_finish (CLAB_RESULT_STORE (source), res, &error));
  g_assert_no_error (error);
  (*done)++;
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GPtrArray **entries = user_data;
  g_autoptr(GError) error = NULL;

  *entries = clab_result_store_list_finish (CLAB_RESULT_STORE (source), res, &error);
  g_assert_no_error (error);
}

/* The calls run in the order made: a rename right after an add finds the file written. */
static void
test_async_in_order (Store         *fixture,
                     gconstpointer  data)
{
  g_autoptr(ClabResult) result = make_result ();
  g_autoptr(GDateTime) time = make_time (8, 9);
  g_autoptr(ClabStoredResult) info = clab_result_store_prepare (fixture->store, result, NULL, time, NULL);
  g_autoptr(ClabStoredResult) other = clab_result_store_prepare (fixture->store, result, NULL, time, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  guint done = 0;

  clab_result_store_add_async (fixture->store, info, result, NULL, count_done_cb, &done);
  clab_result_store_add_async (fixture->store, other, result, NULL, count_done_cb, &done);
  clab_result_store_rename_async (fixture->store, info->id, "Renamed at once", NULL, count_done_cb, &done);
  clab_result_store_delete_async (fixture->store, other->id, NULL, count_done_cb, &done);
  clab_result_store_restore_async (fixture->store, other->id, NULL, count_done_cb, &done);
  clab_result_store_list_async (fixture->store, NULL, list_done_cb, &entries);
  clab_result_store_wait (fixture->store);
  while (entries == NULL || done < 5)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (entry (entries, 0)->id, ==, other->id);
  g_assert_cmpstr (entry (entries, 1)->name, ==, "Renamed at once");
}

/* A folder of many results lists from their info files, without reading the results. */
static void
test_list_reads_only_info (Store         *fixture,
                           gconstpointer  data)
{
  g_autoptr(ClabStoredResult) info = add_result (fixture, 9, 9, NULL);
  g_autoptr(GPtrArray) entries = NULL;

  /* Were the result read, this would be skipped as damaged. */
  g_assert_true (g_file_set_contents (info->path, "{ not read }", -1, NULL));
  entries = list (fixture, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (entry (entries, 0)->id, ==, info->id);
}

static void
test_describe_plan (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autofree char *cpu = NULL;
  g_autofree char *one = NULL;
  g_autofree char *command = NULL;

  clab_plan_set_workload (plan, CLAB_WORKLOAD_CPU);
  clab_plan_set_tasks (plan, 8);
  cpu = clab_result_store_describe_plan (plan);
  g_assert_cmpstr (cpu, ==, "8 CPU-bound tasks");
  clab_plan_set_workload (plan, CLAB_WORKLOAD_SLEEP);
  clab_plan_set_tasks (plan, 1);
  one = clab_result_store_describe_plan (plan);
  g_assert_cmpstr (one, ==, "1 sleeping task");
  clab_plan_set_workload (plan, CLAB_WORKLOAD_COMMAND);
  clab_plan_set_command (plan, "/usr/bin/gzip -9 file");
  clab_plan_set_tasks (plan, 4);
  command = clab_result_store_describe_plan (plan);
  g_assert_cmpstr (command, ==, "4 runs of gzip");
}

#define ADD_STORE_TEST(path, func) \
  g_test_add (path, Store, NULL, store_set_up, func, store_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  ADD_STORE_TEST ("/result-store/empty", test_empty);
  ADD_STORE_TEST ("/result-store/add-and-list", test_add_and_list);
  ADD_STORE_TEST ("/result-store/unique-ids", test_unique_ids);
  ADD_STORE_TEST ("/result-store/rename", test_rename);
  ADD_STORE_TEST ("/result-store/delete-restore-purge", test_delete_restore_purge);
  ADD_STORE_TEST ("/result-store/damaged-and-foreign", test_damaged_and_foreign);
  ADD_STORE_TEST ("/result-store/add-opened", test_add_opened);
  ADD_STORE_TEST ("/result-store/async-in-order", test_async_in_order);
  ADD_STORE_TEST ("/result-store/list-reads-only-info", test_list_reads_only_info);
  g_test_add_func ("/result-store/describe-plan", test_describe_plan);
  return g_test_run ();
}
