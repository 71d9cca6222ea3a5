/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-json-doc.h"

static ClabJsonDoc *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  ClabJsonDoc *doc = clab_json_doc_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
test_values (void)
{
  g_autoptr(ClabJsonDoc) doc = parse (" {\"a\": [1, -2.5e3, true, false, null, \"x\"],"
                                      "  \"b\": {}, \"c\": [], \"a\": 7,"
                                      "  \"big\": 123456789012345678901, \"max\": 9223372036854775807,"
                                      "  \"min\": -9223372036854775808, \"zero\": -0, \"e\": 1E-2 } \n");
  const ClabJsonValue *root = clab_json_doc_get_root (doc);
  const ClabJsonValue *a = &root->children[0];

  g_assert_cmpint (root->type, ==, CLAB_JSON_OBJECT);
  g_assert_cmpuint (root->length, ==, 9);
  g_assert_cmpstr (a->key, ==, "a");
  g_assert_cmpint (a->type, ==, CLAB_JSON_ARRAY);
  g_assert_cmpuint (a->length, ==, 6);
  g_assert_cmpint (a->children[0].type, ==, CLAB_JSON_INT);
  g_assert_cmpint (a->children[0].integer, ==, 1);
  g_assert_cmpint (a->children[1].type, ==, CLAB_JSON_DOUBLE);
  g_assert_cmpfloat (a->children[1].number, ==, -2500.0);
  g_assert_true (a->children[2].type == CLAB_JSON_BOOLEAN && a->children[2].boolean);
  g_assert_true (a->children[3].type == CLAB_JSON_BOOLEAN && !a->children[3].boolean);
  g_assert_cmpint (a->children[4].type, ==, CLAB_JSON_NULL);
  g_assert_cmpstr (a->children[5].string, ==, "x");

  /* A repeated name: the last one wins, as in json-glib. */
  g_assert_cmpint (clab_json_value_get_member (root, "a")->integer, ==, 7);
  g_assert_null (clab_json_value_get_member (root, "missing"));
  g_assert_null (clab_json_value_get_member (a, "a"));
  g_assert_cmpuint (clab_json_value_get_member (root, "b")->length, ==, 0);
  g_assert_cmpint (clab_json_value_get_member (root, "c")->type, ==, CLAB_JSON_ARRAY);
  g_assert_cmpint (clab_json_value_get_member (root, "big")->type, ==, CLAB_JSON_DOUBLE);
  g_assert_cmpfloat (clab_json_value_get_member (root, "big")->number, ==, 123456789012345678901.0);
  g_assert_cmpint (clab_json_value_get_member (root, "max")->integer, ==, G_MAXINT64);
  g_assert_cmpint (clab_json_value_get_member (root, "min")->integer, ==, G_MININT64);
  g_assert_cmpint (clab_json_value_get_member (root, "zero")->integer, ==, 0);
  g_assert_cmpfloat (clab_json_value_get_member (root, "e")->number, ==, 0.01);
}

static void
test_strings (void)
{
  g_autoptr(ClabJsonDoc) doc = parse ("[\"plain\", \"q\\\"b\\\\s\\/n\\nt\\tr\\rb\\bf\\f\","
                                      " \"\\u00e9\\u20ac\", \"\\ud83d\\ude00\", \"caf\xc3\xa9\", \"\"]");
  const ClabJsonValue *root = clab_json_doc_get_root (doc);

  g_assert_cmpuint (root->length, ==, 6);
  g_assert_cmpstr (root->children[0].string, ==, "plain");
  g_assert_cmpstr (root->children[1].string, ==, "q\"b\\s/n\nt\tr\rb\bf\f");
  g_assert_cmpstr (root->children[2].string, ==, "\xc3\xa9\xe2\x82\xac");
  g_assert_cmpstr (root->children[3].string, ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (root->children[4].string, ==, "caf\xc3\xa9");
  g_assert_cmpstr (root->children[5].string, ==, "");
}

static void
test_invalid (void)
{
  static const char *texts[] = {
    "", "  ", "nul", "tru", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{a:1}", "{\"a\":1,}",
    "[01]", "[1.]", "[.5]", "[1e]", "[-]", "[+1]", "[0x10]", "[NaN]", "[Infinity]",
    "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud83d alone\"", "\"\\ude00\"",
    "\"\\u0000\"", "\"tab\there\"", "[1] 2", "{} {}", "[\"\xff\"]", "\"caf\xc3\"",
  };
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(ClabJsonDoc) doc = clab_json_doc_parse (texts[i], strlen (texts[i]), &error);

      if (doc != NULL)
        g_error ("“%s” parsed", texts[i]);
      g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT);
      g_assert_nonnull (strstr (error->message, "line 1, column"));
      g_clear_error (&error);
    }

  /* A NUL byte inside the length given, and nesting deeper than any result. */
  g_assert_null (clab_json_doc_parse ("[1,\0 2]", 7, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT);
  g_clear_error (&error);
  g_assert_null (clab_json_doc_parse (deep, strlen (deep), &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT);
}

static void
test_error_position (void)
{
  const char *text = "{\n  \"a\": 1,\n  \"b\": ?\n}";
  g_autoptr(GError) error = NULL;

  g_assert_null (clab_json_doc_parse (text, strlen (text), &error));
  g_assert_nonnull (strstr (error->message, "line 3, column 8"));
}

/* Through json-glib and back, whichever types it holds. */
static void
test_json_glib (void)
{
  const char *text = "{\"s\":\"\\u00e9\\n\",\"i\":-3,\"d\":0.25,\"b\":true,\"n\":null,"
                     "\"a\":[[],{}],\"o\":{\"k\":[1,2.5]}}";
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(ClabJsonDoc) doc = clab_json_doc_new_from_node (node, NULL);
  g_autoptr(ClabJsonDoc) null_doc = clab_json_doc_new_from_node (NULL, NULL);
  g_autoptr(JsonNode) back = clab_json_value_to_node (clab_json_doc_get_root (doc));

  g_assert_nonnull (doc);
  g_assert_cmpstr (clab_json_value_get_member (clab_json_doc_get_root (doc), "s")->string, ==, "\xc3\xa9\n");
  g_assert_cmpint (clab_json_doc_get_root (null_doc)->type, ==, CLAB_JSON_NULL);
  g_assert_true (json_node_equal (node, back));
}

/* Every prefix of a valid document is rejected or accepted, never a crash. */
static void
test_prefixes (void)
{
  const char *text = "{\"a\": [1, -2.5e-3, \"x\\u00e9\\\"\", {\"b\": null}], \"c\": true}";
  gsize length = strlen (text);

  for (gsize i = 0; i < length; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClabJsonDoc) doc = clab_json_doc_parse (text, i, &error);

      g_assert_null (doc);
      g_assert_nonnull (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-doc/values", test_values);
  g_test_add_func ("/json-doc/strings", test_strings);
  g_test_add_func ("/json-doc/invalid", test_invalid);
  g_test_add_func ("/json-doc/error-position", test_error_position);
  g_test_add_func ("/json-doc/json-glib", test_json_glib);
  g_test_add_func ("/json-doc/prefixes", test_prefixes);

  return g_test_run ();
}
