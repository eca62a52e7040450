#!/bin/bash
# read(2) fails with EIO while the journal is loaded: what the journal
# says is unknown, so mj-submit says why and stops with status 2, sending
# nothing (not even what an earlier run finished) and changing nothing;
# the same command without the fault finishes the work, each prompt
# submitted once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts readerr 4
head -2 prompts.txt > first.txt
mj-submit --journal run.journal first.txt > first.jsonl 2> first.err
is "$?" 0 "an earlier run: status 0"
cp run.journal before.journal

faulty read:EIO:1 mj-submit -j 2 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 2 "read fails with EIO while loading: status 2"
ok "... the fault was made" grep -q 'read 1 on .*run.journal: EIO' \
    faultsys.log
is "$(cat err)" "mj-submit: run.journal: Input/output error" \
    "... one message naming the journal and the error"
ok "... no record" test ! -s out.jsonl
is "$(sent readerr)" 2 "... nothing sent beyond the earlier run's"
ok "... the journal as it was" cmp -s run.journal before.journal
rerun readerr 4
done_testing
