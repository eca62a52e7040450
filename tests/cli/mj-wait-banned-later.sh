#!/bin/bash
# A banned prompt on a trueai-org server (api.md 7b: code 24 is never
# sent): mj-submit takes the task like any other, and mj-wait writes the
# error record when the task FAILS, with the server's reason; the other
# prompts finish, each prompt is created once, nothing is sent again.
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1	# trueai's answers, asserted
sim_start --dialect trueai --duration 0.3 --jitter 0 --capacity 20
printf '%s\n' 'a forbidden thing' 'a fine thing' | mj-submit > sub 2> err
is "$?" 0 "mj-submit: status 0 (the server took both)"
jq_ok sub 'length == 2 and all(.task.id != null and .error == null)' \
    "... two tasks, no error record yet"
mj-wait -i 100ms < sub > out 2> err
is "$?" 1 "mj-wait: status 1 (a task failed)"
jq_ok out 'length == 2' "... no record lost"
jq_ok out 'map(select(.prompt == "a forbidden thing"))[0] |
    .task.status == "FAILURE" and .error.stage == "wait" and
    .error.retryable == false and
    (.error.message | test("forbidden")) and
    .error.message == .task.failReason' \
    "... the banned one: an error record, stage wait, the server's reason"
jq_ok out 'map(select(.prompt == "a fine thing"))[0] |
    .task.status == "SUCCESS" and (has("error") | not)' \
    "... the other one finished"
is "$(sim_stats | jq -c '[.submissions["a forbidden thing"],
    .submissions["a fine thing"], .requests["POST /mj/submit/imagine"]]')" \
    "[1,1,2]" "each prompt created once, sent once"
done_testing
