/*
 * The array splitter: a small state machine over bytes.  An element ends
 * at a ',' or ']' met outside any string and at its own top level, which
 * covers objects, arrays, strings and bare scalars alike.
 */
#include <string.h>

#include "arraysplit.h"

enum { BEFORE, BETWEEN, IN_ELEM, AFTER, FAILED };

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void
array_split_init(struct array_split *a, size_t max_elem)
{
	memset(a, 0, sizeof(*a));
	a->elem = (struct buf)BUF_INIT;
	a->max_elem = max_elem;
	a->where = BEFORE;
}

void
array_split_free(struct array_split *a)
{
	buf_free(&a->elem);
}

static int
fail(struct array_split *a, const char *why)
{
	a->where = FAILED;
	a->error = why;
	return -1;
}

/* The element is complete: trim its tail and hand it over. */
static int
emit(struct array_split *a, array_elem_fn fn, void *arg)
{
	size_t	n = a->elem.len;

	while (n > 0 && is_space(a->elem.data[n - 1]))
		n--;
	a->count++;
	if (fn(a->elem.data, n, arg) == -1)
		return fail(a, "stopped by the caller");
	buf_reset(&a->elem);
	return 0;
}

/* One byte inside an element; 1 if it ended the element. */
static int
elem_byte(struct array_split *a, char c)
{
	if (a->in_string) {
		if (a->escaped)
			a->escaped = 0;
		else if (c == '\\')
			a->escaped = 1;
		else if (c == '"')
			a->in_string = 0;
		return 0;
	}
	if (c == '"')
		a->in_string = 1;
	else if (c == '{' || c == '[')
		a->depth++;
	else if ((c == '}' || c == ']') && a->depth > 0)
		a->depth--;
	else if ((c == ',' || c == ']') && a->depth == 0)
		return 1;
	return 0;
}

int
array_split_feed(struct array_split *a, const char *p, size_t n,
    array_elem_fn fn, void *arg)
{
	size_t	i, start;

	for (i = 0; i < n; i++) {
		switch (a->where) {
		case FAILED:
			return -1;
		case BEFORE:
			if (is_space(p[i]))
				continue;
			if (p[i] != '[')
				return fail(a, "not a JSON array");
			a->where = BETWEEN;
			continue;
		case AFTER:
			if (!is_space(p[i]))
				return fail(a, "text after the array");
			continue;
		case BETWEEN:
			if (is_space(p[i]))
				continue;
			if (p[i] == ']' && a->count == 0) {
				a->where = AFTER;
				continue;
			}
			if (p[i] == ',' || p[i] == ']')
				return fail(a, "an empty element");
			a->where = IN_ELEM;
			break;
		}
		/* in an element: copy up to its end in one go */
		for (start = i; i < n; i++)
			if (elem_byte(a, p[i]))
				break;
		if (a->elem.len + (i - start) > a->max_elem)
			return fail(a, "an element too long");
		buf_append(&a->elem, p + start, i - start);
		if (i == n)
			break;
		if (emit(a, fn, arg) == -1)
			return -1;
		/* after a ',' another element must follow: BETWEEN with
		 * count > 0 refuses a ']' */
		a->where = p[i] == ']' ? AFTER : BETWEEN;
	}
	return 0;
}

int
array_split_finish(struct array_split *a)
{
	if (a->where == FAILED)
		return -1;
	if (a->where != AFTER)
		return fail(a, "the array is cut short");
	return 0;
}
