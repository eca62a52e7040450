/*
 * json-c's constructors, checked once for the whole code base: out of
 * memory is xalloc_oom()'s clean exit, never a NULL handed on to json-c.
 */
#include <json-c/json.h>

#include "jsonx.h"
#include "xalloc.h"

static json_object *
checked(json_object *o)
{
	if (o == NULL)
		xalloc_oom();
	return o;
}

json_object *
jx_new_object(void)
{
	return checked(json_object_new_object());
}

json_object *
jx_new_array(void)
{
	return checked(json_object_new_array());
}

json_object *
jx_new_string(const char *s)
{
	return checked(json_object_new_string(s));
}

json_object *
jx_new_string_len(const char *s, int len)
{
	return checked(json_object_new_string_len(s, len));
}

json_object *
jx_new_int(int32_t v)
{
	return checked(json_object_new_int(v));
}

json_object *
jx_new_int64(int64_t v)
{
	return checked(json_object_new_int64(v));
}

json_object *
jx_new_boolean(int v)
{
	return checked(json_object_new_boolean(v));
}

json_object *
jx_new_double_s(double v, const char *text)
{
	return checked(json_object_new_double_s(v, text));
}

void
jx_object_add(json_object *obj, const char *key, json_object *val)
{
	if (json_object_object_add(obj, key, val) != 0)
		xalloc_oom();
}

void
jx_array_add(json_object *arr, json_object *val)
{
	if (json_object_array_add(arr, val) != 0)
		xalloc_oom();
}
