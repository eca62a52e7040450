#!/bin/bash
# The simulator's sim:fail marker: the task ends in FAILURE with a
# failReason.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --duration 0.2 --jitter 0 --lang en
f=$(sim_api POST /mj/submit/imagine '{"prompt":"x sim:fail"}' | jq -r .result)
ok "sim:fail ends in FAILURE with a reason" wait_until 15 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$f/fetch | jq -e '.status == \"FAILURE\" and (.failReason | length > 0)'"
done_testing
