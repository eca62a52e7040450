#!/bin/bash
# mj-submit --edit without an image: an error record saying so (stage
# submit), status 1, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'no image' | mj-submit --edit > out 2> err
is "$?" 1 "--edit without an image: status 1"
jq_ok out '.[0].error.stage == "submit" and (.[0].error.message | test("image"))' \
    "... an error record saying so"
# this case's own count: the simulator made nothing (this case and
# --retexture without a prompt were once counted together)
is "$(created)" 0 "... not sent"
sim_stop
done_testing
