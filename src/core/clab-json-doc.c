/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-json-doc.h"
#include "clab-json-number.h"
#include "clab-types.h"

#define ARENA_BLOCK (256 * 1024)
#define MAX_DEPTH   256
#define KEY_CACHE   64

struct _ClabJsonDoc
{
  GPtrArray     *blocks;   /* the arena: every value and string of the document */
  char          *pos;
  gsize          left;
  ClabJsonValue  root;
};

typedef struct
{
  ClabJsonDoc  *doc;
  const char   *text;
  const char   *p;
  const char   *end;
  GArray       *stack;     /* of ClabJsonValue: children of the containers being read */
  GString      *scratch;   /* strings with escapes are decoded here */
  guint         depth;
  GError      **error;
  const char   *keys[KEY_CACHE];   /* member names seen, shared by every object that has them */
} Parser;

static gpointer
arena_alloc (ClabJsonDoc *doc,
             gsize        size)
{
  gpointer mem;

  size = (size + 7) & ~(gsize) 7;

  /* Large arrays get a block of their own, so the current one is not wasted. */
  if (size > ARENA_BLOCK / 4)
    {
      mem = g_malloc (size);
      g_ptr_array_add (doc->blocks, mem);
      return mem;
    }

  if (size > doc->left)
    {
      doc->pos = g_malloc (ARENA_BLOCK);
      doc->left = ARENA_BLOCK;
      g_ptr_array_add (doc->blocks, doc->pos);
    }

  mem = doc->pos;
  doc->pos += size;
  doc->left -= size;
  return mem;
}

static const char *
arena_strndup (ClabJsonDoc *doc,
               const char  *str,
               gsize        length)
{
  char *copy = arena_alloc (doc, length + 1);

  memcpy (copy, str, length);
  copy[length] = '\0';
  return copy;
}

static ClabJsonDoc *
doc_new (void)
{
  ClabJsonDoc *doc = g_new0 (ClabJsonDoc, 1);

  doc->blocks = g_ptr_array_new_with_free_func (g_free);
  return doc;
}

void
clab_json_doc_free (ClabJsonDoc *doc)
{
  if (doc == NULL)
    return;

  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

const ClabJsonValue *
clab_json_doc_get_root (ClabJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  return &doc->root;
}

/* Moves the children pushed since @base from the stack into the arena. */
static void
close_container (ClabJsonDoc   *doc,
                 GArray        *stack,
                 guint          base,
                 ClabJsonType   type,
                 ClabJsonValue *out)
{
  guint n = stack->len - base;

  out->type = type;
  out->length = n;
  out->children = NULL;
  if (n > 0)
    {
      out->children = arena_alloc (doc, n * sizeof (ClabJsonValue));
      memcpy (out->children, &g_array_index (stack, ClabJsonValue, base),
              n * sizeof (ClabJsonValue));
    }
  g_array_set_size (stack, base);
}

static void
locate (Parser *parser,
        guint  *line,
        guint  *column)
{
  const char *line_start = parser->text;
  const char *c;

  *line = 1;
  while ((c = memchr (line_start, '\n', parser->p - line_start)) != NULL)
    {
      (*line)++;
      line_start = c + 1;
    }
  *column = g_utf8_validate_len (line_start, parser->p - line_start, NULL)
            ? (guint) g_utf8_strlen (line_start, parser->p - line_start) + 1
            : (guint) (parser->p - line_start) + 1;
}

static gboolean
only_space (const char *p,
            const char *end)
{
  for (; p < end; p++)
    if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t')
      return FALSE;
  return TRUE;
}

/* Says what is wrong as a clause that completes "“x.json” is not a …: " for people, with
 * @what, the parser's own word, only for text that is garbled rather than cut short. */
static gboolean
parse_error (Parser     *parser,
             const char *what)
{
  guint line, column;

  locate (parser, &line, &column);
  if (parser->p >= parser->end && only_space (parser->text, parser->end))
    g_set_error_literal (parser->error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT, _("it is empty"));
  else if (parser->p >= parser->end)
    /* Translators: completes "“x.json” is not a Concurrency Lab result: " */
    g_set_error (parser->error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                 _("it ends in the middle (line %u)"), line);
  else
    /* Translators: completes "“x.json” is not a Concurrency Lab result: "; the last %s is
     * e.g. "expected “,” or “}”" */
    g_set_error (parser->error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                 _("it is garbled at line %u, column %u (%s)"), line, column, what);
  return FALSE;
}

static guint
current_line (Parser *parser)
{
  guint line, column;

  locate (parser, &line, &column);
  return line;
}

static void
skip_space (Parser *parser)
{
  while (parser->p < parser->end
         && (*parser->p == ' ' || *parser->p == '\n' || *parser->p == '\r' || *parser->p == '\t'))
    parser->p++;
}

static gboolean
read_hex4 (Parser   *parser,
           gunichar *out)
{
  *out = 0;
  /* Fewer than four characters left: the text was cut short inside the string. */
  if (parser->end - parser->p < 4)
    {
      parser->p = parser->end;
      return FALSE;
    }

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (*parser->p++);

      if (digit < 0)
        return FALSE;
      *out = (*out << 4) | digit;
    }
  return TRUE;
}

