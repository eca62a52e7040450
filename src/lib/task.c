/*
 * A task's fields as api.md gives them: its id as text, status, progress,
 * media URLs; and the paths and bodies of the task queries.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "api.h"
#include "buf.h"
#include "jsonx.h"
#include "xalloc.h"

json_object *
api_member(json_object *obj, const char *key)
{
	json_object	*v;

	if (obj == NULL || !json_object_is_type(obj, json_type_object) ||
	    !json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

/* A string member, or NULL (numbers are not strings here). */
static const char *
member_string(json_object *obj, const char *key)
{
	json_object	*v = api_member(obj, key);

	if (v == NULL || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

const char *
api_member_text(json_object *obj, const char *key)
{
	const char	*s = member_string(obj, key);

	return s != NULL && *s != '\0' ? s : NULL;
}

int
api_is_number(json_object *v)
{
	return json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double);
}

char *
api_percent_encode(const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct buf		 b = BUF_INIT;
	unsigned char		 c;

	buf_appends(&b, "");
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (isalnum(c) || strchr("-._~", c) != NULL)
			buf_appendc(&b, (char)c);
		else {
			buf_appendc(&b, '%');
			buf_appendc(&b, hex[c >> 4]);
			buf_appendc(&b, hex[c & 0x0f]);
		}
	}
	return buf_detach(&b, NULL);
}

char *
api_fetch_path(const char *id)
{
	char	*enc, *path;

	enc = api_percent_encode(id);
	path = xasprintf("/mj/task/%s/fetch", enc);
	free(enc);
	return path;
}

char *
api_list_body(const char *const *ids, size_t n)
{
	json_object	*body, *arr;
	const char	*s;
	char		*text;
	size_t		 i;

	body = jx_new_object();
	arr = jx_new_array();
	jx_object_add(body, "ids", arr);
	for (i = 0; i < n; i++)
		jx_array_add(arr, jx_new_string(ids[i]));
	s = json_object_to_json_string_ext(body,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	if (s == NULL)
		xalloc_oom();
	text = xstrdup(s);
	json_object_put(body);
	return text;
}

const char *
api_task_id(json_object *task)
{
	json_object	*id = api_member(task, "id");
	const char	*s;

	if (id == NULL)
		return NULL;
	if (!json_object_is_type(id, json_type_string) && !api_is_number(id))
		return NULL;
	/* for a number: its digits, kept inside the object */
	s = json_object_get_string(id);
	return s != NULL && *s != '\0' ? s : NULL;
}

const char *
api_task_status(json_object *task)
{
	const char	*s = member_string(task, "status");

	return s != NULL ? s : "";
}

int
api_status_terminal(const char *status)
{
	static const char *const terminal[] = { "SUCCESS", "FAILURE",
	    "CANCEL", "MODAL" };
	size_t	i;

	if (status == NULL)
		return 0;
	for (i = 0; i < sizeof(terminal) / sizeof(terminal[0]); i++)
		if (strcasecmp(status, terminal[i]) == 0)
			return 1;
	return 0;
}

/* "45%", "45", " 45.5 %": the whole percent, or -1. */
static int
progress_text(const char *s)
{
	long	 n = 0;
	int	 digits = 0;

	while (isspace((unsigned char)*s))
		s++;
	for (; isdigit((unsigned char)*s) && n <= 100; s++, digits++)
		n = n * 10 + (*s - '0');
	if (digits == 0 || n > 100)
		return -1;
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			continue;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '%')
		s++;
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0' ? (int)n : -1;
}

int
api_task_progress(json_object *task)
{
	json_object	*v = api_member(task, "progress");
	double		 d;

	if (v == NULL)
		return -1;
	if (json_object_is_type(v, json_type_string))
		return progress_text(json_object_get_string(v));
	if (!api_is_number(v))
		return -1;
	d = json_object_get_double(v);
	return d >= 0 && d <= 100 ? (int)d : -1;
}

/* A URL item: a string or {"url": ...}; NULL when empty. */
static const char *
url_of(json_object *v)
{
	const char	*s;

	if (v == NULL)
		return NULL;
	if (json_object_is_type(v, json_type_object))
		return api_member_text(v, "url");
	if (!json_object_is_type(v, json_type_string))
		return NULL;
	s = json_object_get_string(v);
	return *s != '\0' ? s : NULL;
}

static void
add_url(const char *u, const char *skip, const char **urls, size_t max,
    size_t *n)
{
	if (u == NULL || (skip != NULL && strcmp(u, skip) == 0))
		return;
	if (*n < max)
		urls[*n] = u;
	(*n)++;
}

/* single, then the items of list (an array, or one item) not equal to it */
static void
add_urls(json_object *task, const char *one, const char *many,
    const char **urls, size_t max, size_t *n)
{
	const char	*first = url_of(api_member(task, one));
	json_object	*list = api_member(task, many);
	size_t		 i, len;

	add_url(first, NULL, urls, max, n);
	if (list == NULL)
		return;
	if (!json_object_is_type(list, json_type_array)) {
		add_url(url_of(list), first, urls, max, n);
		return;
	}
	len = json_object_array_length(list);
	for (i = 0; i < len; i++)
		add_url(url_of(json_object_array_get_idx(list, i)), first,
		    urls, max, n);
}

size_t
api_task_urls(json_object *task, const char **urls, size_t max)
{
	size_t	n = 0;

	add_urls(task, "imageUrl", "imageUrls", urls, max, &n);
	add_urls(task, "videoUrl", "videoUrls", urls, max, &n);
	return n < max ? n : max;
}

size_t
api_task_url_place(json_object *task, const char *key, const char *url)
{
	json_object	*list = api_member(task, key);
	const char	*u;
	size_t		 i, len;

	if (list == NULL || !json_object_is_type(list, json_type_array))
		return 0;
	len = json_object_array_length(list);
	for (i = 0; i < len; i++)
		if ((u = url_of(json_object_array_get_idx(list, i))) != NULL &&
		    strcmp(u, url) == 0)
			return i + 1;
	return 0;
}
