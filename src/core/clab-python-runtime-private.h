/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sys/resource.h>

#include "clab-python-runtime.h"

G_BEGIN_DECLS

/* Shared by clab-python-runtime.c (the interpreter) and clab-executor-python.c (a run). */

/* How long an interpreter may take to exit after its mode finished, before it is killed. */
#define CLAB_PYTHON_EXIT_GRACE_MS 2000

struct _ClabPythonRuntime
{
  char                 *python;
  char                 *driver;
  char                 *start_method;
  char                 *function_file;
  ClabPythonInfo        info;
  char                 *scratch;       /* the interpreters' TMPDIR, emptied once each is gone */

  /* The interpreter of the run being prepared or executed. */
  GSubprocess          *proc;
  GPid                  pgid;          /* its pid: it leads a process group of its own */
  GOutputStream        *in;
  GBufferedInputStream *out;
  int                   out_fd;
  int                   err_fd;        /* an unlinked file that holds its stderr */
  GPtrArray            *pids;          /* of GPid: the processes the sampler follows */
  char                 *failure;       /* why the run's tasks cannot run */
  ClabMode              mode;
  struct rusage         children0;     /* RUSAGE_CHILDREN before it started */
  gint64                ready_user_us; /* READY's CPU time of the tree: not the run's */
  gint64                ready_sys_us;
  /* The tree's CPU time at FINISH, as the driver read it; -1 before. What the interpreter
   * does after FINISH (its exit, tearing down multiprocessing) is not the run's. */
  gint64                finish_user_us;
  gint64                finish_sys_us;
};

/* The next line of the driver; NULL at the end of its output (no error), or with the error
 * (G_IO_ERROR_CANCELLED, G_IO_ERROR_TIMED_OUT at @deadline_ns, 0: none). */
char *_clab_python_runtime_next_line    (ClabPythonRuntime *self,
                                         GCancellable      *cancellable,
                                         gint64             deadline_ns,
                                         GError           **error);
/* Ends the run's interpreter and its process group (at once, or after @grace_ms for it
 * to exit by itself) and adds the tree's resource usage to the run's. */
void  _clab_python_runtime_finish_run   (ClabPythonRuntime *self,
                                         ClabExecContext   *ctx,
                                         guint              grace_ms);
/* Ends the run's interpreter and its whole process group now, without reaping it. */
void  _clab_python_runtime_kill         (ClabPythonRuntime *self);
/* "The Python interpreter ended @when: <its last line on stderr>". */
char *_clab_python_runtime_died_sentence (ClabPythonRuntime *self,
                                          const char        *when);

G_END_DECLS
