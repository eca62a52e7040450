#!/bin/bash
# mj-submit: every lost reply the server's task list cannot settle still
# says "may exist", and is not sent again: no journal, a state of its own,
# a server without a task list (the record keeping the lost reply's HTTP
# status), an unreadable task list.  Each case on its own simulator.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=240

sim_start --duration 0.2 --capacity 100 --fault-first submit:lost:1
echo "no journal" | mj-submit --settle 0 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and
    (.[0].error.message | test("may exist \\(no --journal: nothing tagged the request"))' \
    "no journal: may exist, and why"
is "$(sim_stats | jq .task_list_requests)" 0 "no journal: the task list is not read"
sim_stop

sim_start --duration 0.2 --capacity 100 --fault-first submit:lost:1
echo "own state" | mj-submit --settle 0 --state mine --journal j3 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and
    (.[0].error.message | test("may exist \\(sent without mjpipe.s state tag: a state of its own"))' \
    "a state of its own: may exist, and why (its task cannot be told from others)"
ok "a state of its own: sent as given" test "$(sim_stats | jq '[.submissions[]] | add')" = 1
sim_stop

sim_start --duration 0.2 --capacity 100 --no-task-list --fault-first submit:lost:1
echo "no list" | mj-submit --settle 0 --journal j4 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*no task list"))' \
    "a server without a task list: may exist, and why"
ok "a server without a task list: one task, not sent again" test "$(sim_stats | jq '.tasks_created')" = 1
sim_stop

sim_start --duration 0.2 --capacity 100 --no-task-list --fault-first submit:502:1
echo "no list 502" | mj-submit --settle 0 --journal j4 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.http == 502 and (.[0].error.message | test("may exist"))' \
    "... and the record keeps the HTTP status of the reply that was lost"
sim_stop

sim_start --duration 0.2 --capacity 100 --fault-first submit:lost:1 --fault poll:invalid:1
echo "bad list" | mj-submit --settle 0 --journal j5 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*unreadable"))' \
    "an unreadable task list: may exist, and why"
ok "an unreadable task list is asked for again" test "$(sim_stats | jq .task_list_requests)" -ge 2
is "$(sim_stats | jq .tasks_created)" 1 "an unreadable task list: not sent again"
sim_stop
done_testing
