#!/bin/bash
# mj-submit: journals the task list cannot settle: a request sent more
# than 7 days ago, and one sent without mjpipe's state tag (an older
# journal), both "may exist", neither sent again.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=240

sim_start --duration 0.2 --capacity 100 --fault submit:503:1 --fault poll:503:1
echo "old request" | mj-submit --settle 0 --journal j7 > /dev/null 2>&1
sim_post /_sim/faults '{"faults":[]}' >/dev/null
cp j7 j8
sed -i -E 's/^(S [0-9a-f]{64}) [0-9]+$/\1 1000000000/' j7
echo "old request" | mj-submit --settle 0 --journal j7 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*7 days"))' \
    "a request of long ago: not found, but too old to tell"
sed -i -E 's/^(S [0-9a-f]{64}) [0-9]+$/\1/' j8
echo "old request" | mj-submit --settle 0 --journal j8 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*without mjpipe.s state tag"))' \
    "a request sent without the tag (an older journal): may exist"
is "$(sim_stats | jq .tasks_created)" 0 "neither was sent again"
sim_stop
done_testing
