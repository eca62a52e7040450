#!/bin/bash
# The simulator's sim:cancel marker: the task ends in CANCEL.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --duration 0.2 --jitter 0 --lang en
c=$(sim_api POST /mj/submit/imagine '{"prompt":"x sim:cancel"}' | jq -r .result)
ok "sim:cancel ends in CANCEL" wait_until 15 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$c/fetch | jq -e '.status == \"CANCEL\"'"
done_testing
