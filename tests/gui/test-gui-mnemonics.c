/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-fixture.h"

/* No two underlined letters on screen at once may be the same key, in any language: in German
 * "_Starten" once took Alt+S from the Scaling tab, and Alt+S started a four-minute run. meson
 * runs this program once per translation (LANGUAGE set) and once untranslated. */

typedef struct
{
  GHashTable *seen;      /* lower-case keyval → the label that took it */
  GPtrArray  *clashes;   /* sentences */
} Mnemonics;

static void
collect_mnemonics (GtkWidget *widget,
                   Mnemonics *mnemonics)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && gtk_label_get_use_underline (GTK_LABEL (child)))
        {
          guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (child)));
          const char *label = gtk_label_get_label (GTK_LABEL (child));
          const char *before = g_hash_table_lookup (mnemonics->seen, GUINT_TO_POINTER (key));

          if (key == GDK_KEY_VoidSymbol)
            continue;
          if (before != NULL)
            g_ptr_array_add (mnemonics->clashes,
                             g_strdup_printf ("Alt+%s is taken by “%s” and “%s”",
                                              gdk_keyval_name (key), before, label));
          else
            g_hash_table_insert (mnemonics->seen, GUINT_TO_POINTER (key), (gpointer) label);
        }
      collect_mnemonics (child, mnemonics);
    }
}

static void
assert_no_clash (Fixture    *fixture,
                 const char *state)
{
  Mnemonics mnemonics = {
    g_hash_table_new (NULL, NULL),
    g_ptr_array_new_with_free_func (g_free),
  };

  collect_mnemonics (GTK_WIDGET (fixture->window), &mnemonics);
  for (guint i = 0; i < mnemonics.clashes->len; i++)
    g_printerr ("%s (%s, LANGUAGE=%s)\n", (char *) mnemonics.clashes->pdata[i], state,
                g_getenv ("LANGUAGE"));
  g_assert_cmpuint (mnemonics.clashes->len, ==, 0);
  /* The four chart tabs and the Run button at least. */
  g_assert_cmpuint (g_hash_table_size (mnemonics.seen), >=, 5);
  g_hash_table_unref (mnemonics.seen);
  g_ptr_array_unref (mnemonics.clashes);
}

static gboolean
run_started (Fixture *fixture)
{
  return clab_window_get_running (fixture->window);
}

static void
test_window_mnemonics (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ClabResult) result = run_tiny ();
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 30, 1, "sequential");

  clab_window_show_result (fixture->window, result);
  g_assert_true (wait_for (fixture, run_finished, 200));
  assert_no_clash (fixture, "a result shown");

  /* While it runs, Cancel stands where Run stood. */
  clab_plan_editor_set_plan (clab_window_get_plan_editor (fixture->window), plan);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_true (wait_for (fixture, run_started, 10000));
  wait_for (fixture, run_finished, 300);
  assert_no_clash (fixture, "running");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL);
  g_assert_true (wait_for (fixture, run_finished, 30000));
}

/* The mnemonic keys of the chart tabs, as the window shows them. */
static void
collect_tab_keys (GtkWidget  *widget,
                  GHashTable *keys)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *action = GTK_IS_ACTIONABLE (child)
                           ? gtk_actionable_get_action_name (GTK_ACTIONABLE (child)) : NULL;

      if (g_strcmp0 (action, "win.chart-type") == 0 && GTK_IS_BUTTON (child))
        {
          GtkWidget *label = find_descendant (child, GTK_TYPE_LABEL);
          guint key = gtk_label_get_mnemonic_keyval (GTK_LABEL (label));

          g_hash_table_add (keys, GUINT_TO_POINTER (gdk_keyval_to_lower (key)));
        }
      collect_tab_keys (child, keys);
    }
}

/* The shortcuts window names the chart tabs' keys in every language (they are translated). */
static void
test_shortcuts_name_tabs (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/concurrencylab/ConcurrencyLab/gtk/help-overlay.ui");
  GtkWidget *shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GHashTable) tabs = g_hash_table_new (NULL, NULL);
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  guint alt_shortcuts = 0;

  g_assert_nonnull (shortcuts);
  collect_tab_keys (GTK_WIDGET (fixture->window), tabs);
  g_assert_cmpuint (g_hash_table_size (tabs), ==, 4);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accel = NULL;
      guint key;
      GdkModifierType mods;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accel, NULL);
      if (accel == NULL || !gtk_accelerator_parse (accel, &key, &mods) || mods != GDK_ALT_MASK)
        continue;
      alt_shortcuts++;
      if (!g_hash_table_contains (tabs, GUINT_TO_POINTER (gdk_keyval_to_lower (key))))
        g_error ("the shortcuts window lists %s, which no chart tab underlines (LANGUAGE=%s)",
                 accel, g_getenv ("LANGUAGE"));
    }
  g_assert_cmpuint (alt_shortcuts, ==, 4);
  gtk_window_destroy (GTK_WINDOW (shortcuts));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_use_translations ();
  if (gui_test_init (&argc, &argv))
    {
      ADD_TEST ("/gui/mnemonics/window", test_window_mnemonics);
      ADD_TEST ("/gui/mnemonics/shortcuts-name-tabs", test_shortcuts_name_tabs);
    }
  return gui_test_run ();
}
