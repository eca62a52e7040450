#!/bin/bash
# mj-submit: a prompt the API refuses (code 24, banned; code 4, invalid) is
# an error record with the API's words, never retried; the other records
# still go through and the status is 1.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "code 24 for a banned word (trueai takes it, then the task" \
    "fails: mj-wait-banned-later.sh)"
sim_start --duration 0.2 --capacity 20
printf '%s\n' '{"prompt":"a forbidden thing"}' '{"prompt":"bad ref","base64Array":["http://x/y.png"]}' \
    '{"prompt":"fine"}' | mj-submit > out 2> err
is "$?" 1 "a refused prompt makes the status 1"
jq_ok out 'map(select(.prompt == "a forbidden thing"))[0].error | .code == 24 and .retryable == false and .stage == "submit" and (.message | length > 0)' \
    "code 24: an error record with the description"
jq_ok out 'map(select(.prompt == "bad ref"))[0].error | .code == 4 and .retryable == false' \
    "code 4: an error record"
jq_ok out 'map(select(.prompt == "fine"))[0].task.id != null' "the other records still go through"
is "$(sim_stats | jq '.requests["POST /mj/submit/imagine"]')" 3 "refused prompts are not retried"
ok "stderr names the line" grep -q '^mj-submit: line 1: ' err
done_testing
