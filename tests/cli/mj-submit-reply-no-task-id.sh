#!/bin/bash
# mj-submit: a success envelope without its task id (code 1, no result)
# may have made a task: never sent again.  Without a journal the record
# says the task may exist; with one, the server's task list finds it.
# Each case on its own simulator (its counts are its own).
. "$top_srcdir/tests/cli/lib.sh"

sim_start --duration 0.2 --capacity 10 --fault-first submit:notaskid:1
echo "no id here" | mj-submit > out.jsonl 2> err
is "$?" 1 "no task id, no journal: status 1"
jq_ok out.jsonl 'length == 1 and .[0].error.stage == "submit" and .[0].error.retryable == false' \
    "... an error record, not retryable"
jq_ok out.jsonl '.[0].error.message | test("the reply has no task id") and test("may exist")' \
    "... saying the reply had no task id and the task may exist"
ok "... and on stderr" grep -q "the reply has no task id" err
sim_stats > stats.json
is "$(jq '.submissions["no id here"]' stats.json)" 1 "... submitted once, not sent again"
is "$(jq .tasks_created stats.json)" 1 "... the one task the server made"
sim_stop

sim_start --duration 0.2 --capacity 10 --fault-first submit:notaskid:1
echo "no id, journaled" | mj-submit --settle 0 --journal j > out.jsonl 2> err
is "$?" 0 "no task id, a journal: status 0"
sim_stats > stats.json
one_task_each out.jsonl stats.json "... the task list gave the record its one task"
jq_ok out.jsonl '.[0].submit.reconciled == true and .[0].error == null' \
    "... found in the task list (submit.reconciled)"
ok "... the journal holds the task" grep -q "^T .* $(jq -r .task.id out.jsonl)\$" j
sim_stop
done_testing
