#!/bin/bash
# The simulator's --max-seconds: it stops by itself.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --max-seconds 2
ok "--max-seconds stops it" wait_until 5 sh -c "! kill -0 $SIM_PID 2>/dev/null"
done_testing
