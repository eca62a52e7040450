#!/bin/bash
# a journal that cannot be used (a directory, a file that is not a
# journal, an unreadable file): status 2, nothing submitted, nothing
# overwritten.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 100
mkdir jdir
echo 'x' | mj-submit --journal jdir > o.jsonl 2> err
is "$?" 2 "a journal that is a directory: status 2"
ok "... with a message naming it" grep -q 'jdir' err
is "$(wc -c < o.jsonl | tr -d ' ')" 0 "... and nothing submitted"
printf 'not a journal\n' > other.txt
echo 'x' | mj-submit --journal other.txt > o.jsonl 2> err
is "$?" 2 "a file that is not a journal: status 2"
ok "... is not overwritten" grep -qx 'not a journal' other.txt
if [ "$(id -u)" != 0 ]; then
	: > locked.journal; chmod 000 locked.journal
	echo 'x' | mj-submit --journal locked.journal > o.jsonl 2> err
	is "$?" 2 "an unreadable journal: status 2"
fi
sim_stop
done_testing
