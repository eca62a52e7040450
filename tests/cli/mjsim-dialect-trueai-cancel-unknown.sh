#!/bin/bash
# The simulator as trueai-org's server: a cancel of an unknown task id is
# HTTP 200 too, and counted.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.5 --jitter 0
is "$(http POST /mj/task/999/cancel)" "200 " "cancel of an unknown id: 200 too"
# this simulator's own count: one cancel (the old mjsim-dialect.sh counted
# it with the admin cancel of a stuck task, [2,2])
is "$(sim_stats | jq -c '[.cancels, .requests["POST /mj/task/cancel"]]')" "[1,1]" "the ledger counts cancels"
sim_stop
done_testing
