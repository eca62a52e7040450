#!/bin/bash
# mj-wait --timeout: a task still running then is a retryable error, and
# the status is 1.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
echo 'long one sim:dur=30' | mj-submit > sub.jsonl 2>/dev/null
mj-wait -i 200ms --timeout 1s --events ev.jsonl < sub.jsonl > out 2>/dev/null
is "$?" 1 "--timeout: status 1"
jq_ok out '.[0].error | .stage == "wait" and .retryable == true and (.message | test("timed out"))' \
    "--timeout: a retryable error"
done_testing
