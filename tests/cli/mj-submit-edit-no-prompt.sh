#!/bin/bash
# mj-submit --retexture with an empty prompt: an error record saying so,
# status 1, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes
tiny_png ref.png edit > /dev/null

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
printf '%s\n' '{"prompt":""}' | mj-submit --retexture --image ref.png > out 2> err
is "$?" 1 "--retexture without a prompt: status 1"
jq_ok out '.[0].error.message | test("prompt")' "... an error record saying so"
# this case's own count: the simulator made nothing (this case and
# --edit without an image were once counted together)
is "$(created)" 0 "... not sent"
sim_stop
done_testing
