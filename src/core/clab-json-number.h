/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-json-doc.h"

G_BEGIN_DECLS

/* Converts the text of a JSON number that the parser has checked against the grammar into
 * @out: an integer where it fits in 64 bits and has no fraction or exponent, else a double. */
void clab_json_number_convert (const char    *start,
                               gsize          length,
                               gboolean       integral,
                               ClabJsonValue *out);

G_END_DECLS
