#!/bin/bash
# mj-submit against trueai-org's {"success":false,"code":-1} concurrency
# limit, 并发数已达上限 (api.md 7b): backed off and sent again, each
# prompt created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# the simulator here says its dialect

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 \
    --limit-refusal '并发数已达上限' --limit-refusal-count 3
printf 'shorten %s\n' a b | mj-submit --shorten -j 1 > out 2> err
is "$?" 0 "success:false 并发数已达上限 is backed off: status 0"
jq_ok out 'length == 2 and all(.task.id != null and .error == null)' \
    "... both submitted"
is "$(sim_stats | jq -c '[.limit_refusals, .tasks_created]')" "[3,2]" \
    "... three refusals, each prompt created once"
is "$(req shorten)" 5 "... the refused requests were sent again"
sim_stop
done_testing
