/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-run-feed.h"

/* Samples wait on a lock-free stack: producers push one node at a time with a
 * compare-and-swap, the single consumer takes the whole stack at once, which cannot
 * suffer from ABA because no node is ever popped alone. */
typedef struct _FeedNode FeedNode;

struct _FeedNode
{
  FeedNode          *next;
  ClabRunFeedSample  item;
};

struct _ClabRunFeed
{
  guint     done;   /* atomic */
  FeedNode *head;   /* atomic: newest first */
};

ClabRunFeed *
clab_run_feed_new (void)
{
  return g_new0 (ClabRunFeed, 1);
}

static void
free_nodes (FeedNode *node)
{
  while (node != NULL)
    {
      FeedNode *next = node->next;
      g_free (node);
      node = next;
    }
}

void
clab_run_feed_free (ClabRunFeed *feed)
{
  if (feed == NULL)
    return;
  free_nodes (g_atomic_pointer_get (&feed->head));
  g_free (feed);
}

/* Any thread. */
void
clab_run_feed_tasks_done (ClabRunFeed *feed,
                          guint        n)
{
  g_atomic_int_add (&feed->done, n);
}

guint
clab_run_feed_get_done (ClabRunFeed *feed)
{
  return (guint) g_atomic_int_get (&feed->done);
}

/* Any thread. */
void
clab_run_feed_push_sample (ClabRunFeed      *feed,
                           ClabMode          mode,
                           const ClabSample *sample)
{
  FeedNode *node = g_new (FeedNode, 1);

  node->item.mode = mode;
  node->item.sample = *sample;
  do
    node->next = g_atomic_pointer_get (&feed->head);
  while (!g_atomic_pointer_compare_and_exchange (&feed->head, node->next, node));
}

/* The consumer's thread: every sample pushed so far, oldest first, or NULL if none. */
GArray *
clab_run_feed_take_samples (ClabRunFeed *feed)
{
  FeedNode *node = g_atomic_pointer_exchange (&feed->head, NULL);
  GArray *items;
  guint n = 0;

  if (node == NULL)
    return NULL;
  for (FeedNode *n_node = node; n_node != NULL; n_node = n_node->next)
    n++;
  items = g_array_sized_new (FALSE, FALSE, sizeof (ClabRunFeedSample), n);
  g_array_set_size (items, n);
  for (FeedNode *n_node = node; n_node != NULL; n_node = n_node->next)
    g_array_index (items, ClabRunFeedSample, --n) = n_node->item;
  free_nodes (node);
  return items;
}
