/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-json-doc.h"
#include "clab-json-reader.h"
#include "clab-result.h"

G_BEGIN_DECLS

/* Builds a result from a parsed result file, validating every field. */
ClabResult *clab_result_new_from_doc  (const ClabJsonValue  *root,
                                       GError              **error);
/* Reads one run of a result file, of @mode, validating every field; NULL on an error. */
ClabRun    *_clab_result_read_run     (ClabJsonReader       *reader,
                                       const ClabJsonValue  *object,
                                       ClabMode              mode,
                                       ClabResult           *result);

G_END_DECLS
