#!/bin/bash
# The simulator's --fault-first CLASS:KIND:N: a fault on the first N
# requests of the class, then none.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-faults-lib.sh"
sim_start --duration 0.2 --fault-first submit:500:1
is "$(code -d '{"prompt":"a"}' $SIM_URL/mj/submit/imagine)" 500 "the first submission gets 500"
is "$(code -d '{"prompt":"a"}' $SIM_URL/mj/submit/imagine)" 200 "the next one passes"
done_testing
