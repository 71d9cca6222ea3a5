/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-json-doc.h"
#include "clab-json-writer.h"

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
      /* A clause for people, to follow "“x.json” is not a Concurrency Lab result: ". */
      g_assert_true (g_str_has_prefix (error->message, "it "));
      g_assert_true (*texts[i] == ' ' || *texts[i] == '\0' || strstr (error->message, "line 1"));
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

/* Writes @value again with the project's writer: what it parsed, it prints the same. */
static void
write_value (ClabJsonWriter      *w,
             const ClabJsonValue *value)
{
  switch (value->type)
    {
    case CLAB_JSON_NULL: clab_json_writer_null (w); break;
    case CLAB_JSON_BOOLEAN: clab_json_writer_boolean (w, value->boolean); break;
    case CLAB_JSON_INT: clab_json_writer_int (w, value->integer); break;
    case CLAB_JSON_DOUBLE: clab_json_writer_double (w, value->number); break;
    case CLAB_JSON_STRING: clab_json_writer_string (w, value->string); break;
    case CLAB_JSON_ARRAY:
    case CLAB_JSON_OBJECT:
      clab_json_writer_begin (w, value->type == CLAB_JSON_ARRAY ? '[' : '{', FALSE);
      for (guint i = 0; i < value->length; i++)
        {
          if (value->type == CLAB_JSON_OBJECT)
            clab_json_writer_key (w, value->children[i].key);
          else
            clab_json_writer_element (w);
          write_value (w, &value->children[i]);
        }
      clab_json_writer_end (w, value->type == CLAB_JSON_ARRAY ? ']' : '}');
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The writer and the parser agree, whichever types and escapes a document holds. */
static void
test_writer_round_trip (void)
{
  const char *text = "{\"s\":\"\u00e9\\n\\t\\\"\\\\\\u0001\",\"i\":-3,\"d\":0.25,\"b\":true,"
                     "\"f\":false,\"n\":null,\"a\":[[],{}],\"o\":{\"k\":[1,2.5,1e-07,123456789012]}}";
  const char *expected = "{\"s\":\"\u00e9\\n\\t\\\"\\\\\\u0001\",\"i\":-3,\"d\":0.25,\"b\":true,"
                         "\"f\":false,\"n\":null,\"a\":[[],{}],\"o\":{\"k\":[1,2.5,1e-07,123456789012]}}";
  g_autoptr(ClabJsonDoc) doc = parse (text);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) pretty = g_string_new (NULL);
  ClabJsonWriter w;

  clab_json_writer_init (&w, out, FALSE);
  write_value (&w, clab_json_doc_get_root (doc));
  g_assert_cmpstr (out->str, ==, expected);
  g_assert_cmpstr (clab_json_value_get_member (clab_json_doc_get_root (doc), "s")->string, ==,
                   "\xc3\xa9\n\t\"\\\x01");

  /* Pretty: members of a multi-line object on lines of their own, the rest on one. */
  clab_json_writer_init (&w, pretty, TRUE);
  clab_json_writer_begin (&w, '{', TRUE);
  clab_json_writer_member_int (&w, "a", 1);
  clab_json_writer_key (&w, "b");
  clab_json_writer_begin (&w, '[', FALSE);
  clab_json_writer_element (&w);
  clab_json_writer_double (&w, NAN);
  clab_json_writer_element (&w);
  clab_json_writer_double (&w, 1.0 / 3);
  clab_json_writer_end (&w, ']');
  clab_json_writer_member_string (&w, "c", NULL);
  clab_json_writer_end (&w, '}');
  g_assert_cmpstr (pretty->str, ==, "{\n  \"a\": 1,\n  \"b\": [null, 0.333333333],\n  \"c\": null\n}");
}

static void
assert_message (const char *text,
                const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (clab_json_doc_parse (text, strlen (text), &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Damaged files get a sentence: cut short, garbled, not text, or more than one document. */
static void
test_messages (void)
{
  g_autofree char *deep = g_strnfill (1000, '[');

  assert_message (" \n", "it is empty");
  assert_message ("{\n  \"a\": [1,\n   2", "it ends in the middle (line 3)");
  assert_message ("{\"a\": tr", "it ends in the middle (line 1)");
  assert_message ("{\"a\": \"caf", "it ends in the middle (line 1)");
  assert_message ("{\"a\": \"caf\xc3", "it ends in the middle (line 1)");
  assert_message ("{\"a\": \"\\u00", "it ends in the middle (line 1)");
  assert_message ("[1,\n 2 3]", "it is garbled at line 2, column 4 (expected “,” or “]”)");
  assert_message ("[\"é\" x]", "it is garbled at line 1, column 6 (expected “,” or “]”)");
  assert_message ("{}\n{}", "it goes on after its end (line 2)");
  assert_message ("[1,\n\"\xff\"]", "it is not text: line 2 holds bytes that are not UTF-8");
  assert_message (deep, "it nests deeper than any result does (line 1)");
}

/* Plain decimals take a fast path: it must give exactly what strtod gives. */
static void
test_decimals_exact (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);

  for (guint i = 0; i < 20000; i++)
    {
      double value = g_rand_double_range (rand, -1e6, 1e6) / (1 << g_rand_int_range (rand, 0, 30));
      int decimals = g_rand_int_range (rand, 1, 16);
      g_autofree char *text = g_strdup_printf ("%.*f", decimals, value);
      g_autoptr(ClabJsonDoc) doc = parse (text);
      const ClabJsonValue *root = clab_json_doc_get_root (doc);
      double expected = g_ascii_strtod (text, NULL);

      g_assert_cmpint (root->type, ==, CLAB_JSON_DOUBLE);
      if (memcmp (&root->number, &expected, sizeof expected) != 0)
        g_error ("“%s” read as %.17g, strtod gives %.17g", text, root->number, expected);
    }
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
      g_assert_cmpstr (error->message, ==, i == 0 ? "it is empty" : "it ends in the middle (line 1)");
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
  g_test_add_func ("/json-doc/messages", test_messages);
  g_test_add_func ("/json-doc/decimals", test_decimals_exact);
  g_test_add_func ("/json-doc/writer", test_writer_round_trip);
  g_test_add_func ("/json-doc/prefixes", test_prefixes);

  return g_test_run ();
}
