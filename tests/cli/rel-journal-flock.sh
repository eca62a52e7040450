#!/bin/bash
# flock(2) on the journal fails otherwise than "in use" (ENOLCK, as on
# some NFS mounts): the journal cannot be trusted to be this run's alone,
# so mj-submit says why (once, though closing it fails too) and stops
# with status 2, sending nothing and leaving the journal as it was; the same command without the fault
# finishes the work, each prompt submitted once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts lock 4
# a journal from an earlier run, which must come through untouched
head -2 prompts.txt > first.txt
mj-submit --journal run.journal first.txt > first.jsonl 2> first.err
is "$?" 0 "an earlier run: status 0"
cp run.journal before.journal

# the close that follows fails too: said nowhere, the lock's error is
faulty flock:ENOLCK:1,close:EIO:1 mj-submit -j 2 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 2 "flock fails with ENOLCK: status 2"
ok "... the fault was made" grep -q 'flock 1 on .*run.journal: ENOLCK' \
    faultsys.log
ok "... ... and the close's" grep -q 'close 1 on .*run.journal: EIO' \
    faultsys.log
is "$(cat err)" "mj-submit: run.journal: No locks available" \
    "... one message naming the journal and the error"
ok "... no record" test ! -s out.jsonl
is "$(sent lock)" 2 "... nothing sent beyond the earlier run's"
ok "... the journal as it was" cmp -s run.journal before.journal
rerun lock 4
done_testing
