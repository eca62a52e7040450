#!/bin/bash
# mj-submit: a request whose reply is always lost (503) while the task
# list shows it made nothing is sent again, but not forever: after five
# resends the record is a retryable error saying so, nothing was created,
# and the same command once the server answers submits it once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 10 --fault submit:503:1
echo "never answered" | mj-submit --settle 0 --journal j > out.jsonl 2> err
is "$?" 1 "status 1"
jq_ok out.jsonl 'length == 1 and .[0].error.retryable == true and .[0].task == null and
    (.[0].error.message | test("sent 6 times, and the server.s task list shows that none created a task"))' \
    "a retryable error record: sent 6 times, none created a task"
ok "... said on stderr" grep -q "sent 6 times" err
sim_stats > stats.json
is "$(jq '.faults["submit:503"]' stats.json)" 6 "sent 6 times in all"
is "$(jq .tasks_created stats.json)" 0 "nothing created"
is "$(grep -c '^R ' j)" 6 "the journal says each made nothing"

sim_post /_sim/faults '{"faults":[]}' > /dev/null
echo "never answered" | mj-submit --settle 0 --journal j > out2.jsonl 2> err
is "$?" 0 "the same command once the server answers: status 0"
sim_stats > stats.json
one_task_each out2.jsonl stats.json "... its one task"
done_testing
