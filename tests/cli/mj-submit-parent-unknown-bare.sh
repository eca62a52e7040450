#!/bin/bash
# mj-submit --action answered HTTP 404 {"code": 3} without a word (the
# parent task unknown; fault noparent): an error record saying "no such
# parent task" and nothing more, code 3, HTTP 404, not retryable, sent
# once, nothing created.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
echo 'a grid' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS"' "a finished grid"
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"noparent","first":1}]}' > /dev/null
mj-submit --action U1 < grid.jsonl > out 2> err
is "$?" 1 "status 1"
jq_ok out '.[0].error | .code == 3 and .http == 404 and .retryable == false and
    .message == "no such parent task"' "... 'no such parent task', code 3, HTTP 404, not retryable"
sim_stats > stats.json
is "$(jq '.faults["submit:noparent"]' stats.json)" 1 "... sent once"
is "$(jq '.requests["POST /mj/submit/action"] // 0' stats.json)" 0 "... not again"
is "$(jq '[.actions[]] | add // 0' stats.json)" 0 "... nothing created"
done_testing
