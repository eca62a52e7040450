#!/bin/bash
# The simulator as CometAPI: --stuck holds a task at 40% IN_PROGRESS there
# too.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 9 --stuck hang
h=$(sim_api POST /mj/submit/imagine '{"prompt":"hang on"}' | jq -r .result)
# the time the old script spent on its videos (up to 10 s), bounded the same
wait_until 10 sh -c "curl -s -H 'Authorization: Bearer test-key' \
    $SIM_URL/mj/task/$h/fetch | jq -e '.progress == \"40%\"'"
is "$(sim_api GET /mj/task/$h/fetch | jq -r '.status + " " + .progress')" "IN_PROGRESS 40%" "comet: --stuck too"
sim_stop
done_testing
