#!/bin/sh
# Every kind of task the price table knows (prices_kinds[] in
# src/lib/prices.c) is named in mjpipe(7), Kinds of task, and in
# mj-submit(1), COST, and neither names a kind the table lacks.
set -u
n=0
check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
kinds=$(sed -n '/^const char \*const prices_kinds\[\] = {/,/};/p' \
    "$top_srcdir/src/lib/prices.c" | grep -o '"[a-z-]*"' | tr -d '"' | sort)
[ "$(echo "$kinds" | wc -l)" -ge 20 ]
check $? "prices.c names the kinds ($(echo $kinds | wc -w))"
# named PAGE START END: the .Cm words from START to END of a page
named() {
	sed -n "/^$2/,/^$3/p" "$top_srcdir/man/$1" |
	    sed -e ':a' -e '/\\$/N; s/\\\n//; ta' |
	    grep '^\.\(It \)*Cm ' | sed 's/^\.It Cm //; s/^\.Cm //' |
	    tr ',' '\n' |
	    sed 's/^ *//; s/ .*$//' | grep -x '[a-z][a-z-]*' | sort -u
}
for page in "mjpipe.7:\.Ss Kinds of task:\.Sh THE RECORD" \
    "mj-submit.1:\.Sh COST:the mode is"; do
	p=${page%%:*} rest=${page#*:}
	got=$(named "$p" "${rest%%:*}" "${rest#*:}")
	missing=$(echo "$kinds" | grep -vxF "$got" | tr '\n' ' ')
	extra=$(echo "$got" | grep -vxF "$kinds" | tr '\n' ' ')
	[ -z "$missing" ]
	check $? "$p names every kind${missing:+ (missing: $missing)}"
	[ -z "$extra" ]
	check $? "$p names no other kind${extra:+ (extra: $extra)}"
done
echo "1..$n"
