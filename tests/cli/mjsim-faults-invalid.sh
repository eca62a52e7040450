#!/bin/bash
# The simulator's invalid fault: HTTP 200 with a body that is not JSON.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-faults-lib.sh"
sim_start --duration 0.2
fault submit invalid
ok "invalid: 200 with a body that is not JSON" sh -c "! curl -s -H 'Authorization: Bearer test-key' -d '{\"prompt\":\"inv\"}' $SIM_URL/mj/submit/imagine | jq . >/dev/null 2>&1"
done_testing
