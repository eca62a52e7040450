/*
 * A string-keyed hash table: open addressing, linear probing, backward
 * shift deletion (no tombstones), FNV-1a hashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "xalloc.h"

struct slot {
	char		*key;	/* owned; NULL when empty */
	void		*value;
	uint32_t	 hash;
};

struct table {
	struct slot	*slots;
	size_t		 cap;	/* a power of two */
	size_t		 count;
};

static uint32_t
hash_of(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

struct table *
table_new(void)
{
	struct table	*t;

	t = xcalloc(1, sizeof(*t));
	t->cap = 16;
	t->slots = xcalloc(t->cap, sizeof(*t->slots));
	return t;
}

void
table_free(struct table *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cap; i++)
		free(t->slots[i].key);
	free(t->slots);
	free(t);
}

static size_t
find(const struct table *t, const char *key, uint32_t h)
{
	size_t	i = h & (t->cap - 1);

	while (t->slots[i].key != NULL && (t->slots[i].hash != h ||
	    strcmp(t->slots[i].key, key) != 0))
		i = (i + 1) & (t->cap - 1);
	return i;
}

static void
grow(struct table *t)
{
	struct slot	*old = t->slots;
	size_t		 oldcap = t->cap, i, j;

	t->cap *= 2;
	t->slots = xcalloc(t->cap, sizeof(*t->slots));
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		j = old[i].hash & (t->cap - 1);
		while (t->slots[j].key != NULL)
			j = (j + 1) & (t->cap - 1);
		t->slots[j] = old[i];
	}
	free(old);
}

void *
table_put(struct table *t, const char *key, void *value)
{
	uint32_t	 h = hash_of(key);
	size_t		 i;
	void		*old;

	if ((t->count + 1) * 4 > t->cap * 3)
		grow(t);
	i = find(t, key, h);
	if (t->slots[i].key != NULL) {
		old = t->slots[i].value;
		t->slots[i].value = value;
		return old;
	}
	t->slots[i].key = xstrdup(key);
	t->slots[i].hash = h;
	t->slots[i].value = value;
	t->count++;
	return NULL;
}

void *
table_get(const struct table *t, const char *key)
{
	size_t	i = find(t, key, hash_of(key));

	return t->slots[i].key != NULL ? t->slots[i].value : NULL;
}

void *
table_del(struct table *t, const char *key)
{
	size_t	 i = find(t, key, hash_of(key)), j, home;
	void	*value;

	if (t->slots[i].key == NULL)
		return NULL;
	value = t->slots[i].value;
	free(t->slots[i].key);
	t->slots[i].key = NULL;
	t->count--;
	/* shift back the entries that probed past the hole */
	for (j = (i + 1) & (t->cap - 1); t->slots[j].key != NULL;
	    j = (j + 1) & (t->cap - 1)) {
		home = t->slots[j].hash & (t->cap - 1);
		if ((j > i && (home <= i || home > j)) ||
		    (j < i && (home <= i && home > j))) {
			t->slots[i] = t->slots[j];
			t->slots[j].key = NULL;
			i = j;
		}
	}
	return value;
}

size_t
table_count(const struct table *t)
{
	return t->count;
}

int
table_next(const struct table *t, size_t *pos, const char **key,
    void **value)
{
	for (; *pos < t->cap; (*pos)++) {
		if (t->slots[*pos].key == NULL)
			continue;
		*key = t->slots[*pos].key;
		*value = t->slots[*pos].value;
		(*pos)++;
		return 1;
	}
	return 0;
}