/* After "\u": one code point, joining a UTF-16 surrogate pair. */
static gboolean
read_unicode_escape (Parser   *parser,
                     gunichar *out)
{
  gunichar low;

  if (!read_hex4 (parser, out))
    return FALSE;
  if (*out >= 0xdc00 && *out <= 0xdfff)
    return FALSE;
  if (*out < 0xd800 || *out > 0xdbff)
    return *out != 0;

  if (parser->end - parser->p < 2 || parser->p[0] != '\\' || parser->p[1] != 'u')
    return FALSE;
  parser->p += 2;
  if (!read_hex4 (parser, &low) || low < 0xdc00 || low > 0xdfff)
    return FALSE;

  *out = 0x10000 + ((*out - 0xd800) << 10) + (low - 0xdc00);
  return TRUE;
}

static gboolean
read_escape (Parser *parser)
{
  static const char plain[] = "\"\\/bfnrt";
  static const char decoded[] = "\"\\/\b\f\n\r\t";
  const char *found;
  gunichar c;

  if (parser->p >= parser->end)
    return parse_error (parser, _("unterminated string"));

  if (*parser->p == 'u')
    {
      parser->p++;
      if (!read_unicode_escape (parser, &c))
        return parse_error (parser, _("invalid \\u escape"));
      g_string_append_unichar (parser->scratch, c);
      return TRUE;
    }

  found = *parser->p != '\0' ? strchr (plain, *parser->p) : NULL;
  if (found == NULL)
    return parse_error (parser, _("invalid escape"));
  g_string_append_c (parser->scratch, decoded[found - plain]);
  parser->p++;
  return TRUE;
}

/* The slow path of parse_string(), for strings with escapes. */
static gboolean
parse_escaped_string (Parser      *parser,
                      const char  *start,
                      const char **out)
{
  g_string_truncate (parser->scratch, 0);
  g_string_append_len (parser->scratch, start, parser->p - start);

  while (parser->p < parser->end && *parser->p != '"')
    {
      if ((guchar) *parser->p < 0x20)
        return parse_error (parser, _("control character in a string"));
      if (*parser->p == '\\')
        {
          parser->p++;
          if (!read_escape (parser))
            return FALSE;
        }
      else
        g_string_append_c (parser->scratch, *parser->p++);
    }

  if (parser->p >= parser->end)
    return parse_error (parser, _("unterminated string"));
  parser->p++;
  *out = arena_strndup (parser->doc, parser->scratch->str, parser->scratch->len);
  return TRUE;
}

