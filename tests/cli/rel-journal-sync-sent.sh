#!/bin/bash
# fdatasync(2) fails after an S line was written whole: the request is
# not sent (its record a retryable error saying why, status 1), and an R
# line follows the S line, so that a rerun knows nothing was sent: on a
# server without a task list (CometAPI) it sends the request, instead of
# holding it as one that may have created a task.  Each prompt is
# submitted exactly once in all.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100 --no-task-list
prompts syncs 4

# the journal's first fdatasync is the first prompt's S line
faulty fdatasync:EIO:1 mj-submit -j 1 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 1 "the S line cannot be synced: status 1"
ok "... the fault was made" grep -q 'fdatasync 1 on .*run.journal: EIO' \
    faultsys.log
msg='journal run.journal: run.journal: Input/output error; not submitted'
is "$(cat err)" "mj-submit: line 1: $msg" "... one message naming the error"
jq_ok out.jsonl 'length == 4 and
    ([.[] | select(.error)] | length == 1) and
    (.[] | select(.prompt == "syncs 1") | (.error.message |
    endswith("Input/output error; not submitted")) and
    .error.retryable == true and (.task | not))' \
    "... the first prompt's record: not submitted, retryable"
is "$(sent 'syncs 1')" 0 "... that request not sent"
is "$(sent syncs)" 3 "... the three others were, once each"
key=$(jq -r 'select(.prompt == "syncs 1") | .error.key' out.jsonl)
is "$(grep -c "^[SR] $key" run.journal)" 2 \
    "... its S line kept whole, an R line after it"
ok "... the journal whole" journal_whole run.journal
rerun syncs 4
jq_ok rerun.jsonl '.[] | select(.prompt == "syncs 1") |
    .submit.resumed | not' "... the first prompt sent by the rerun"
done_testing
