#!/bin/bash
# mj-submit: an envelope with a code api.md does not call a refusal (a
# gateway's code 5, "unknown error") may have made a task: never sent
# again.  Without a journal the record says so with the server's words
# and code; with one, the server's task list finds the task.
. "$top_srcdir/tests/cli/lib.sh"

sim_start --duration 0.2 --capacity 10 --fault-first submit:oddcode:1
printf 'odd code\nfine\n' | mj-submit -j 1 > out.jsonl 2> err
is "$?" 1 "code 5, no journal: status 1"
jq_ok out.jsonl 'map(select(.prompt == "odd code"))[0].error |
    .retryable == false and .code == 5 and (.message | test("^unknown error \\(code 5\\)")) and
    (.message | test("may exist"))' \
    "... an error record with the server's words and code, the task may exist"
jq_ok out.jsonl 'map(select(.prompt == "fine"))[0].task.id != null' "... the next prompt goes on"
ok "... said on stderr" grep -q "unknown error (code 5)" err
sim_stats > stats.json
is "$(jq '.submissions["odd code"]' stats.json)" 1 "... submitted once, not sent again"
is "$(jq .tasks_created stats.json)" 2 "... one task each"
sim_stop

sim_start --duration 0.2 --capacity 10 --fault-first submit:oddcode:1
echo "odd, journaled" | mj-submit --settle 0 --journal j > out.jsonl 2> err
is "$?" 0 "code 5, a journal: status 0"
sim_stats > stats.json
one_task_each out.jsonl stats.json "... the task list gave the record its one task"
jq_ok out.jsonl '.[0].submit.reconciled == true' "... found in the task list (submit.reconciled)"
sim_stop
done_testing
