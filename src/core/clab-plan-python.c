/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clab-plan-private.h"

/* A plan's runtime: which engine runs its tasks, and for Python with what. */

struct _ClabPlanPython
{
  ClabRuntime  runtime;
  char        *python;          /* NULL: CLAB_PLAN_DEFAULT_PYTHON */
  char        *start_method;    /* NULL: the interpreter's default */
  char        *function_file;
};

enum { PROP_RUNTIME, PROP_PYTHON, PROP_START_METHOD, PROP_FUNCTION_FILE, N_PROPS };

static GParamSpec *properties[N_PROPS];

static const char * const runtime_names[CLAB_N_RUNTIMES] = { "native", "python" };
static const char * const start_methods[] = { "fork", "spawn", "forkserver" };

/* A Python process of the per-task mode costs its own interpreter: Debian 12's python3
 * holds 9-10 MiB resident after start (fork shares most of it with its parent at first,
 * spawn and forkserver do not). */
#define PYTHON_PROCESS_BYTES ((guint64) 12 << 20)

const char *
clab_runtime_to_string (ClabRuntime runtime)
{
  g_return_val_if_fail (runtime < CLAB_N_RUNTIMES, NULL);
  return runtime_names[runtime];
}

gboolean
clab_runtime_from_string (const char  *str,
                          ClabRuntime *runtime)
{
  guint index;

  if (!clab_lookup_name (runtime_names, CLAB_N_RUNTIMES, str, TRUE, &index))
    return FALSE;
  *runtime = index;
  return TRUE;
}

gboolean
clab_start_method_is_known (const char *method)
{
  return method != NULL && g_strv_contains (start_methods, method);
}

/* g_set_str() is GLib 2.76. */
static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

ClabPlanPython *
_clab_plan_python_new (void)
{
  return g_new0 (ClabPlanPython, 1);
}

void
_clab_plan_python_copy_into (const ClabPlanPython *from,
                             ClabPlanPython       *to)
{
  to->runtime = from->runtime;
  replace_str (&to->python, from->python);
  replace_str (&to->start_method, from->start_method);
  replace_str (&to->function_file, from->function_file);
}

void
_clab_plan_python_free (ClabPlanPython *fields)
{
  if (fields == NULL)
    return;
  g_free (fields->python);
  g_free (fields->start_method);
  g_free (fields->function_file);
  g_free (fields);
}

static void
set_string (ClabPlan    *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (replace_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

ClabRuntime
clab_plan_get_runtime (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), CLAB_RUNTIME_NATIVE);
  return _clab_plan_get_python_fields (self)->runtime;
}

void
clab_plan_set_runtime (ClabPlan    *self,
                       ClabRuntime  runtime)
{
  ClabPlanPython *p;

  g_return_if_fail (CLAB_IS_PLAN (self));
  g_return_if_fail (runtime < CLAB_N_RUNTIMES);
  p = _clab_plan_get_python_fields (self);
  if (p->runtime == runtime)
    return;
  p->runtime = runtime;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNTIME]);
}

const char *
clab_plan_get_python (ClabPlan *self)
{
  const char *python;

  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);
  python = _clab_plan_get_python_fields (self)->python;
  return python != NULL ? python : CLAB_PLAN_DEFAULT_PYTHON;
}

void
clab_plan_set_python (ClabPlan   *self,
                      const char *python)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  if (python != NULL && (*python == '\0' || g_str_equal (python, CLAB_PLAN_DEFAULT_PYTHON)))
    python = NULL;
  set_string (self, &_clab_plan_get_python_fields (self)->python, python, PROP_PYTHON);
}

const char *
clab_plan_get_start_method (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);
  return _clab_plan_get_python_fields (self)->start_method;
}

void
clab_plan_set_start_method (ClabPlan   *self,
                            const char *method)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  if (method != NULL && *method == '\0')
    method = NULL;
  set_string (self, &_clab_plan_get_python_fields (self)->start_method, method,
              PROP_START_METHOD);
}

