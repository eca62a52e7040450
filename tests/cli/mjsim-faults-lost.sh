#!/bin/bash
# The simulator's lost fault: the task is created, then the connection
# dropped without a reply; the stats count it.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-faults-lib.sh"
sim_start --duration 0.2
fault submit lost
curl -s -H 'Authorization: Bearer test-key' -d '{"prompt":"lost reply"}' $SIM_URL/mj/submit/imagine >/dev/null
is "$?$(sim_stats | jq -r '.submissions["lost reply"] // 0')" "521" "lost: connection dropped, but the task exists"
# this simulator's own count (the old mjsim-faults.sh counted lost and
# reset together at the end, on the simulator every kind shared)
ok "stats count the faults" sh -c "curl -s $SIM_URL/_sim/stats | jq -e '.faults[\"submit:lost\"] == 1'"
done_testing
