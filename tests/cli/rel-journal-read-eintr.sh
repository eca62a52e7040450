#!/bin/bash
# read(2) is interrupted (EINTR) and then returns a few bytes at a time
# while the journal is loaded: it is read again until its end, so the
# run resumes what an earlier run finished (nothing sent twice) and
# submits only the rest, status 0.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts eintr 4
head -2 prompts.txt > first.txt
mj-submit --journal run.journal first.txt > first.jsonl 2> first.err
is "$?" 0 "an earlier run: status 0"

faulty read:EINTR:1,read:short:2+ mj-submit -j 2 --journal run.journal \
    prompts.txt > out.jsonl 2> err
is "$?" 0 "read interrupted, then short, while loading: status 0"
ok "... the faults were made" grep -q 'read 1 on .*run.journal: EINTR' \
    faultsys.log
ok "... ... and the short reads" grep -q 'read 3 on .*run.journal: short' \
    faultsys.log
ok "... nothing on stderr" test ! -s err
jq_ok out.jsonl 'length == 4 and all(.task.id != null and (.error | not))' \
    "... every prompt has its task"
jq_ok out.jsonl '[.[] | select(.submit.resumed)] | length == 2' \
    "... the earlier run's two resumed"
ok "... every prompt submitted exactly once in all" once eintr 4
ok "... the journal whole" journal_whole run.journal
done_testing
