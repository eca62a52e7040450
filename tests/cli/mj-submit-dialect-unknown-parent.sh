#!/bin/bash
# mj-submit --action on a task trueai-org's server does not know: HTTP
# 404 with code 3 (api.md 7b), an error record 'no such parent task',
# not retryable, sent once, nothing created.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# the simulator here says its dialect

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'a grid' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS"' "a finished grid"
# the same grid under an id the server never gave
jq -c '.task.id = "999999999"' grid.jsonl > ghost.jsonl
n=$(created)
mj-submit --action U1 < ghost.jsonl > out 2> err
is "$?" 1 "an action on an unknown parent: status 1"
jq_ok out '.[0].error | .code == 3 and .http == 404 and
    .retryable == false and (.message | startswith("no such parent task"))' \
    "... 'no such parent task', code 3, HTTP 404, not retryable"
is "$(req action)" 1 "... sent once"
is "$(created)" "$n" "... nothing created"
sim_stop
done_testing
