#!/bin/bash
# mj-submit: the jobs of an expanded row that --max-tasks holds back say
# which they are (submit.expand, submit.prompt), so a rerun can tell.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-60}
sim_start --duration 0.2 --capacity 200 --queue 200

echo 'a {x, y, z} boat' | mj-submit --max-tasks 1 > held.jsonl 2>/dev/null
jq_ok held.jsonl 'sort_by(.submit.expand.index) | (.[0].task.id | length > 0) and
    (.[1:] | map(select(.error.retryable)) | map([.submit.expand.index, .submit.prompt])) == [[2, "a y boat"], [3, "a z boat"]]' \
    "--max-tasks 1: the jobs not sent say which they are (submit.expand, submit.prompt)"
sim_stop
done_testing
