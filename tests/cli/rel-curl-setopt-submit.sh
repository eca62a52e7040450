#!/bin/bash
# libcurl refuses an option of a submission's handle (as one older than
# CURLOPT_PROTOCOLS_STR would), swept over every option, one run each:
# the request is not sent, its record a retryable error naming the
# option, one message, status 1; the journal says so (R), and the same
# command without the fault sends the prompt, once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"
sim_start --duration 0.2 --capacity 100
want="$(echo $ALL_OPTIONS) ACCEPT_ENCODING POSTFIELDS POSTFIELDSIZE_LARGE \
FRESH_CONNECT FORBID_REUSE HTTP_VERSION MAXFILESIZE_LARGE DEBUGFUNCTION VERBOSE"
msg="An unknown option was passed in to libcurl"

seen= bad=
for n in $(seq 1 40); do
	echo "opt $n p" > "p$n.txt"
	: > failcurl.log
	# -vv: the trace's options are set too
	failing "setopt:$n" mj-submit -vv -j 1 --journal "j$n" "p$n.txt" \
	    > "out$n.jsonl" 2> "err$n"
	st=$?
	name=$(failed_option)
	seen="$seen${seen:+ }$name"
	m="not submitted: libcurl: cannot set CURLOPT_$name: $msg"
	[ "$st" = 1 ] || bad="$bad $n:status=$st"
	jq -e -s --arg m "$m" 'length == 1 and .[0].error.message == $m and
	    .[0].error.retryable == true and (.[0].task | not)' \
	    "out$n.jsonl" > /dev/null || bad="$bad $n:record"
	[ "$(grep -c "^mj-submit: line 1: $m\$" "err$n")" = 1 ] ||
	    bad="$bad $n:message"
	[ "$(sent "opt $n")" = 0 ] || bad="$bad $n:sent"
	key=$(jq -r .error.key "out$n.jsonl")
	grep -q "^R $key\$" "j$n" || bad="$bad $n:journal"
	mj-submit -j 1 --journal "j$n" "p$n.txt" > "re$n.jsonl" 2> "reerr$n" ||
	    bad="$bad $n:rerun"
	[ "$(sent "opt $n")" = 1 ] || bad="$bad $n:rerun-sent"
	[ "$name" = VERBOSE ] && break
done
is "$seen" "$want" "each option of a submission refused in turn"
is "$bad" "" "... each: status 1, a retryable record naming it, one \
message, not sent, R in the journal; the rerun sends it once"
is "$(sim_stats | jq '.tasks_created')" "$n" "... one task a prompt in all"
done_testing
