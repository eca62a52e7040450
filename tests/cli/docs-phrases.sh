#!/bin/sh
# mjpipe(7) lists every phrase mjpipe reads as "quota spent" (A SPENT
# QUOTA) and as "queue full" or "limit reached" (A FULL QUEUE, A LIMIT
# REACHED): the lists of src/lib/account.c, each phrase a .Ql line of
# its section.
set -u
n=0
check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
src=$top_srcdir/src/lib/account.c
man=$top_srcdir/man/mjpipe.7
# phrases LIST: the strings of account_LIST_phrases[], one a line
phrases() {
	sed -n "/^const char \*const account_$1_phrases\[\] = {/,/^};/p" "$src" |
	    grep -o '^[[:space:]]*"[^"]*"' | sed 's/^[[:space:]]*"//; s/"$//'
}
# listed SECTION: the .Ql phrases of that section of mjpipe(7)
listed() {
	sed -n "/^\.Sh $1/,/^\.Sh /p" "$man" | grep '^\.Ql ' |
	    sed 's/^\.Ql //; s/ [,.;]$//; s/ [,.;] *$//'
}
for pair in "quota:A SPENT QUOTA" "busy:A FULL QUEUE"; do
	list=${pair%%:*} sect=${pair#*:}
	code=$(phrases "$list")
	[ -n "$code" ]; check $? "account.c has $list phrases"
	missing=""
	while IFS= read -r p; do
		listed "$sect" | grep -qxF -- "$p" || missing="$missing '$p'"
	done <<E
$code
E
	[ -z "$missing" ]
	check $? "mjpipe(7) $sect lists every $list phrase${missing:+ \
(missing:$missing)}"
done
echo "1..$n"
