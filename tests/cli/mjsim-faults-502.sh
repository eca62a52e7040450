#!/bin/bash
# The simulator's 502 fault, set at run time through /_sim/faults.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-faults-lib.sh"
sim_start --duration 0.2
fault submit 502
is "$(code -d '{"prompt":"c"}' $SIM_URL/mj/submit/imagine)" 502 "502 on demand"
done_testing
