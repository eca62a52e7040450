/*
 * What a submission is to the journal and to its record (submission.h):
 * its journal key, its body tagged with the journal's state, and the
 * submit object of its record.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "journal.h"
#include "jsonstrict.h"
#include "jsonx.h"
#include "record.h"
#include "submission.h"
#include "table.h"
#include "xalloc.h"

char *
submission_tagged_body(const char *body, const char *tag)
{
	struct jsonstrict_error	 err;
	json_object		*o;
	const char		*end;
	int			 empty, has_state;
	char			*out;

	/* jsonstrict exits when out of memory: json-c's tokener returns
	 * NULL, or drops a member, and the request would go untagged */
	if ((o = jsonstrict_parse(body, strlen(body), &err)) == NULL)
		return NULL;
	has_state = !json_object_is_type(o, json_type_object) ||
	    json_object_object_get_ex(o, "state", NULL);
	empty = !has_state && json_object_object_length(o) == 0;
	json_object_put(o);
	if (has_state)
		return NULL;
	/* the body is an object, compact JSON from json-c: it ends at the
	 * last '}'; the tag is hex, so it needs no escaping */
	end = strrchr(body, '}');
	out = xasprintf("%.*s%s\"state\":\"%s\"}", (int)(end - body), body,
	    empty ? "" : ",", tag);
	return out;
}

json_object *
submission_outcome(const char *endpoint, const struct api_reply *rep)
{
	json_object	*o = jx_new_object();
	char		 now[32];

	if (rep != NULL) {
		json_add_int(o, "code", rep->code);
		json_add_string(o, "description", rep->description);
	}
	json_add_string(o, "endpoint", endpoint);
	rfc3339_now(now, sizeof(now));
	json_add_string(o, "at", now);
	if (rep != NULL && rep->properties != NULL)
		json_add(o, "properties", json_object_get(rep->properties));
	return o;
}

void
submission_key(const struct submission *sub, struct record *rec,
    struct table *ordinals, char *out)
{
	const char	*parent_id = NULL, *button = NULL;
	char		*identity, *rec_text, base[JOURNAL_KEY_LEN + 1];
	size_t		 len;
	uintptr_t	 n;

	if (sub->parent != NULL) {
		parent_id = json_get_string(sub->parent, "id");
		button = json_get_string(sub->parent, "button");
	}
	if (parent_id != NULL) {
		/* a follow-up is its parent and its button (or extendN): the
		 * parent's record changes from one read to the next */
		identity = xasprintf("%s\n%s", parent_id,
		    button != NULL ? button : "");
		rec_text = xstrdup("");
	} else if (sub->expand_of > 0) {
		/* an expanded job is its row and its place: repeats of one
		 * prompt have the same body */
		identity = xasprintf("%s\nexpand %lu/%lu", sub->body,
		    sub->expand_index, sub->expand_of);
		rec_text = xstrdup(record_serialize(rec, &len));
	} else {
		identity = xstrdup(sub->body);
		rec_text = xstrdup(record_serialize(rec, &len));
	}
	journal_key(sub->endpoint, identity, rec_text, 0, base);
	n = (uintptr_t)table_get(ordinals, base);
	(void)table_put(ordinals, base, (void *)(n + 1));
	journal_key(sub->endpoint, identity, rec_text, (unsigned long)n, out);
	free(identity);
	free(rec_text);
}
