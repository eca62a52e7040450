/*
 * The string table: put, get, replace, delete, growth, walking, and keys
 * copied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "table.h"
#include "tap.h"

#define MANY	10000
#define NMODEL	300

static const char *const odd[] = {
	"", " ", "a", "A", "ab", "ba", "\xff\xfe", "\xc3\xa9t\xc3\xa9",
	("a very long key that is longer than most of the other keys here, "
	"long enough to span a few cache lines when it is hashed and copied"),
	"m1", "m10", "m100",
};

int
main(void)
{
	struct table	*t = table_new();
	char		 key[32], *seen;
	const char	*k;
	void		*v;
	size_t		 i, pos = 0, visits = 0, live;
	int		 ok = 1, a = 1, b = 2;
	static void	*model[NMODEL];
	unsigned long long seed;

	TAP_OK(table_get(t, "x") == NULL, "empty: nothing found");
	TAP_OK(table_put(t, "x", &a) == NULL, "put a new key");
	TAP_OK(table_get(t, "x") == &a, "get it back");
	TAP_OK(table_put(t, "x", &b) == &a, "replace returns the old value");
	TAP_INT((long)table_count(t), 1, "one key");
	TAP_OK(table_del(t, "x") == &b, "delete returns the value");
	TAP_OK(table_get(t, "x") == NULL && table_count(t) == 0, "gone");
	snprintf(key, sizeof(key), "copied");
	(void)table_put(t, key, &a);
	key[0] = 'X';
	TAP_OK(table_get(t, "copied") == &a, "keys are copied");
	(void)table_del(t, "copied");

	for (i = 0; i < MANY; i++) {
		snprintf(key, sizeof(key), "key-%zu", i);
		(void)table_put(t, key, (void *)(i + 1));
	}
	TAP_INT((long)table_count(t), MANY, "10000 keys");
	for (i = 0; i < MANY; i++) {
		snprintf(key, sizeof(key), "key-%zu", i);
		if (table_get(t, key) != (void *)(i + 1))
			ok = 0;
	}
	TAP_OK(ok, "all found after growing");
	for (i = 0; i < MANY; i += 2) {
		snprintf(key, sizeof(key), "key-%zu", i);
		(void)table_del(t, key);
	}
	ok = 1;
	for (i = 0; i < MANY; i++) {
		snprintf(key, sizeof(key), "key-%zu", i);
		if (table_get(t, key) != (i % 2 ? (void *)(i + 1) : NULL))
			ok = 0;
	}
	TAP_OK(ok, "after deleting half, the others are still found");
	seen = calloc(MANY, 1);
	ok = 1;
	while (table_next(t, &pos, &k, &v)) {
		visits++;
		i = (size_t)v - 1;
		if (i >= MANY || seen[i]++ || i % 2 == 0)
			ok = 0;
	}
	TAP_OK(ok && visits == MANY / 2, "table_next visits each key once");
	free(seen);
	table_free(t);

	/* odd keys */
	t = table_new();
	pos = 0;
	TAP_OK(!table_next(t, &pos, &k, &v), "table_next on an empty table");
	TAP_OK(table_del(t, "absent") == NULL, "deleting what is not there");
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		(void)table_put(t, odd[i], (void *)(i + 1));
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		TAP_OK(table_get(t, odd[i]) == (void *)(i + 1), "odd key %zu", i);
	TAP_INT((long)table_count(t), (long)(sizeof(odd) / sizeof(odd[0])),
	    "odd keys: all counted");
	table_free(t);

	/*
	 * Against a model: random puts and deletes over a few keys, so that
	 * probes collide and wrap around the end of the slots, while the
	 * table grows from 16 slots.
	 */
	t = table_new();
	memset(model, 0, sizeof(model));
	seed = 42;
	ok = 1;
	alarm(60);	/* a broken probe loops: fail, do not hang */
	for (i = 0; i < 200000 && ok; i++) {
		size_t	 m, want_count = 0;
		void	*old;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		m = (size_t)(seed >> 33) % (i < 100000 ? 12 : NMODEL);
		snprintf(key, sizeof(key), "m%zu", m);
		if ((seed >> 60) < 9) {
			old = table_put(t, key, (void *)(i + 1));
			if (old != model[m])
				ok = 0;
			model[m] = (void *)(i + 1);
		} else {
			if (table_del(t, key) != model[m])
				ok = 0;
			model[m] = NULL;
		}
		if (i % 97 == 0)
			for (m = 0; m < NMODEL; m++) {
				snprintf(key, sizeof(key), "m%zu", m);
				if (table_get(t, key) != model[m])
					ok = 0;
				if (model[m] != NULL)
					want_count++;
			}
		if (i % 97 == 0 && table_count(t) != want_count)
			ok = 0;
		if (!ok)
			TAP_OK(0, "model: step %zu, key %s, differs", i, key);
	}
	TAP_OK(ok, "200000 random puts and deletes agree with a model");
	pos = 0;
	visits = 0;
	while (table_next(t, &pos, &k, &v) && visits <= NMODEL) {
		visits++;
		if (k[0] != 'm' || model[strtoul(k + 1, NULL, 10)] != v)
			ok = 0;
	}
	for (i = 0, live = 0; i < NMODEL; i++)
		live += model[i] != NULL;
	TAP_OK(ok && visits == live && table_count(t) == live,
	    "table_next walks the model's keys");
	alarm(0);
	table_free(t);
	return tap_done();
}
