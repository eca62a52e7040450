#!/bin/bash
# libcurl cannot make the share handle that caches TLS sessions, or will
# not share them: before anything is sent, one message, status 1, no
# record; the same command then sends every prompt, once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"

# case SPEC MESSAGE
case_of() {
	mkdir "$1" && cd "$1" || exit 1
	sim_start --duration 0.2 --capacity 100
	prompts share 2
	failing "$1" mj-submit --journal run.journal prompts.txt \
	    > out.jsonl 2> err
	is "$?" 1 "$1: status 1"
	is "$(cat err)" "mj-submit: libcurl: $2" "... one message"
	is "$(wc -c < out.jsonl)" 0 "... no record"
	is "$(sim_stats | jq '.requests | length')" 0 "... nothing sent"
	rerun share 2
	sim_stop
	cd "$TEST_DIR" || exit 1
}
case_of share_init:1 "cannot create a share handle"
case_of share_setopt:1 "cannot share TLS sessions"
case_of share_setopt:2 "cannot share TLS sessions"
done_testing
