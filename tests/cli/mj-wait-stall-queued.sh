#!/bin/bash
# mj-wait --stall and a task waiting in the server's own queue: NOT_START
# for twice the --stall time is waiting its turn, not stalled; it is not
# given up, and finishes once the task before it has.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120

# one task at a time, 4 s each: the second is NOT_START for 4 s
sim_start --capacity 1 --queue 10 --duration 4 --jitter 0
printf '%s\n' 'first in line' 'second in line' | mj-submit > tasks
jq_ok tasks 'length == 2 and all(.task.id != null)' "two tasks submitted"
id2=$(jq -r -s '.[1].task.id' tasks)
is "$(sim_api GET "/mj/task/$id2/fetch" | jq -r .status)" NOT_START \
    "the second waits in the server's queue"
run_prog mj-wait -i 200ms --stall 2s < tasks > out 2> err
is "$?" 0 "--stall 2s: status 0"
jq_ok out 'length == 2 and all(.task.status == "SUCCESS" and (has("error") | not))' \
    "both finished, neither given up"
is "$(sim_stats | jq '.requests["POST /mj/task/cancel"] // 0')" 0 "no cancel asked for"
done_testing