const char *
clab_plan_get_function_file (ClabPlan *self)
{
  g_return_val_if_fail (CLAB_IS_PLAN (self), NULL);
  return _clab_plan_get_python_fields (self)->function_file;
}

void
clab_plan_set_function_file (ClabPlan   *self,
                             const char *path)
{
  g_return_if_fail (CLAB_IS_PLAN (self));
  if (path != NULL && *path == '\0')
    path = NULL;
  set_string (self, &_clab_plan_get_python_fields (self)->function_file, path,
              PROP_FUNCTION_FILE);
}

void
_clab_plan_python_install_properties (GObjectClass *klass,
                                      guint         first_id)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_RUNTIME] = g_param_spec_uint ("runtime", NULL, NULL, 0, CLAB_N_RUNTIMES - 1,
                                                CLAB_RUNTIME_NATIVE, flags);
  properties[PROP_PYTHON] = g_param_spec_string ("python", NULL, NULL,
                                                 CLAB_PLAN_DEFAULT_PYTHON, flags);
  properties[PROP_START_METHOD] = g_param_spec_string ("start-method", NULL, NULL, NULL, flags);
  properties[PROP_FUNCTION_FILE] = g_param_spec_string ("function-file", NULL, NULL, NULL, flags);
  for (guint i = 0; i < N_PROPS; i++)
    g_object_class_install_property (klass, first_id + i, properties[i]);
}

gboolean
_clab_plan_python_get_property (ClabPlan *self,
                                guint     id,
                                GValue   *value)
{
  switch (id)
    {
    case PROP_RUNTIME: g_value_set_uint (value, clab_plan_get_runtime (self)); break;
    case PROP_PYTHON: g_value_set_string (value, clab_plan_get_python (self)); break;
    case PROP_START_METHOD: g_value_set_string (value, clab_plan_get_start_method (self)); break;
    case PROP_FUNCTION_FILE:
      g_value_set_string (value, clab_plan_get_function_file (self));
      break;
    default: return FALSE;
    }
  return TRUE;
}

gboolean
_clab_plan_python_set_property (ClabPlan     *self,
                                guint         id,
                                const GValue *value)
{
  switch (id)
    {
    case PROP_RUNTIME: clab_plan_set_runtime (self, g_value_get_uint (value)); break;
    case PROP_PYTHON: clab_plan_set_python (self, g_value_get_string (value)); break;
    case PROP_START_METHOD: clab_plan_set_start_method (self, g_value_get_string (value)); break;
    case PROP_FUNCTION_FILE:
      clab_plan_set_function_file (self, g_value_get_string (value));
      break;
    default: return FALSE;
    }
  return TRUE;
}

static gboolean
field_error (const char  *key,
             GError     **error)
{
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
               _("The plan field “%s” must be %s."), key, _("a string"));
  return FALSE;
}

/* A string member, or NULL for an absent or null one. */
static gboolean
read_string (const ClabJsonValue  *object,
             const char           *key,
             const char          **out,
             GError              **error)
{
  const ClabJsonValue *value = clab_json_value_get_member (object, key);

  *out = NULL;
  if (value == NULL || value->type == CLAB_JSON_NULL)
    return TRUE;
  if (value->type != CLAB_JSON_STRING)
    return field_error (key, error);
  *out = value->string;
  return TRUE;
}

gboolean
_clab_plan_python_read (ClabPlan             *self,
                        const ClabJsonValue  *object,
                        GError              **error)
{
  const char *runtime, *python, *method, *function;
  ClabRuntime kind = CLAB_RUNTIME_NATIVE;

  if (!read_string (object, "runtime", &runtime, error)
      || !read_string (object, "python", &python, error)
      || !read_string (object, "start_method", &method, error)
      || !read_string (object, "function_file", &function, error))
    return FALSE;
  if (runtime != NULL && !clab_runtime_from_string (runtime, &kind))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   _("Unknown runtime “%s”. Runtimes: native, python."), runtime);
      return FALSE;
    }
  clab_plan_set_runtime (self, kind);
  clab_plan_set_python (self, python);
  clab_plan_set_start_method (self, method);
  clab_plan_set_function_file (self, function);
  return TRUE;
}

