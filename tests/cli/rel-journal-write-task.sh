#!/bin/bash
# write(2) fails on a T line (the task id of a reply; the disk is full):
# the task is not lost, its record is written with it (status 0) and a
# warning names the task; the journal keeps the S line, so the same
# command again finds the task in the server's task list by its state
# tag and resumes it, sending nothing twice.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts wtask 3

# write 1 is the header, 2 the first S line, 3 its T line
faulty write:ENOSPC:3 mj-submit -j 1 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 0 "the T line cannot be written: status 0"
ok "... the fault was made" grep -q 'write 3 on .*run.journal: ENOSPC' \
    faultsys.log
task=$(jq -r 'select(.prompt == "wtask 1") | .task.id' out.jsonl)
is "$(cat err)" "mj-submit: warning: journal run.journal: run.journal: \
No space left on device (task $task)" "... a warning naming the task"
jq_ok out.jsonl 'length == 3 and all(.task.id != null and (.error | not))' \
    "... every prompt has its task"
ok "... every prompt submitted once" once wtask 3
ok "... no T line of it" test "$(grep -c " $task\$" run.journal)" = 0
ok "... the journal whole" journal_whole run.journal
rerun wtask 3
jq_ok rerun.jsonl "all(.submit.resumed) and (.[] | select(.prompt ==
    \"wtask 1\") | .task.id == \"$task\" and .submit.reconciled)" \
    "... the rerun resumes all three, the first found in the task list"
done_testing
