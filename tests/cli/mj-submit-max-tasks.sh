#!/bin/bash
# mj-submit --max-tasks: a budget guard.  Only that many tasks are
# submitted; the rest get a retryable error saying why, and the status is 1.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20
seq 1 5 | sed 's/^/budget /' | mj-submit -j 1 --max-tasks 3 > out 2> err
is "$?" 1 "--max-tasks: status 1 when records are left over"
jq_ok out 'map(select(.task.id)) | length == 3' "--max-tasks 3: three submitted"
jq_ok out 'map(select(.error)) | length == 2 and all(.error.retryable == true and (.error.message | test("max-tasks")))' \
    "... the rest get a retryable error saying why"
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("budget"))] | length')" 3 \
    "... and only three reached the server"
done_testing
