#!/bin/bash
# mj-submit started with too few file descriptors (ulimit -n, from 4 up
# to a limit it runs with): at each, a clear message and status 1, or the
# run; never a hang.  Too few for the loop's signal pipe: "pipe: Too many
# open files"; one more, too few to open the input: its name and the
# reason, as for any file that cannot be opened (it used to wait for
# ever, polling nothing).
. "$top_srcdir/tests/cli/lib.sh"
echo "few fds p" > p.txt

pipe= input= hung= ran=
for n in $(seq 4 24); do
	# -n: nothing to send, so nothing to wait for
	(ulimit -n "$n" && exec timeout 20 mj-submit -n p.txt) \
	    > "out$n" 2> "err$n"
	st=$?
	[ "$st" = 124 ] && hung="$hung $n"
	grep -q '^mj-submit: pipe: Too many open files$' "err$n" &&
	    [ "$st" = 1 ] && pipe=$n
	grep -q '^mj-submit: p.txt: Too many open files$' "err$n" &&
	    [ "$st" = 1 ] && input=$n
	if [ "$st" = 0 ]; then
		ran=$n
		break
	fi
done
is "$hung" "" "no limit makes it hang"
ok "too few for the signal pipe (${pipe:-none}): status 1, saying so" \
    test -n "$pipe"
ok "too few to open the input (${input:-none}): status 1, saying so" \
    test -n "$input"
ok "enough (${ran:-none}): it runs" test -n "$ran"
jq_ok "out$ran" 'length == 1 and .[0].prompt == "few fds p"' \
    "... the record, not sent (-n)"
done_testing
