#!/bin/bash
# fdatasync(2) fails after a T line (a task id) was written whole: the
# task is not lost, its record is written with the task (status 0) and a
# warning names the task; the line stays, so the same command again
# resumes every prompt, sending nothing.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts synct 3

# fdatasync 1 is the first S line, 2 its T line
faulty fdatasync:EIO:2 mj-submit -j 1 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 0 "the T line cannot be synced: status 0"
ok "... the fault was made" grep -q 'fdatasync 2 on .*run.journal: EIO' \
    faultsys.log
task=$(jq -r 'select(.prompt == "synct 1") | .task.id' out.jsonl)
is "$(cat err)" "mj-submit: warning: journal run.journal: run.journal: \
Input/output error (task $task)" "... a warning naming the task"
jq_ok out.jsonl 'length == 3 and all(.task.id != null and (.error | not))' \
    "... every prompt has its task"
ok "... every prompt submitted once" once synct 3
ok "... the T line kept" grep -q "^T [0-9a-f]* $task\$" run.journal
rerun synct 3
jq_ok rerun.jsonl 'all(.submit.resumed)' "... the rerun resumes all three"
done_testing
