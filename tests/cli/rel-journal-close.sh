#!/bin/bash
# close(2) fails on the journal at the end of a run (EIO: an NFS server
# or a disk reporting a failed write late): every record is out with
# its task, but what was written may not be on disk, so mj-submit says
# so and the status is 1; the same command again resumes every prompt
# from the journal, sending nothing twice.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts closes 3

faulty close:EIO:1 mj-submit -j 2 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 1 "the journal cannot be closed: status 1"
ok "... the fault was made" grep -q 'close 1 on .*run.journal: EIO' \
    faultsys.log
is "$(cat err)" "mj-submit: run.journal: Input/output error" \
    "... one message naming the journal and the error"
jq_ok out.jsonl 'length == 3 and all(.task.id != null and (.error | not))' \
    "... every prompt has its task"
ok "... every prompt submitted once" once closes 3
rerun closes 3
jq_ok rerun.jsonl 'all(.submit.resumed)' "... the rerun resumes all three"
done_testing
