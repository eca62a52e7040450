#!/bin/bash
# mj-submit: a full queue.  Capacity 1, queue 1: the first task runs, the
# second queues (code 22, a success), the rest are refused (code 23; code
# 9 from trueai-org servers, make check-trueai) until slots free up, and
# are then sent again; each prompt makes one task.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 1 --queue 1
seq 1 6 | sed 's/^/prompt /' | mj-submit -j 6 > out 2> err
is "$?" 0 "queue full (23) is retried until every prompt is in"
jq_ok out 'length == 6 and all(.task.id != null)' "six tasks"
jq_ok out 'map(.submit.code) | (index(22) != null) and all(. == 1 or . == 22)' \
    "code 22 is a success, noted in submit.code"
jq_ok out 'map(select(.submit.code == 22))[0].task.status == "NOT_START"' "... with the task NOT_START"
is "$(sim_stats | jq '[.submissions[]] | (length == 6 and all(. == 1))')" true \
    "each prompt created exactly one task"
ok "refusals were sent again" test "$(sim_stats | jq '.requests["POST /mj/submit/imagine"]')" -gt 6
done_testing
