/*
 * The string table: put, get, replace, delete, growth, walking, and keys
 * copied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "tap.h"

#define MANY	10000

int
main(void)
{
	struct table	*t = table_new();
	char		 key[32], *seen;
	const char	*k;
	void		*v;
	size_t		 i, pos = 0, visits = 0;
	int		 ok = 1, a = 1, b = 2;

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
	return tap_done();
}
