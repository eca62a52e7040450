#!/bin/bash
# mj-submit against trueai-org's {"success":false,"code":-1} queue limit,
# 队列数已达上限 (api.md 7b): backed off and sent again, created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# the simulator here says its dialect

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 \
    --limit-refusal '队列数已达上限' --limit-refusal-count 2
echo 'shorten c' | mj-submit --shorten > out 2> err
is "$?" 0 "success:false 队列数已达上限 (queue limit) is backed off too"
jq_ok out '.[0].task.id != null' "... and submitted"
# this case's own count (when the four limit cases shared one
# simulator, the tasks were counted over all of them)
is "$(created)" 1 "... once"
sim_stop
done_testing
