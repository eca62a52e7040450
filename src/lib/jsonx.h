/*
 * json-c's constructors, checked: json-c returns NULL when it cannot
 * allocate, and a NULL handed on makes json-c assert (abort).  Each of
 * these calls xalloc_oom() instead, so out of memory is the one clean
 * exit it is everywhere else.  Each returns one reference the caller owns
 * (json_object_put it or hand it on), never NULL.
 */
#ifndef MJ_JSONX_H
#define MJ_JSONX_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

json_object	*jx_new_object(void);
json_object	*jx_new_array(void);
json_object	*jx_new_string(const char *);
json_object	*jx_new_string_len(const char *, int);
json_object	*jx_new_int(int32_t);
json_object	*jx_new_int64(int64_t);
json_object	*jx_new_boolean(int);
/* a double that prints as text (json_object_new_double_s) */
json_object	*jx_new_double_s(double, const char *text);

/*
 * json_object_object_add / json_object_array_add, whose only failure is
 * out of memory (obj must be an object, arr an array): they take val,
 * which may be NULL (a JSON null).
 */
void		 jx_object_add(json_object *obj, const char *key,
		    json_object *val);
void		 jx_array_add(json_object *arr, json_object *val);

#endif
