/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-fixture.h"

/* Export Report… in the primary menu: there, and only usable with a result on show. */

#define ACTION "win.export-report"

/* Whether a menu button of the window has an item for @action, in any section. */
static gboolean
model_has_action (GMenuModel *model,
                  const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action))
        return TRUE;
      if (section != NULL && model_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
menu_has_action (GtkWidget  *widget,
                 const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GMenuModel *model = GTK_IS_MENU_BUTTON (child)
                          ? gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)) : NULL;

      if ((model != NULL && model_has_action (model, action)) || menu_has_action (child, action))
        return TRUE;
    }
  return FALSE;
}

/* A button bound to @action inside the window follows the action's state as the menu
 * item does. */
static GtkWidget *
add_probe (Fixture *fixture)
{
  GtkWidget *box = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_BOX);
  GtkWidget *probe = gtk_button_new ();

  g_assert_nonnull (box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), ACTION);
  gtk_box_append (GTK_BOX (box), probe);
  return probe;
}

static void
remove_probe (GtkWidget *probe)
{
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (probe)), probe);
}

static gboolean
class_has_action (GtkWidget  *widget,
                  const char *action)
{
  GType owner;
  const char *name;
  const GVariantType *parameter_type;
  const char *property;

  for (guint i = 0;
       gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (widget), i, &owner, &name, &parameter_type,
                                      &property);
        i++)
    if (g_str_equal (name, action))
      return TRUE;
  return FALSE;
}

static void
test_disabled_without_result (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *probe;

  g_assert_true (class_has_action (GTK_WIDGET (fixture->window), ACTION));
  g_assert_true (menu_has_action (GTK_WIDGET (fixture->window), ACTION));
  probe = add_probe (fixture);
  g_assert_false (gtk_widget_get_sensitive (probe));
  /* Activated anyway (a shortcut, a stale menu), it does nothing and does not crash. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), ACTION, NULL);
  remove_probe (probe);
}

static void
test_enabled_with_result (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ClabResult) result = run_tiny ();
  GtkWidget *probe = add_probe (fixture);

  clab_window_show_result (fixture->window, result);
  g_assert_true (gtk_widget_get_sensitive (probe));
  clab_window_show_result (fixture->window, NULL);
  g_assert_false (gtk_widget_get_sensitive (probe));
  remove_probe (probe);
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return 0;
  ADD_TEST ("/gui-report/disabled-without-result", test_disabled_without_result);
  ADD_TEST ("/gui-report/enabled-with-result", test_enabled_with_result);
  return gui_test_run ();
}
