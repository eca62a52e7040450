#!/bin/bash
# The simulator's wrongtype fault: an image served as text/html.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-faults-lib.sh"
sim_start --duration 0.2
finished_task
fault image wrongtype
is "$(curl -s -o /dev/null -w '%{content_type}' $SIM_URL/mj/image/$id)" text/html "wrongtype: an image served as text/html"
done_testing
