/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: a result file, as clab_result_load reads it after the file. */
#include "config.h"

#include "clab-json-doc.h"
#include "clab-result-io-private.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ClabJsonDoc) doc = NULL;
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GError) error = NULL;

  doc = clab_json_doc_parse (size > 0 ? (const char *) data : "", size, &error);
  if (doc == NULL)
    return 0;
  result = clab_result_new_from_doc (clab_json_doc_get_root (doc), &error);
  return 0;
}
