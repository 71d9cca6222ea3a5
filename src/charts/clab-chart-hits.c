/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-chart-hits.h"
#include "clab-chart-private.h"

typedef struct
{
  cairo_rectangle_t rect;
  char             *text;
  ClabChartHitFunc  func;
  gpointer          user_data;
  GDestroyNotify    destroy;
} HitItem;

typedef struct
{
  cairo_rectangle_t rect;
  char             *text;
} Label;

struct _ClabChartHits
{
  GArray *items;
  GArray *labels;   /* of Label: the value labels and footnotes drawn, for tests */
};

static void
hit_item_clear (gpointer data)
{
  HitItem *item = data;

  g_clear_pointer (&item->text, g_free);
  if (item->destroy != NULL)
    item->destroy (item->user_data);
}

static void
label_clear (gpointer data)
{
  g_clear_pointer (&((Label *) data)->text, g_free);
}

ClabChartHits *
clab_chart_hits_new (void)
{
  ClabChartHits *hits = g_new0 (ClabChartHits, 1);

  hits->items = g_array_new (FALSE, TRUE, sizeof (HitItem));
  g_array_set_clear_func (hits->items, hit_item_clear);
  hits->labels = g_array_new (FALSE, TRUE, sizeof (Label));
  g_array_set_clear_func (hits->labels, label_clear);
  return hits;
}

void
clab_chart_hits_free (ClabChartHits *hits)
{
  if (hits == NULL)
    return;
  g_array_unref (hits->items);
  g_array_unref (hits->labels);
  g_free (hits);
}

void
clab_chart_hits_add_text (ClabChartHits           *hits,
                          const cairo_rectangle_t *rect,
                          const char              *text)
{
  HitItem item = { { 0 }, NULL, NULL, NULL, NULL };

  g_return_if_fail (hits != NULL);
  g_return_if_fail (rect != NULL);
  item.rect = *rect;
  item.text = g_strdup (text);
  g_array_append_val (hits->items, item);
}

void
clab_chart_hits_add_func (ClabChartHits           *hits,
                          const cairo_rectangle_t *rect,
                          ClabChartHitFunc         func,
                          gpointer                 user_data,
                          GDestroyNotify           destroy)
{
  HitItem item = { { 0 }, NULL, func, user_data, destroy };

  g_return_if_fail (hits != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (func != NULL);
  item.rect = *rect;
  g_array_append_val (hits->items, item);
}

guint
clab_chart_hits_get_n_items (ClabChartHits *hits)
{
  g_return_val_if_fail (hits != NULL, 0);
  return hits->items->len;
}

void
clab_chart_hits_get_rect (ClabChartHits     *hits,
                          guint              i,
                          cairo_rectangle_t *rect)
{
  g_return_if_fail (hits != NULL);
  g_return_if_fail (i < hits->items->len);
  *rect = g_array_index (hits->items, HitItem, i).rect;
}

char *
clab_chart_hits_dup_text (ClabChartHits *hits,
                          guint          i,
                          double         x,
                          double         y)
{
  HitItem *item;

  g_return_val_if_fail (hits != NULL, NULL);
  g_return_val_if_fail (i < hits->items->len, NULL);
  item = &g_array_index (hits->items, HitItem, i);
  if (item->func != NULL)
    return item->func (x, y, item->user_data);
  return g_strdup (item->text);
}

static gboolean
rect_contains (const cairo_rectangle_t *rect,
               double                   x,
               double                   y)
{
  return x >= rect->x && x < rect->x + rect->width
         && y >= rect->y && y < rect->y + rect->height;
}

int
clab_chart_hits_find (ClabChartHits *hits,
                      double         x,
                      double         y)
{
  g_return_val_if_fail (hits != NULL, -1);

  for (guint i = hits->items->len; i > 0; i--)
    {
      HitItem *item = &g_array_index (hits->items, HitItem, i - 1);
      g_autofree char *text = NULL;

      if (!rect_contains (&item->rect, x, y))
        continue;
      /* A region may have nothing to say at this point: look underneath. */
      text = clab_chart_hits_dup_text (hits, i - 1, x, y);
      if (text != NULL)
        return (int) i - 1;
    }
  return -1;
}

char *
clab_chart_hits_lookup (ClabChartHits *hits,
                        double         x,
                        double         y)
{
  int i = clab_chart_hits_find (hits, x, y);

  if (i < 0)
    return NULL;
  return clab_chart_hits_dup_text (hits, i, x, y);
}

void
_clab_chart_hits_add_label (ClabChartHits           *hits,
                            const cairo_rectangle_t *rect,
                            const char              *text)
{
  Label label = { *rect, g_strdup (text) };

  g_return_if_fail (hits != NULL);
  g_array_append_val (hits->labels, label);
}

guint
_clab_chart_hits_get_n_labels (ClabChartHits *hits)
{
  g_return_val_if_fail (hits != NULL, 0);
  return hits->labels->len;
}

const char *
_clab_chart_hits_get_label (ClabChartHits     *hits,
                            guint              i,
                            cairo_rectangle_t *rect)
{
  const Label *label;

  g_return_val_if_fail (hits != NULL, NULL);
  g_return_val_if_fail (i < hits->labels->len, NULL);
  label = &g_array_index (hits->labels, Label, i);
  if (rect != NULL)
    *rect = label->rect;
  return label->text;
}
