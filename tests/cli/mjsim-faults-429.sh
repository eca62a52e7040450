#!/bin/bash
# The simulator's 429 fault carries the Retry-After of --retry-after.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-faults-lib.sh"
sim_start --duration 0.2 --retry-after 2
fault submit 429
curl -s -D hdr -o /dev/null -H 'Authorization: Bearer test-key' -d '{"prompt":"b"}' $SIM_URL/mj/submit/imagine
ok "429 with Retry-After" grep -qi '^retry-after: 2' hdr
done_testing
