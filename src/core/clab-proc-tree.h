/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The processes whose CPU time is the run's: this one, those a sampler is told about, and
 * the ancestors found between them. What a process used stays the run's when it ends.
 * Core-internal: the sampler holds one (clab-sampler.h). */
typedef struct _ClabProcTree ClabProcTree;

/* Follows this process, with the children it reaps. */
ClabProcTree *clab_proc_tree_new        (void);
/* Follows @pid from the next reading on, with its reaped children if @with_children;
 * any thread may call it, as clab_proc_tree_remove(). */
void          clab_proc_tree_add        (ClabProcTree *self,
                                         GPid          pid,
                                         gboolean      with_children);
/* As clab_proc_tree_add() with its children, for a process that ran before the run began
 * (an interpreter made ready before the clock): only the CPU time it and its children use
 * from now on is the run's. */
void          clab_proc_tree_add_from_now (ClabProcTree *self,
                                           GPid          pid);
/* The CPU time @pid used while followed stays the run's. */
void          clab_proc_tree_remove     (ClabProcTree *self,
                                         GPid          pid);
/* Reads every followed process and returns the tree's CPU time in ns; @rss_kib gets
 * its RSS. One thread only (the sampler's), as the two below. */
guint64       clab_proc_tree_read       (ClabProcTree *self,
                                         gint64       *rss_kib);
/* Processes gone since the last commit whose time since their last reading was lost. */
guint         clab_proc_tree_get_n_gone (ClabProcTree *self);
/* The last reading became a sample: counts processes gone from now on. */
void          clab_proc_tree_commit     (ClabProcTree *self);
void          clab_proc_tree_free       (ClabProcTree *self);

G_END_DECLS
