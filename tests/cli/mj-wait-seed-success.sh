#!/bin/bash
# mj-wait --seed: each task that ends in SUCCESS gets task.seed, a string,
# from GET /mj/task/{id}/image-seed; failed tasks are not asked about; a
# task without a seed gives one warning and a record without a seed.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90

sim_start --duration 0.3 --jitter 0 --capacity 20
printf '%s\n' 'one' 'two' 'three sim:noseed' 'four sim:noseed' 'five sim:fail' |
    mj-submit > sub.jsonl
run_prog mj-wait --seed -i 200ms < sub.jsonl > out 2> err
is "$?" 1 "status 1: one task failed"
jq_ok out 'length == 5' "five records"
jq_ok out 'map(select(.prompt == "one" or .prompt == "two")) | length == 2 and all(.task.seed == ((.task.id | tonumber) % 4294967291 | tostring))' \
    "SUCCESS: task.seed, the server's seed as a string"
jq_ok out 'map(select(.prompt | test("noseed"))) | length == 2 and all(.task.status == "SUCCESS" and (.task | has("seed") | not) and (has("error") | not))' \
    "a task without a seed: its record without one, no error"
jq_ok out 'map(select(.prompt | test("fail")))[0] | .task.status == "FAILURE" and (.task | has("seed") | not)' \
    "a failed task: no seed"
is "$(grep -c 'no seed' err)" 1 "one warning for the tasks without a seed"
is "$(sim_stats | jq '.requests["GET /mj/task/image-seed"]')" 4 "one seed request per SUCCESS task, none for the failed one"
sim_stop
done_testing
