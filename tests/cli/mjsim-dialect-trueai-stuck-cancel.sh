#!/bin/bash
# The simulator as trueai-org's server: --stuck holds a task at 40%
# IN_PROGRESS, and its slot, until a cancel (admin: HTTP 200, empty) makes
# it FAILURE 取消任务; the task behind it then runs.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.5 --jitter 0 --stuck STUCKWORD --capacity 1
s1=$(sim_api POST /mj/submit/imagine '{"prompt":"hang STUCKWORD"}' | jq -r .result)
s2=$(sim_api POST /mj/submit/imagine '{"prompt":"behind it"}' | jq -r .result)
ok "--stuck: the task stops at 40% IN_PROGRESS" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$s1/fetch | jq -e '.status == \"IN_PROGRESS\" and .progress == \"40%\"'"
sleep 1
is "$(sim_api GET /mj/task/$s1/fetch | jq -r '.status + " " + .progress')" "IN_PROGRESS 40%" "... and stays there"
is "$(sim_api GET /mj/task/$s2/fetch | jq -r .status)" NOT_START "... holding its slot"
is "$(http POST /mj/task/$s1/cancel)" "200 " "cancel (admin): HTTP 200, empty body"
is "$(sim_api GET /mj/task/$s1/fetch | jq -r '.status + " " + .failReason')" "FAILURE 取消任务" \
    "the task becomes FAILURE 取消任务"
ok "the next one runs" wait_status "$s2" SUCCESS
# this simulator's own count: one cancel (the old mjsim-dialect.sh counted
# it with the cancel of an unknown id, [2,2])
is "$(sim_stats | jq -c '[.cancels, .requests["POST /mj/task/cancel"]]')" "[1,1]" "the ledger counts cancels"
sim_stop
done_testing
