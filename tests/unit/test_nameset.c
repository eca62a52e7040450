/*
 * The name set: a name is taken once; growth keeps every name.
 */
#include <stdio.h>

#include "nameset.h"
#include "tap.h"

int
main(void)
{
	struct nameset	ns = NAMESET_INIT;
	char		name[32];
	int		i, ok = 1;

	TAP_OK(!nameset_has(&ns, "a.png"), "empty: nothing taken");
	TAP_INT(nameset_add(&ns, "a.png"), 1, "a new name is added");
	TAP_INT(nameset_add(&ns, "a.png"), 0, "the same name is taken");
	TAP_INT(nameset_add(&ns, "a-2.png"), 1, "another name is free");
	TAP_OK(nameset_has(&ns, "a.png") && !nameset_has(&ns, "b.png"), "has");
	for (i = 0; i < 100000; i++) {
		snprintf(name, sizeof(name), "%d.png", i);
		if (nameset_add(&ns, name) != 1)
			ok = 0;
	}
	TAP_OK(ok, "100000 distinct names all added");
	for (i = 0; i < 100000 && ok; i++) {
		snprintf(name, sizeof(name), "%d.png", i);
		if (!nameset_has(&ns, name) || nameset_add(&ns, name) != 0)
			ok = 0;
	}
	TAP_OK(ok, "... and all still taken after growing");
	TAP_OK(ns.cap * sizeof(*ns.slot) <= 4u << 20, "in at most 4 MiB");
	nameset_free(&ns);
	return tap_done();
}
