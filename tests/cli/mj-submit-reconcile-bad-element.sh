#!/bin/bash
# mj-submit: a lost reply, and a task list that holds an element that is
# not a task (fault badlist), or that ends before its closing bracket
# (cutlist): the list proves nothing; it is asked for again, then the
# record says the task may exist and why; not sent again.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 10 --fault-first submit:lost:1 --fault poll:badlist:1
echo "bad element" | mj-submit --settle 0 --journal j > out.jsonl 2> err
is "$?" 1 "status 1"
jq_ok out.jsonl '.[0].error.retryable == false and
    (.[0].error.message | test("may exist.*an element is not a task"))' \
    "may exist: the task list has an element that is not a task"
ok "the task list asked for again" test "$(sim_stats | jq .task_list_requests)" -ge 2
is "$(sim_stats | jq .tasks_created)" 1 "not sent again"
sim_stop

sim_start --duration 0.2 --capacity 10 --fault-first submit:lost:1 --fault poll:cutlist:1
echo "cut list" | mj-submit --settle 0 --journal j2 > out.jsonl 2> err
is "$?" 1 "a list without its end: status 1"
jq_ok out.jsonl '.[0].error.retryable == false and
    (.[0].error.message | test("may exist.*task list is unreadable"))' \
    "... may exist: the task list is unreadable"
ok "... asked for again" test "$(sim_stats | jq .task_list_requests)" -ge 2
is "$(sim_stats | jq .tasks_created)" 1 "... not sent again"
done_testing
