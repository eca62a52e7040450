#!/bin/bash
# mj-submit against trueai-org's queue full on imagine, code 9 (api.md
# 7b): backed off and sent again (nothing was created), each prompt
# created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# the simulator here says its dialect

# capacity 1, queue 1: one runs, one queues (22), the rest get code 9
sim_start --dialect trueai --duration 0.3 --jitter 0 --capacity 1 --queue 1
seq 1 6 | sed 's/^/nine /' | mj-submit -j 6 > out 2> err
is "$?" 0 "code 9 (queue full) is backed off and sent again: status 0"
jq_ok out 'length == 6 and all(.task.id != null and .error == null)' \
    "... six tasks, no error"
is "$(sim_stats | jq '[.submissions[]] | (length == 6 and all(. == 1))')" \
    true "... each prompt created exactly once"
ok "... the refusals were sent again" test "$(req imagine)" -gt 6
sim_stop
done_testing
