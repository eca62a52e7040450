#!/bin/bash
# mj-wait: FAILURE and CANCEL get an error with the failReason (status 1),
# SUCCESS none; MODAL ends the wait without an error.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
printf '%s\n' 'oops sim:fail' 'stop sim:cancel' 'fine' | mj-submit > sub.jsonl 2>/dev/null
mj-wait -i 200ms < sub.jsonl > out 2> err
is "$?" 1 "a failed task makes the status 1"
jq_ok out 'map(select(.prompt == "oops sim:fail"))[0] | .task.status == "FAILURE" and .error.stage == "wait" and .error.retryable == false and .error.message == .task.failReason' \
    "FAILURE: error message is the failReason"
jq_ok out 'map(select(.prompt == "stop sim:cancel"))[0] | .task.status == "CANCEL" and .error.stage == "wait"' \
    "CANCEL: an error too"
jq_ok out 'map(select(.prompt == "fine"))[0] | .task.status == "SUCCESS" and (has("error") | not)' "SUCCESS: no error"
mj-wait -i 200ms < <(jq -c 'select(.prompt == "fine")' out) > grid 2>/dev/null
mj-submit --action 'U1' < grid | mj-wait -i 200ms | mj-submit --action 'Custom Zoom' 2>/dev/null |
    mj-wait -i 200ms > out 2>/dev/null
jq_ok out '.[0] | .task.status == "MODAL" and (has("error") | not)' "MODAL ends the wait, without an error"
done_testing
