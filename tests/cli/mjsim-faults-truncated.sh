#!/bin/bash
# The simulator's truncated fault: a reply cut short of its length.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-faults-lib.sh"
sim_start --duration 0.2
fault submit truncated
curl -s -H 'Authorization: Bearer test-key' -d '{"prompt":"cut"}' $SIM_URL/mj/submit/imagine >/dev/null
is "$?" 18 "truncated: curl sees a partial body"
done_testing
