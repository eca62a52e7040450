#!/bin/bash
# mj-wait and SIGTERM: every held task is written with a retryable error,
# and the status is 143.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
printf '%s\n' 'held a sim:dur=30' 'held b sim:dur=30' | mj-submit > sub.jsonl 2>/dev/null
polls=$(sim_stats | jq .poll_requests)
mj-wait -i 200ms < sub.jsonl > out 2>/dev/null &
wpid=$!
# once it polls, it holds the tasks (and has its signal handlers)
wait_until 30 sh -c "curl -s $SIM_URL/_sim/stats | jq -e '.poll_requests > $polls'"
kill -TERM "$wpid"
wait "$wpid"
is "$?" 143 "SIGTERM: status 143"
jq_ok out 'length == 2 and all(.error | .stage == "wait" and .message == "interrupted" and .retryable == true)' \
    "SIGTERM: each held task written with a retryable error"
done_testing
