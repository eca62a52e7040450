#!/bin/bash
# mj-wait: poll faults (5xx, 429, resets, truncated and invalid JSON),
# the first two polls and then 30% of them, are survived with every task
# reported exactly once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.6 --capacity 100
for kind in 500 503 429 reset truncated invalid; do
	seq 1 10 | sed "s/^/poll $kind fault /" | mj-submit -j 8 > sub.jsonl 2>/dev/null
	sim_post /_sim/faults "{\"faults\":[{\"class\":\"poll\",\"kind\":\"$kind\",\"first\":2},{\"class\":\"poll\",\"kind\":\"$kind\",\"rate\":0.3}]}" >/dev/null
	mj-wait -i 100ms < sub.jsonl > out 2>/dev/null
	is "$?" 0 "poll $kind: status 0"
	jq_ok out 'length == 10 and (map(.task.id) | unique | length) == 10 and all(.task.status == "SUCCESS")' \
	    "poll $kind: every task once, SUCCESS"
	ok "poll $kind: faults were injected" test "$(sim_stats | jq ".faults[\"poll:$kind\"] // 0")" -ge 2
	sim_post /_sim/faults '{"faults":[]}' >/dev/null
done
done_testing
