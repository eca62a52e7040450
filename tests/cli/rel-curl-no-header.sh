#!/bin/bash
# libcurl cannot copy a request's header line (curl_slist_append): out of
# memory, before the request is sent; the program stops, one message,
# status 1, and the same command sends every prompt, once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts header 2

# the 1st is the Content-Type, the 4th the key: each a request's own
for n in 1 4; do
	failing "slist_append:$n" mj-submit -j 1 --journal run.journal \
	    prompts.txt > "out$n.jsonl" 2> "err$n"
	is "$?" 1 "header $n not copied: status 1"
	is "$(cat "err$n")" "mj-submit: out of memory" "... one message"
	is "$(sent header)" 0 "... nothing sent"
done
rerun header 2
done_testing
