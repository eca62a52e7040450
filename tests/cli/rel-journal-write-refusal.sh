#!/bin/bash
# write(2) fails on the R line of a refusal (queue full, nothing created;
# the disk is full): a warning naming the journal, and the run goes on:
# the refused request is sent again later, every prompt has its task,
# each submitted once, status 0.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.5 --jitter 0 --capacity 1 --queue 0
prompts wrefusal 2

# write 1 is the header, 2 and 3 the first S and T lines, 4 the second S
# line, 5 its R line: the first task still runs, the queue is full
faulty write:ENOSPC:5 mj-submit -j 1 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 0 "the R line of a refusal cannot be written: status 0"
ok "... the fault was made" grep -q 'write 5 on .*run.journal: ENOSPC' \
    faultsys.log
is "$(head -1 err)" "mj-submit: warning: journal run.journal: run.journal: \
No space left on device" "... a warning naming the journal"
jq_ok out.jsonl 'length == 2 and all(.task.id != null and (.error | not))' \
    "... every prompt has its task"
ok "... the refused one sent again" test "$(sim_stats | jq '.requests["POST /mj/submit/imagine"]')" -gt 2
ok "... every prompt submitted once" once wrefusal 2
ok "... the journal whole" journal_whole run.journal
rerun wrefusal 2
done_testing
