#!/bin/bash
# mj-wait --seed: a seed the task carries (trueai-org servers; a string,
# or a number: its digits) is kept, as a string, and not asked for.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90

sim_start --duration 0.3 --jitter 0 --capacity 20
printf '%s\n' 'given sim:taskseed' 'given number sim:taskseed=int' 'asked' |
    mj-submit > sub.jsonl
run_prog mj-wait --seed -i 200ms < sub.jsonl > out 2> err
is "$?" 0 "seed in the task: status 0"
is "$(cat err)" "" "... no warning"
is "$(sim_stats | jq '.requests["GET /mj/task/image-seed"] // 0')" 1 \
    "... no image-seed request but for the task without one"
for id in $(jq -r .task.id out); do sim_api GET "/mj/task/$id/fetch"; echo; done > served
jq_ok served 'map(select(.prompt | test("given"))) | length == 2 and (map(.seed | type) | sort) == ["number", "string"]' \
    "the simulator served the seeds in the tasks, a string and a number"
jq -s -c 'map({key: .id, value: .seed}) | from_entries' served > seeds.json
jq -e -s --slurpfile s seeds.json 'length == 3 and all(.[] | select(.prompt | test("given"));
    .task.id as $id | .task.seed | type == "string" and . == ($s[0][$id] | tostring))' out >/dev/null
is "$?" 0 "... mj-wait kept them, as strings"
jq_ok out 'map(select(.prompt == "asked"))[0] | .task.seed == ((.task.id | tonumber) % 4294967291 | tostring)' \
    "... and the task without one got the endpoint's"
sim_stop
done_testing