/* A result repeats the same few member names in every task and sample: each is stored
 * once, which saves a fifth of the document's memory and the time to copy it. */
static const char *
intern_key (Parser     *parser,
            const char *start,
            gsize       length)
{
  guint slot = (length * 31 + (length > 0 ? (guchar) start[0] * 7 + (guchar) start[length - 1] : 0))
               % KEY_CACHE;
  const char *key = parser->keys[slot];

  if (key == NULL || strncmp (key, start, length) != 0 || key[length] != '\0')
    key = parser->keys[slot] = arena_strndup (parser->doc, start, length);
  return key;
}

static gboolean
parse_string (Parser      *parser,
              gboolean     is_key,
              const char **out)
{
  const char *start = ++parser->p;

  while (parser->p < parser->end && *parser->p != '"' && *parser->p != '\\'
         && (guchar) *parser->p >= 0x20)
    parser->p++;

  if (parser->p < parser->end && *parser->p == '"')
    {
      if (is_key)
        *out = intern_key (parser, start, parser->p - start);
      else
        *out = arena_strndup (parser->doc, start, parser->p - start);
      parser->p++;
      return TRUE;
    }

  return parse_escaped_string (parser, start, out);
}

static gboolean
skip_digits (Parser *parser)
{
  const char *start = parser->p;

  while (parser->p < parser->end && g_ascii_isdigit (*parser->p))
    parser->p++;
  return parser->p > start;
}

static gboolean
parse_number (Parser        *parser,
              ClabJsonValue *out)
{
  const char *start = parser->p;
  gboolean integral = TRUE;

  if (*parser->p == '-')
    parser->p++;
  if (parser->p < parser->end && *parser->p == '0')
    parser->p++;
  else if (!skip_digits (parser))
    return parse_error (parser, _("invalid number"));

  if (parser->p < parser->end && *parser->p == '.')
    {
      parser->p++;
      integral = FALSE;
      if (!skip_digits (parser))
        return parse_error (parser, _("invalid number"));
    }
  if (parser->p < parser->end && (*parser->p == 'e' || *parser->p == 'E'))
    {
      parser->p++;
      integral = FALSE;
      if (parser->p < parser->end && (*parser->p == '+' || *parser->p == '-'))
        parser->p++;
      if (!skip_digits (parser))
        return parse_error (parser, _("invalid number"));
    }

  clab_json_number_convert (start, parser->p - start, integral, out);
  return TRUE;
}

