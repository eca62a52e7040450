#!/bin/bash
# Capacity and queue (codes 22 and 23), banned words (24), sim:fail and
# sim:cancel, --no-list, --prefix, --max-seconds.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves, 23 and 24 (mjsim-dialect.sh checks trueai's)"
# tasks last 2 s: the three submissions must reach it while the first runs,
# even on a loaded machine (a package build, many tests at once)
sim_start --capacity 1 --queue 1 --duration 2 --lang en
is "$(sim_api POST /mj/submit/imagine '{"prompt":"one"}' | jq -r .code)" 1 "the first task runs"
q=$(sim_api POST /mj/submit/imagine '{"prompt":"two"}')
is "$(echo "$q" | jq -r .code)" 22 "the second is queued (22)"
is "$(echo "$q" | jq -r .properties.numberOfQueues)" 1 "with its place in the queue"
is "$(sim_api POST /mj/submit/imagine '{"prompt":"three"}' | jq -r .code)" 23 "the third is refused (23)"
is "$(sim_stats | jq -r '.submissions.three // 0')" 0 "a refusal creates nothing"
qid=$(echo "$q" | jq -r .result)
is "$(sim_api GET /mj/task/$qid/fetch | jq -r .status)" NOT_START "the queued task is NOT_START"
ok "the queued task runs when a slot frees" wait_until 15 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$qid/fetch | jq -e '.status == \"SUCCESS\"'"
b=$(sim_api POST /mj/submit/imagine '{"prompt":"something forbidden"}')
is "$(echo "$b" | jq -r '.code, .properties.bannedWord' | tr '\n' ' ')" "24 forbidden " "banned words give 24"
f=$(sim_api POST /mj/submit/imagine '{"prompt":"x sim:fail"}' | jq -r .result)
c=$(sim_api POST /mj/submit/imagine '{"prompt":"x sim:cancel"}' | jq -r .result)
ok "sim:fail ends in FAILURE with a reason" wait_until 15 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$f/fetch | jq -e '.status == \"FAILURE\" and (.failReason | length > 0)'"
ok "sim:cancel ends in CANCEL" wait_until 15 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$c/fetch | jq -e '.status == \"CANCEL\"'"
is "$(sim_get /_sim/task/$f | jq -r .request.prompt)" "x sim:fail" "/_sim/task keeps the request"
sim_start --no-list --prefix /mj-fast --auth mj-api-secret --max-seconds 2
is "$(curl -s -o /dev/null -w '%{http_code}' -H 'mj-api-secret: test-key' -d '{"ids":[]}' $SIM_URL/mj/task/list-by-condition)" 404 "--no-list: 404"
is "$(curl -s -H 'mj-api-secret: test-key' -d '{"prompt":"p"}' $SIM_URL/mj-fast/mj/submit/imagine | jq -r .code)" 1 "the prefix serves the API"
is "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer test-key' -d '{"prompt":"p"}' $SIM_URL/mj/submit/imagine)" 401 "--auth mj-api-secret refuses Bearer"
ok "--max-seconds stops it" wait_until 5 sh -c "! kill -0 $SIM_PID 2>/dev/null"
done_testing
