#!/bin/bash
# mj-submit --action: a button the record has but the task, read again
# after a stale refusal, no longer has: an error record naming the button
# and those the task has; nothing created, not sent again.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
echo "a paper boat" | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS"' "a finished grid to act on"
pid=$(jq -r .task.id grid.jsonl)
# a button the server never gave this task (the record edited by hand)
jq -c '.task.buttons += [{"customId": "MJ::JOB::variation::9::feedbeef", "label": "V9"}]' \
    grid.jsonl > edited.jsonl

mj-submit --action V9 < edited.jsonl > fu.jsonl 2> err
is "$?" 1 "status 1"
jq_ok fu.jsonl "length == 1 and .[0].parent.button == \"V9\" and .[0].error.code == 4 and
    .[0].error.retryable == false and
    (.[0].error.message | test(\"task $pid has no button 'V9' any more; it has: .*U1\"))" \
    "an error record naming the button and the ones the task has"
sim_stats > stats.json
is "$(jq '.requests["POST /mj/submit/action"]' stats.json)" 1 "sent once: refused as stale"
is "$(jq '[.actions[]] | add // 0' stats.json)" 0 "nothing created"
done_testing
