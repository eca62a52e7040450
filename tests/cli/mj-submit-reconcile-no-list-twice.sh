#!/bin/bash
# mj-submit: two replies lost a second apart on a server without a task
# list: the first learns that there is none (404); the second does not
# ask again.  Each record says its task may exist, and that there is no
# task list; nothing is sent again.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 10 --no-task-list --fault-first submit:lost:2
{ echo "lost 1"; sleep 1; echo "lost 2"; } |
    mj-submit -j 1 --settle 0 --journal j > out.jsonl 2> err
is "$?" 1 "status 1"
jq_ok out.jsonl 'length == 2 and all(.error.retryable == false and
    (.error.message | test("may exist.*no task list to check .GET /mj/task/list: HTTP 404")))' \
    "each: may exist, no task list to check"
sim_stats > stats.json
is "$(jq '.requests["GET /mj/task/list"]' stats.json)" 1 "the task list asked for once"
is "$(jq .tasks_created stats.json)" 2 "nothing sent again"
sim_stop

# a server that answers the task list 405 (method not allowed)
sim_start --duration 0.2 --capacity 10 --no-task-list 405 --fault-first submit:lost:1
echo "lost 405" | mj-submit --settle 0 --journal j2 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and
    (.[0].error.message | test("may exist.*no task list to check .GET /mj/task/list: HTTP 405"))' \
    "405: may exist, no task list to check"
done_testing
