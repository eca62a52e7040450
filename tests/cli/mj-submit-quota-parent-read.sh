#!/bin/bash
# mj-submit --action: the quota runs out while a follow-up's parent is
# read again after a stale customId: the other follow-up meets the
# refusal, and the one waiting for its parent is not sent once the read
# returns.  Both records retryable, "the key's quota is spent"; nothing
# created; status 1.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20 --quota 10 --slow-ms 3000
echo "a paper boat" | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS"' "a finished grid to act on"
pid=$(jq -r .task.id grid.jsonl)
sim_api GET "/mj/task/$pid/fetch" > /dev/null	# its customIds now stale
# U1 refused as stale 3 s late; its parent's read answered 3 s late
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"late","first":1},
    {"class":"poll","kind":"slow","rate":1}]}' > /dev/null
mj-submit -j 1 --action U1,U2 < grid.jsonl > fu.jsonl 2> err &
mpid=$!
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats |
    jq -e '.requests[\"POST /mj/submit/action\"] >= 1' >/dev/null"
sim_post /_sim/quota '{"tasks":0}' > /dev/null	# spent, while U1 waits
wait "$mpid"
is "$?" 1 "status 1"
jq_ok fu.jsonl 'length == 2 and (map(.parent.button) | sort) == ["U1","U2"] and
    all(.task == null and .error.retryable == true and
    .error.message == "not submitted: the key'"'"'s quota is spent")' \
    "both retryable: the quota is spent"
ok "U1's parent was read again" test "$(sim_stats | jq '.faults["poll:slow"] // 0')" -ge 1
is "$(sim_stats | jq '.requests["POST /mj/submit/action"]')" 2 "each sent once, U1 not again"
is "$(sim_stats | jq '[.actions[]] | add // 0')" 0 "nothing created"
done_testing
