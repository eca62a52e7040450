#!/bin/bash
# libcurl refuses an option of a poll's handle, swept over every option,
# one run each: the poll is not sent, one warning names the option, the
# task is polled again and its record comes out finished, status 0.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"
sim_start --duration 0.2 --capacity 100
# a list-by-condition poll is a POST
want="$(echo $ALL_OPTIONS) ACCEPT_ENCODING POSTFIELDS POSTFIELDSIZE_LARGE \
MAXFILESIZE_LARGE DEBUGFUNCTION VERBOSE"
msg="An unknown option was passed in to libcurl"

echo "polled p" | mj-submit > task.jsonl
seen= bad=
for n in $(seq 1 40); do
	: > failcurl.log
	failing "setopt:$n" mj-wait -vv -i 100ms task.jsonl > "out$n.jsonl" \
	    2> "err$n"
	st=$?
	name=$(failed_option)
	seen="$seen${seen:+ }$name"
	[ "$st" = 0 ] || bad="$bad $n:status=$st"
	jq -e -s 'length == 1 and .[0].task.status == "SUCCESS" and
	    (.[0].error | not)' "out$n.jsonl" > /dev/null ||
	    bad="$bad $n:record"
	[ "$(grep -c "^mj-wait: warning: poll: libcurl: cannot set \
CURLOPT_$name: $msg; trying again\$" "err$n")" = 1 ] ||
	    bad="$bad $n:message"
	[ "$name" = VERBOSE ] && break
done
is "$seen" "$want" "each option of a poll refused in turn"
is "$bad" "" "... each: one warning naming it, the task polled again, \
finished, status 0"
done_testing
