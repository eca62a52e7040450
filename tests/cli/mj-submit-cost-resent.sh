#!/bin/bash
# mj-submit --max-cost: a request sent again because the task list showed
# that the first made nothing (503) is not counted twice: a budget of
# exactly one job still submits it.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20 --fault-first submit:503:1
echo "imagine * 0.05" > prices.txt
echo "one job" | mj-submit --prices prices.txt --max-cost 0.05 --settle 0 \
    --journal j --plan plan.json > out.jsonl 2> err
is "$?" 0 "a 503, then sent again within a budget of one job: status 0"
sim_stats > stats.json
one_task_each out.jsonl stats.json "... its one task"
is "$(jq '.faults["submit:503"]' stats.json)" 1 "... the first refused (503), nothing made"
jq_ok plan.json '.[0] | .jobs == 1 and .jobsHeld == 0 and .total == 0.05' "... counted once in the plan"
done_testing
