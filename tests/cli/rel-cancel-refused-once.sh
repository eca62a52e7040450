#!/bin/bash
# mj-wait --stall on a server that refuses to cancel (trueai, not an
# admin key: 400): a task that stalls after the refusal is not asked
# for; one cancel request in the run, each stalled task given up,
# retryable, not cancelled.
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1
sim_start --dialect trueai --cancel denied --stuck stuck --capacity 10 \
    --duration 0.3 --jitter 0
printf '%s\n' "stuck early" "stuck late" | mj-submit > tasks

# the second task comes two seconds after the first: it stalls after the
# refusal
{ head -1 tasks; sleep 2; tail -1 tasks; } |
    run_prog mj-wait -i 200ms --stall 1s > out 2> err
is "$?" 1 "two tasks stalled: status 1"
is "$(sim_stats | jq '.requests["POST /mj/task/cancel"] // 0')" 1 \
    "... one cancel request: the later one not asked for"
is "$(grep -c 'warning: the server cannot cancel tasks (HTTP 400' err)" 1 \
    "... one warning"
jq_ok out 'length == 2 and all(.error.stage == "wait" and
    .error.retryable == true and .error.cancelled == false)' \
    "... each given up, retryable, not cancelled"
done_testing