static gboolean
parse_literal (Parser        *parser,
               ClabJsonValue *out)
{
  static const struct { const char *word; ClabJsonType type; gboolean value; } literals[] = {
    { "true", CLAB_JSON_BOOLEAN, TRUE },
    { "false", CLAB_JSON_BOOLEAN, FALSE },
    { "null", CLAB_JSON_NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize length = strlen (literals[i].word);

      if ((gsize) (parser->end - parser->p) >= length
          && memcmp (parser->p, literals[i].word, length) == 0)
        {
          parser->p += length;
          out->type = literals[i].type;
          out->boolean = literals[i].value;
          return TRUE;
        }
      /* "tru" at the very end: cut short, not garbled. */
      if ((gsize) (parser->end - parser->p) < length
          && memcmp (parser->p, literals[i].word, parser->end - parser->p) == 0)
        parser->p = parser->end;
    }
  return parse_error (parser, _("unexpected character"));
}

static gboolean parse_value (Parser        *parser,
                             ClabJsonValue *out);

static gboolean
peek (Parser *parser,
      char    c)
{
  return parser->p < parser->end && *parser->p == c;
}

/* One element of an array, or one "name": value member of an object. */
static gboolean
parse_child (Parser       *parser,
             ClabJsonType  type)
{
  ClabJsonValue child = { 0 };

  skip_space (parser);
  if (type == CLAB_JSON_OBJECT)
    {
      if (!peek (parser, '"'))
        return parse_error (parser, _("expected a member name"));
      if (!parse_string (parser, TRUE, &child.key))
        return FALSE;
      skip_space (parser);
      if (!peek (parser, ':'))
        return parse_error (parser, _("expected “:”"));
      parser->p++;
    }

  if (!parse_value (parser, &child))
    return FALSE;
  g_array_append_val (parser->stack, child);
  return TRUE;
}

/* Reads a container from its opening bracket to its closing one. */
static gboolean
parse_container (Parser        *parser,
                 ClabJsonType   type,
                 ClabJsonValue *out)
{
  char close = type == CLAB_JSON_OBJECT ? '}' : ']';
  guint base = parser->stack->len;
  gboolean more;

  if (++parser->depth > MAX_DEPTH)
    {
      /* Translators: completes "“x.json” is not a Concurrency Lab result: " */
      g_set_error (parser->error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("it nests deeper than any result does (line %u)"), current_line (parser));
      return FALSE;
    }
  parser->p++;
  skip_space (parser);

  more = !peek (parser, close);
  if (!more)
    parser->p++;
  while (more)
    {
      if (!parse_child (parser, type))
        return FALSE;
      skip_space (parser);
      more = peek (parser, ',');
      if (!more && !peek (parser, close))
        return parse_error (parser, type == CLAB_JSON_OBJECT ? _("expected “,” or “}”")
                                                             : _("expected “,” or “]”"));
      parser->p++;
    }

  parser->depth--;
  close_container (parser->doc, parser->stack, base, type, out);
  return TRUE;
}

static gboolean
parse_value (Parser        *parser,
             ClabJsonValue *out)
{
  skip_space (parser);
  if (parser->p >= parser->end)
    return parse_error (parser, _("unexpected end of the data"));

  switch (*parser->p)
    {
    case '{':
      return parse_container (parser, CLAB_JSON_OBJECT, out);
    case '[':
      return parse_container (parser, CLAB_JSON_ARRAY, out);
    case '"':
      out->type = CLAB_JSON_STRING;
      return parse_string (parser, FALSE, &out->string);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (parser, out);
    default:
      return parse_literal (parser, out);
    }
}

ClabJsonDoc *
clab_json_doc_parse (const char *text,
                     gsize       length,
                     GError    **error)
{
  g_autoptr(ClabJsonDoc) doc = doc_new ();
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (ClabJsonValue));
  g_autoptr(GString) scratch = g_string_new (NULL);
  Parser parser = { doc, text, text, text + length, stack, scratch, 0, error, { NULL } };

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (!g_utf8_validate_len (text, length, &parser.p))
    {
      /* A file cut in the middle of a character is cut short, not garbled. */
      if (g_utf8_get_char_validated (parser.p, parser.end - parser.p) == (gunichar) -2)
        {
          parser.p = parser.end;
          parse_error (&parser, NULL);
          return NULL;
        }
      /* Translators: completes "“x.json” is not a Concurrency Lab result: " */
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("it is not text: line %u holds bytes that are not UTF-8"),
                   current_line (&parser));
      return NULL;
    }
  parser.p = text;

  if (!parse_value (&parser, &doc->root))
    return NULL;
  skip_space (&parser);
  if (parser.p < parser.end)
    {
      /* Translators: completes "“x.json” is not a Concurrency Lab result: " */
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT,
                   _("it goes on after its end (line %u)"), current_line (&parser));
      return NULL;
    }

  return g_steal_pointer (&doc);
}

const ClabJsonValue *
clab_json_value_get_member (const ClabJsonValue *object,
                            const char          *key)
{
  g_return_val_if_fail (object != NULL, NULL);

  if (object->type != CLAB_JSON_OBJECT)
    return NULL;

  for (guint i = object->length; i > 0; i--)
    {
      if (strcmp (object->children[i - 1].key, key) == 0)
        return &object->children[i - 1];
    }
  return NULL;
}
