/*
 * File names from templates (filename.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "filename.h"
#include "fsutil.h"
#include "nameset.h"
#include "record.h"
#include "template.h"
#include "xalloc.h"

#define CLAIMS_MAX	1000	/* "-2", "-3", ... tried for one name */

/* "{{" or "}}": a literal brace. */
static int
doubled(const char *t)
{
	return (t[0] == '{' && t[1] == '{') || (t[0] == '}' && t[1] == '}');
}

int
filename_template_ok(const char *t)
{
	const char	*close;

	while (*t != '\0') {
		if (doubled(t))
			t += 2;
		else if (*t == '{') {
			if ((close = strchr(t, '}')) == NULL || close == t + 1)
				return 0;
			t = close + 1;
		} else
			t++;
	}
	return 1;
}

/* Append text so that template_expand reads it literally. */
static void
append_literal(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '{' || *s == '}')
			buf_appendc(b, *s);
		buf_appendc(b, *s);
	}
}

char *
filename_make(const char *tmpl, const struct record *rec, const char *n,
    int suffix, char *err, size_t errlen)
{
	struct buf	 t = BUF_INIT;
	const char	*p, *id = record_task_id(rec);
	char		*raw, *safe;

	for (p = tmpl; *p != '\0';) {
		if (doubled(p)) {
			buf_append(&t, p, 2);
			p += 2;
		} else if (strncmp(p, "{id}", 4) == 0) {
			if (id == NULL || *id == '\0') {
				(void)snprintf(err, errlen, "no task.id for "
				    "{id} in --name");
				buf_free(&t);
				return NULL;
			}
			append_literal(&t, id);
			p += 4;
		} else if (strncmp(p, "{n}", 3) == 0) {
			append_literal(&t, n);
			p += 3;
		} else
			buf_appendc(&t, *p++);
	}
	if (suffix && strstr(tmpl, "{n}") == NULL) {
		buf_appendc(&t, '-');
		append_literal(&t, n);
	}
	raw = template_expand(buf_str(&t), rec, err, errlen);
	buf_free(&t);
	if (raw == NULL)
		return NULL;
	safe = fsutil_safe_name(raw, 0);
	free(raw);
	return safe;
}

char *
filename_claim(struct nameset *set, const char *want)
{
	char		*name = xstrdup(want);
	unsigned	 k = 1;

	while (!nameset_add(set, name) && k < CLAIMS_MAX) {
		free(name);
		name = xasprintf("%s-%u", want, ++k);
	}
	return name;
}
