#!/bin/bash
# mj-wait --no-list (one fetch per task): fetch faults, a reply that is
# not JSON or cut short and 5xx, the first polls and then 30% of them,
# are survived with every task reported exactly once (mj-wait-faults.sh
# does the same through list-by-condition).
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.6 --capacity 100
for kind in invalid truncated 503; do
	seq 1 6 | sed "s/^/fetch $kind fault /" | mj-submit -j 6 > sub.jsonl 2>/dev/null
	sim_post /_sim/faults "{\"faults\":[{\"class\":\"poll\",\"kind\":\"$kind\",\"first\":3},{\"class\":\"poll\",\"kind\":\"$kind\",\"rate\":0.3}]}" >/dev/null
	run_prog mj-wait --no-list -i 100ms < sub.jsonl > out 2>/dev/null
	is "$?" 0 "fetch $kind: status 0"
	jq_ok out 'length == 6 and (map(.task.id) | unique | length) == 6 and all(.task.status == "SUCCESS")' \
	    "fetch $kind: every task once, SUCCESS"
	ok "fetch $kind: faults were injected" test "$(sim_stats | jq ".faults[\"poll:$kind\"] // 0")" -ge 3
	sim_post /_sim/faults '{"faults":[]}' >/dev/null
done
done_testing
