#!/bin/bash
# SIGTERM while a follow-up's parent is read again after a stale
# customId (the read answered slowly): written out at once, "interrupted;
# not submitted", retryable, status 143, nothing created; the same
# command then makes the follow-up, once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20 --slow-ms 20000
echo "a paper boat" | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS"' "a finished grid to act on"
pid=$(jq -r .task.id grid.jsonl)
sim_api GET "/mj/task/$pid/fetch" > /dev/null	# its customIds now stale
sim_post /_sim/faults '{"faults":[{"class":"poll","kind":"slow","rate":1}]}' > /dev/null
mj-submit --action U2 --journal j < grid.jsonl > fu.jsonl 2> err &
mpid=$!
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats | jq -e '.faults[\"poll:slow\"] >= 1' >/dev/null"
t0=$SECONDS
kill -TERM "$mpid"
wait "$mpid"
is "$?" 143 "SIGTERM during the parent's read: status 143"
ok "... at once" test $((SECONDS - t0)) -lt 10
jq_ok fu.jsonl 'length == 1 and .[0].parent.button == "U2" and .[0].task == null and
    .[0].error.retryable == true and .[0].error.message == "interrupted; not submitted"' \
    "... interrupted, not submitted, retryable"
is "$(sim_stats | jq '[.actions[]] | add // 0')" 0 "... nothing created"

sim_post /_sim/faults '{"faults":[]}' > /dev/null
mj-submit --action U2 --journal j < grid.jsonl > fu2.jsonl 2> err
is "$?" 0 "the same command: status 0"
jq_ok fu2.jsonl 'length == 1 and .[0].task.id != null' "... the follow-up made"
is "$(sim_stats | jq '[.actions[]] | add')" 1 "... once"
done_testing
