#!/bin/bash
# libcurl cannot make a submission's handle (curl_easy_init), or cannot
# add it to the multi handle: that request is not sent, its record a
# retryable error saying why, one message, status 1; the others go on,
# and the same command without the fault sends it, each prompt once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"

# case CALL N MESSAGE: CALL fails for the Nth prompt's request
case_of() {
	mkdir "$1" && cd "$1" || exit 1
	sim_start --duration 0.2 --capacity 100
	prompts "$1" 3
	failing "$1:$2" mj-submit -j 1 --journal run.journal prompts.txt \
	    > out.jsonl 2> err
	is "$?" 1 "$1 fails: status 1"
	is "$(cat err)" "mj-submit: line $2: not submitted: libcurl: $3" \
	    "... one message saying why"
	jq_ok out.jsonl "length == 3 and ([.[] | select(.error)] | length ==
	    1) and (.[] | select(.prompt == \"$1 $2\") | .error.retryable and
	    (.task | not))" "... that prompt's record: not submitted, retryable"
	is "$(sent "$1 $2")" 0 "... that request not sent"
	is "$(sent "$1")" 2 "... the others were, once each"
	rerun "$1" 3
	sim_stop
	cd "$TEST_DIR" || exit 1
}
case_of easy_init 1 "cannot create a handle: Out of memory"
case_of multi_add_handle 2 "cannot start a transfer: Out of memory"
done_testing
