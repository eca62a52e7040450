#!/bin/bash
# The simulator as CometAPI (its default dialect): no cancel route (404).
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 9
is "$(http POST /mj/task/1/cancel | cut -c1-3)" 404 "comet: no cancel route (404)"
sim_stop
done_testing
