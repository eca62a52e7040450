#!/bin/bash
# mj-submit: a journal line written without mjpipe's state tag (an older
# journal): the task list cannot tell its task, "may exist", not sent
# again.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120

# a request answered 503 once sent, the task list unreadable: "may
# exist", its S line in the journal
sim_start --duration 0.2 --capacity 100 --fault submit:503:1 --fault poll:503:1
echo "old request" | mj-submit --settle 0 --journal j8 > /dev/null 2>&1
sim_post /_sim/faults '{"faults":[]}' >/dev/null
# ... its S line as an older mjpipe wrote it: no time, no tag
sed -i -E 's/^(S [0-9a-f]{64}) [0-9]+$/\1/' j8
echo "old request" | mj-submit --settle 0 --journal j8 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*without mjpipe.s state tag"))' \
    "a request sent without the tag (an older journal): may exist"
# this case's own count (when it shared a simulator with the line too
# old, the two were counted together)
is "$(sim_stats | jq .tasks_created)" 0 "... not sent again"
sim_stop
done_testing
