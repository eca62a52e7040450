#!/bin/bash
# A journal whose header was torn (a kill while a new journal was being
# started) is cut to nothing and started again; when ftruncate(2) fails
# there, mj-submit says why and stops with status 2, sending nothing;
# the same command without the fault starts the journal and submits
# every prompt once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts cuthdr 3
printf '# mjpipe jour' > run.journal
cp run.journal before.journal

faulty ftruncate:EIO:1 mj-submit -j 2 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 2 "the torn header cannot be cut: status 2"
ok "... the fault was made" grep -q 'ftruncate 1 on .*run.journal: EIO' \
    faultsys.log
is "$(cat err)" "mj-submit: run.journal: Input/output error" \
    "... one message naming the journal and the error"
ok "... no record" test ! -s out.jsonl
is "$(sent cuthdr)" 0 "... nothing sent"
ok "... the journal as it was" cmp -s run.journal before.journal
rerun cuthdr 3
done_testing
