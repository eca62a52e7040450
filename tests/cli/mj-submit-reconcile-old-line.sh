#!/bin/bash
# mj-submit: a journal line of a request sent more than 7 days ago, not
# in the server's task list: too old to tell, "may exist", not sent
# again.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120

# a request answered 503 once sent, the task list unreadable: "may
# exist", its S line in the journal
sim_start --duration 0.2 --capacity 100 --fault submit:503:1 --fault poll:503:1
echo "old request" | mj-submit --settle 0 --journal j7 > /dev/null 2>&1
sim_post /_sim/faults '{"faults":[]}' >/dev/null
# ... sent, says the journal, in 2001
sed -i -E 's/^(S [0-9a-f]{64}) [0-9]+$/\1 1000000000/' j7
echo "old request" | mj-submit --settle 0 --journal j7 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*7 days"))' \
    "a request of long ago: not found, but too old to tell"
# this case's own count (when it shared a simulator with the line
# without the tag, the two were counted together)
is "$(sim_stats | jq .tasks_created)" 0 "... not sent again"
sim_stop
done_testing
