#!/bin/bash
# mj-submit --action: customIds refused as stale (code 4) while the parent
# task cannot be read again (every read answers 500): each follow-up of
# the record, the one that asked for the read and the one that waited
# for it, is an error record saying so; nothing is created or resent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
echo "a paper boat" | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS"' "a finished grid to act on"
pid=$(jq -r .task.id grid.jsonl)
# another read makes the record's customIds stale (the simulator changes them)
sim_api GET "/mj/task/$pid/fetch" > /dev/null
sim_post /_sim/faults '{"faults":[{"class":"poll","kind":"500","rate":1}]}' > /dev/null

mj-submit -j 2 --action U1,U2 < grid.jsonl > fu.jsonl 2> err
is "$?" 1 "status 1"
jq_ok fu.jsonl 'length == 2 and (map(.parent.button) | sort) == ["U1","U2"]' \
    "one record per follow-up"
jq_ok fu.jsonl 'all(.error.code == 4 and .error.retryable == false and .task == null and
    (.error.message | test("refused as stale and the parent task could not be fetched again")))' \
    "each an error record: stale, and the parent could not be read again"
is "$(grep -c 'could not be fetched again' err)" 2 "... said on stderr for each"
sim_stats > stats.json
is "$(jq '[.actions[]] | add // 0' stats.json)" 0 "no follow-up was created"
is "$(jq '.requests["POST /mj/submit/action"]' stats.json)" 2 "each sent once, not again"
ok "the parent was asked for again" test "$(jq '.faults["poll:500"] // 0' stats.json)" -ge 1
done_testing
