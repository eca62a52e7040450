#!/bin/bash
# The simulator's faults by rate, set at run time: rate 1.0 always
# fires, and an empty set clears them.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-faults-lib.sh"
sim_start --duration 0.2
finished_task
sim_post /_sim/faults '{"faults":[{"class":"poll","kind":"503","rate":1.0}]}' >/dev/null
is "$(code $SIM_URL/mj/task/$id/fetch)" 503 "rate 1.0 always fires"
sim_post /_sim/faults '{"faults":[]}' >/dev/null
is "$(code $SIM_URL/mj/task/$id/fetch)" 200 "an empty set clears the faults"
done_testing
