#!/bin/sh
# Every manual page is clean under mandoc -T lint -W warning and has the
# sections a reader looks for.
set -u
pages="mj-submit.1 mj-wait.1 mj-fetch.1 mj-pack.1 mjpipe.7 mjpipe-sim.1"
if [ -z "${MANDOC:-}" ] || ! command -v "$MANDOC" >/dev/null 2>&1; then
	echo "1..0 # SKIP mandoc not installed"
	exit 0
fi
n=0
for p in $pages; do
	f=$top_srcdir/man/$p
	n=$((n + 1))
	if out=$("$MANDOC" -T lint -W warning "$f" 2>&1) && [ -z "$out" ]; then
		echo "ok $n - $p is mandoc-lint clean"
	else
		echo "not ok $n - $p is mandoc-lint clean"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
	case $p in
	*.1) sections="NAME SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT EXIT.STATUS EXAMPLES SEE.ALSO" ;;
	*) sections="NAME DESCRIPTION EXIT.STATUS SEE.ALSO" ;;
	esac
	for s in $sections; do
		n=$((n + 1))
		if grep -q "^\.Sh $(echo "$s" | tr . ' ')\$" "$f"; then
			echo "ok $n - $p has $s"
		else
			echo "not ok $n - $p has $s"
		fi
	done
done
echo "1..$n"
