#!/bin/bash
# write(2) fails on an S line (the disk is full, nothing written): the
# request is not sent, its record a retryable error saying why (status
# 1), the other prompts go on; the journal holds no trace of it, and the
# same command without the fault sends it, each prompt once in all.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts wsent 4

# write 1 is the new journal's header, 2 the first prompt's S line
faulty write:ENOSPC:2 mj-submit -j 1 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 1 "the S line cannot be written: status 1"
ok "... the fault was made" grep -q 'write 2 on .*run.journal: ENOSPC' \
    faultsys.log
is "$(cat err)" "mj-submit: line 1: journal run.journal: run.journal: \
No space left on device; not submitted" "... one message naming the error"
jq_ok out.jsonl 'length == 4 and ([.[] | select(.error)] | length == 1) and
    (.[] | select(.prompt == "wsent 1") | .error.retryable == true and
    (.task | not))' "... the first prompt's record: not submitted, retryable"
is "$(sent 'wsent 1')" 0 "... that request not sent"
is "$(sent wsent)" 3 "... the three others were, once each"
key=$(jq -r 'select(.prompt == "wsent 1") | .error.key' out.jsonl)
is "$(grep -c "$key" run.journal)" 0 "... no line of it in the journal"
ok "... the journal whole" journal_whole run.journal
rerun wsent 4
done_testing
