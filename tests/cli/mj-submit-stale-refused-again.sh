#!/bin/bash
# mj-submit --action: a customId refused as stale (code 4) is sent once
# more with the parent read again; refused again, the refusal stands: an
# error record with the server's words, code 4, not retryable, and the
# parent is not read a second time.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20 --stable-customids --lang en
echo "a paper boat" | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS"' "a finished grid to act on"
reads=$(sim_stats | jq '.requests["GET /mj/task/fetch"] // 0')
# the next two submissions are refused as stale, whatever they send
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"stale","first":2}]}' > /dev/null

mj-submit --action U3 < grid.jsonl > fu.jsonl 2> err
is "$?" 1 "status 1"
jq_ok fu.jsonl 'length == 1 and .[0].parent.button == "U3" and .[0].error.code == 4 and
    .[0].error.retryable == false and .[0].error.message == "invalid customId"' \
    "an error record with the server's words and code 4"
sim_stats > stats.json
# (a fault answers before the request is counted in .requests)
is "$(jq '.faults["submit:stale"]' stats.json)" 2 "sent twice, once more after the read: both refused"
is "$(jq '.requests["POST /mj/submit/action"] // 0' stats.json)" 0 "... none sent a third time"
is "$(jq ".requests[\"GET /mj/task/fetch\"] - $reads" stats.json)" 1 "the parent read again once"
is "$(jq '[.actions[]] | add // 0' stats.json)" 0 "nothing created"
done_testing
