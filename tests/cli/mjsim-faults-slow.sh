#!/bin/bash
# The simulator's slow fault: the reply waits --slow-ms (3 s).
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-faults-lib.sh"
sim_start --duration 0.2
finished_task
fault poll slow
t=$(curl -s -o /dev/null -w '%{time_total}' -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$id/fetch)
ok "slow: the reply waits (${t}s)" awk "BEGIN { exit !($t >= 2.5) }"
done_testing
