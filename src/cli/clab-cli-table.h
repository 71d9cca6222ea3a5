/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A text table whose columns are as wide as their widest cell. */
typedef struct _ClabCliTable ClabCliTable;

/* @align holds one letter per column: 'l' or 'r'. */
ClabCliTable *clab_cli_table_new      (const char    *align);
void          clab_cli_table_free     (ClabCliTable  *self);
/* Starts a row; the cells added next fill it from the left. */
void          clab_cli_table_add_row  (ClabCliTable  *self);
/* @style is an ANSI SGR code such as "1;32", used only in colour, or NULL. */
void          clab_cli_table_add_cell (ClabCliTable  *self,
                                       const char    *style,
                                       const char    *text);
void          clab_cli_table_add_cellf (ClabCliTable *self,
                                        const char   *style,
                                        const char   *format,
                                        ...) G_GNUC_PRINTF (3, 4);
guint         clab_cli_table_get_n_rows (ClabCliTable *self);
/* Appends the table to @out, each line after @indent; the first row is the header. */
void          clab_cli_table_print    (ClabCliTable  *self,
                                       GString       *out,
                                       const char    *indent,
                                       gboolean       color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabCliTable, clab_cli_table_free)

G_END_DECLS
