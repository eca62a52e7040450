#!/bin/bash
# libcurl cannot start (curl_global_init) or make the multi handle: each
# program says so in one message, status 1, before anything is sent.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts multi 2
echo '{"task":{"id":"1"}}' > task.jsonl

for spec in global_init:1 multi_init:1; do
	[ "$spec" = global_init:1 ] && m="libcurl initialization failed" ||
	    m="libcurl: cannot create a multi handle"
	for prog in mj-submit mj-wait mj-fetch; do
		[ "$prog" = mj-submit ] && in=prompts.txt || in=task.jsonl
		failing "$spec" "$prog" "$in" > out.jsonl 2> err
		is "$?" 1 "$spec, $prog: status 1"
		is "$(cat err)" "$prog: $m" "... one message"
	done
done
is "$(sim_stats | jq '.requests | length')" 0 "nothing was sent"
done_testing
