/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-cli-table.h"
#include "clab-format.h"

#define COLUMN_GAP "  "
#define HEADER_STYLE "1"

typedef struct
{
  char       *text;
  const char *style;
} Cell;

struct _ClabCliTable
{
  char      *align;
  GPtrArray *rows;    /* of GArray of Cell */
};

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_free (cell->text);
}

ClabCliTable *
clab_cli_table_new (const char *align)
{
  ClabCliTable *self = g_new0 (ClabCliTable, 1);

  self->align = g_strdup (align);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return self;
}

void
clab_cli_table_free (ClabCliTable *self)
{
  g_ptr_array_unref (self->rows);
  g_free (self->align);
  g_free (self);
}

void
clab_cli_table_add_row (ClabCliTable *self)
{
  GArray *row = g_array_new (FALSE, TRUE, sizeof (Cell));

  g_array_set_clear_func (row, cell_clear);
  g_ptr_array_add (self->rows, row);
}

void
clab_cli_table_add_cell (ClabCliTable *self,
                         const char   *style,
                         const char   *text)
{
  /* Cells hold text from result files (failure reasons): nothing may reach the terminal
   * that it would act on. */
  Cell cell = { clab_format_escape_controls (text != NULL ? text : ""), style };

  g_return_if_fail (self->rows->len > 0);
  g_array_append_val (g_ptr_array_index (self->rows, self->rows->len - 1), cell);
}

void
clab_cli_table_add_cellf (ClabCliTable *self,
                          const char   *style,
                          const char   *format,
                          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  clab_cli_table_add_cell (self, style, text);
}

guint
clab_cli_table_get_n_rows (ClabCliTable *self)
{
  return self->rows->len;
}

static guint *
measure_columns (ClabCliTable *self,
                 guint        *n_columns)
{
  guint n = 0;
  guint *widths;

  for (guint r = 0; r < self->rows->len; r++)
    n = MAX (n, ((GArray *) g_ptr_array_index (self->rows, r))->len);
  widths = g_new0 (guint, MAX (n, 1));
  for (guint r = 0; r < self->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < row->len; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (g_array_index (row, Cell, c).text, -1));
    }
  *n_columns = n;
  return widths;
}

static void
print_cell (GString    *out,
            const Cell *cell,
            guint       width,
            gboolean    right,
            gboolean    last,
            gboolean    color)
{
  guint pad = width - g_utf8_strlen (cell->text, -1);

  if (right)
    g_string_append_printf (out, "%*s", pad, "");
  if (color && cell->style != NULL)
    g_string_append_printf (out, "\033[%sm%s\033[0m", cell->style, cell->text);
  else
    g_string_append (out, cell->text);
  /* No trailing blanks after the last column. */
  if (!right && !last)
    g_string_append_printf (out, "%*s", pad, "");
}

void
clab_cli_table_print (ClabCliTable *self,
                      GString      *out,
                      const char   *indent,
                      gboolean      color)
{
  g_autofree guint *widths = NULL;
  guint n_columns;

  widths = measure_columns (self, &n_columns);
  for (guint r = 0; r < self->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (self->rows, r);

      g_string_append (out, indent);
      for (guint c = 0; c < row->len; c++)
        {
          Cell cell = g_array_index (row, Cell, c);
          gboolean right = c < strlen (self->align) && self->align[c] == 'r';

          if (r == 0)
            cell.style = HEADER_STYLE;
          if (c > 0)
            g_string_append (out, COLUMN_GAP);
          print_cell (out, &cell, widths[c], right, c + 1 == row->len, color);
        }
      g_string_append_c (out, '\n');
    }
}