void
_clab_plan_python_write_json (ClabPlan       *self,
                              ClabJsonWriter *w)
{
  ClabPlanPython *p = _clab_plan_get_python_fields (self);

  if (p->runtime == CLAB_RUNTIME_NATIVE)
    return;
  clab_json_writer_member_string (w, "runtime", clab_runtime_to_string (p->runtime));
  clab_json_writer_member_string (w, "python", clab_plan_get_python (self));
  if (p->start_method != NULL)
    clab_json_writer_member_string (w, "start_method", p->start_method);
  if (p->function_file != NULL)
    clab_json_writer_member_string (w, "function_file", p->function_file);
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (CLAB_ERROR, CLAB_ERROR_INVALID_PLAN, format, args);
  va_end (args);
  return FALSE;
}

/* Whether the interpreter is there at all; what it is, clab_python_runtime_check() asks it. */
static gboolean
validate_interpreter (const char  *python,
                      GError     **error)
{
  g_autofree char *found = NULL;

  if (strchr (python, '/') != NULL)
    {
      if (!g_file_test (python, G_FILE_TEST_IS_REGULAR) ||
          !g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
        return invalid (error, _("The Python interpreter “%s” was not found or cannot be run."),
                        python);
      return TRUE;
    }
  if ((found = g_find_program_in_path (python)) == NULL)
    return invalid (error, _("The Python interpreter “%s” was not found on PATH."), python);
  return TRUE;
}

static gboolean
validate_function_file (const char  *path,
                        GError     **error)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return invalid (error, _("The function file “%s” does not exist."), path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return invalid (error, _("The function file “%s” is not a regular file."), path);
  return TRUE;
}

/* Python's per-task processes each hold an interpreter of their own. */
static gboolean
check_python_memory (ClabPlan                *self,
                     const ClabMachineLimits *limits,
                     GError                 **error)
{
  guint64 need;
  g_autofree char *need_text = NULL, *have_text = NULL;

  if (!clab_plan_has_mode (self, CLAB_MODE_PROCESSES) || limits->memory_available == G_MAXUINT64)
    return TRUE;
  need = clab_plan_get_tasks (self) * PYTHON_PROCESS_BYTES;
  if (need <= limits->memory_available)
    return TRUE;
  need_text = g_format_size_full (need, G_FORMAT_SIZE_IEC_UNITS);
  have_text = g_format_size_full (limits->memory_available, G_FORMAT_SIZE_IEC_UNITS);
  return invalid (error, g_dngettext (GETTEXT_PACKAGE,
                                      "%u Python process at once needs about %s of memory, and "
                                      "this machine has %s available: use fewer tasks or the "
                                      "process pool.",
                                      "%u Python processes at once need about %s of memory, and "
                                      "this machine has %s available: use fewer tasks or the "
                                      "process pool.", clab_plan_get_tasks (self)),
                  clab_plan_get_tasks (self), need_text, have_text);
}

gboolean
_clab_plan_python_validate (ClabPlan                *self,
                            const ClabMachineLimits *limits,
                            GError                 **error)
{
  ClabPlanPython *p = _clab_plan_get_python_fields (self);

  if (p->start_method != NULL && !clab_start_method_is_known (p->start_method))
    return invalid (error, _("Unknown start method “%s”. Start methods: fork, spawn, forkserver."),
                    p->start_method);
  if (p->runtime == CLAB_RUNTIME_NATIVE)
    {
      if (p->function_file != NULL)
        return invalid (error, _("A Python function file runs only on the Python runtime "
                                 "(--runtime python)."));
      return TRUE;
    }
  if (clab_plan_get_workload (self) == CLAB_WORKLOAD_COMMAND && p->function_file == NULL)
    return invalid (error, _("The command workload runs only on the native runtime."));
  return validate_interpreter (clab_plan_get_python (self), error)
         && (p->function_file == NULL || validate_function_file (p->function_file, error))
         && check_python_memory (self, limits, error);
}
