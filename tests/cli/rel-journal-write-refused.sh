#!/bin/bash
# write(2) fails on an R line (the task list showed that a request whose
# reply was lost made nothing; the disk is full): the request is not sent
# again without its journal line, the record is a retryable error naming
# the journal, status 1; the same command then sends it, once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100 --fault-first submit:503:1
prompts wrefused 1

# write 1 is the header, 2 the S line, 3 the R line after the 503
faulty write:ENOSPC:3 mj-submit --settle 0 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 1 "the R line cannot be written: status 1"
ok "... the fault was made" grep -q 'write 3 on .*run.journal: ENOSPC' \
    faultsys.log
jq_ok out.jsonl 'length == 1 and .[0].task == null and .[0].error.retryable == true and
    (.[0].error.message | test("^journal run.journal: .*No space left on device; not submitted$"))' \
    "... a retryable error record naming the journal"
is "$(sim_stats | jq '.faults["submit:503"]')" 1 "... not sent again"
is "$(sim_stats | jq .tasks_created)" 0 "... nothing created"
ok "... no R line" test "$(grep -c '^R ' run.journal)" = 0
ok "... the journal whole" journal_whole run.journal
rerun wrefused 1
done_testing
