#!/bin/bash
# mj-submit --retry-unsafe on a rerun: a request an earlier run sent and
# got no reply for, whose task the task list cannot tell (a --state of
# its own), is not sent again by the same command; with --retry-unsafe,
# the user's explicit choice, it is sent once more.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 10 --fault-first submit:lost:1
echo "lost once" | mj-submit --settle 0 --state mine --journal j > out1.jsonl 2> err
is "$?" 1 "the reply lost: status 1"
jq_ok out1.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist"))' \
    "... the task may exist"

echo "lost once" | mj-submit --settle 0 --state mine --journal j > out2.jsonl 2> err
is "$?" 1 "the same command: status 1"
jq_ok out2.jsonl '.[0].error.retryable == false and
    (.[0].error.message | test("an earlier run sent this request and got no reply"))' \
    "... the earlier run's request may have made a task"
is "$(sim_stats | jq '.submissions["lost once"]')" 1 "... not sent again"

echo "lost once" | mj-submit --settle 0 --state mine --journal j --retry-unsafe > out3.jsonl 2> err
is "$?" 0 "--retry-unsafe: status 0"
jq_ok out3.jsonl '.[0].task.id != null and .[0].error == null' "... sent again: a task"
sim_stats > stats.json
is "$(jq '.submissions["lost once"]' stats.json)" 2 "... the second submission of it"
is "$(jq .tasks_created stats.json)" 2 "... two tasks: the one the lost reply made, and this"
ok "... the journal holds the new task" grep -q "^T .* $(jq -r .task.id out3.jsonl)\$" j
done_testing
