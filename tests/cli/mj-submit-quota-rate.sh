#!/bin/bash
# mj-submit: with --rate, what waits for its turn when the quota is spent
# is not sent either.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

prompts() { seq 1 "$1" | sed "s/^/$2 /"; }
imagines() { sim_stats | jq '.requests["POST /mj/submit/imagine"] // 0'; }

sim_start --duration 0.2 --jitter 0 --capacity 20 --quota 1
prompts 8 r | mj-submit -j 4 --rate 2 > out 2> err
is "$?" 1 "--rate 2 and a quota of one more task: status 1"
is "$(imagines)" 2 "... two requests: the task, and the one refused; those queued behind the rate are held back"
jq_ok out 'length == 8 and (map(select(.task.id)) | length == 1) and (map(select(.error.retryable)) | length == 7)' \
    "... one task, seven retryable records"
sim_stop
done_testing
