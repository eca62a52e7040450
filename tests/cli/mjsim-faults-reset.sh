#!/bin/bash
# The simulator's reset fault: the connection dropped before anything
# was done, no task created; the stats count it.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-faults-lib.sh"
sim_start --duration 0.2
fault submit reset
curl -s -H 'Authorization: Bearer test-key' -d '{"prompt":"reset me"}' $SIM_URL/mj/submit/imagine >/dev/null
is "$?$(sim_stats | jq -r '.submissions["reset me"] // 0')" "520" "reset: connection dropped, nothing created"
# this simulator's own count (the old mjsim-faults.sh counted lost and
# reset together at the end, on the simulator every kind shared)
ok "stats count the faults" sh -c "curl -s $SIM_URL/_sim/stats | jq -e '.faults[\"submit:reset\"] == 1'"
done_testing
