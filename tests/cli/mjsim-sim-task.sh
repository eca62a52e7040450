#!/bin/bash
# The simulator's GET /_sim/task/ID: the task with the request as received.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --duration 0.2 --jitter 0 --lang en
f=$(sim_api POST /mj/submit/imagine '{"prompt":"x sim:fail"}' | jq -r .result)
is "$(sim_get /_sim/task/$f | jq -r .request.prompt)" "x sim:fail" "/_sim/task keeps the request"
done_testing
