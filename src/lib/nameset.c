/*
 * Names taken, as hashes in an open-addressed table at most 80% full.
 */
#include <stdlib.h>

#include "nameset.h"
#include "xalloc.h"

static uint64_t
name_hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h != 0 ? h : 1;
}

static size_t
find(const struct nameset *ns, uint64_t h)
{
	size_t	i;

	for (i = h & (ns->cap - 1); ns->slot[i] != 0 && ns->slot[i] != h;
	    i = (i + 1) & (ns->cap - 1))
		;
	return i;
}

static void
grow(struct nameset *ns)
{
	uint64_t	*old = ns->slot;
	size_t		 oldcap = ns->cap, i;

	ns->cap = oldcap ? oldcap * 2 : 256;
	ns->slot = xcalloc(ns->cap, sizeof(*ns->slot));
	for (i = 0; i < oldcap; i++)
		if (old[i] != 0)
			ns->slot[find(ns, old[i])] = old[i];
	free(old);
}

int
nameset_add(struct nameset *ns, const char *name)
{
	uint64_t	h = name_hash(name);
	size_t		i;

	if ((ns->n + 1) * 5 > ns->cap * 4)	/* at most 80% full */
		grow(ns);
	i = find(ns, h);
	if (ns->slot[i] == h)
		return 0;
	ns->slot[i] = h;
	ns->n++;
	return 1;
}

int
nameset_has(const struct nameset *ns, const char *name)
{
	uint64_t	h = name_hash(name);

	return ns->cap > 0 && ns->slot[find(ns, h)] == h;
}

void
nameset_free(struct nameset *ns)
{
	free(ns->slot);
	ns->slot = NULL;
	ns->cap = ns->n = 0;
}
