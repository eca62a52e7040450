#!/bin/bash
# mj-submit --upload --journal: the link's U line cannot be written (the
# disk full, faultsys.so): one warning, the prompts submitted all the
# same, status 0; the same command uploads again (the link was not kept;
# an upload costs nothing) and submits nothing twice.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
{ printf '\211PNG\r\n\032\n'; head -c 3000 /dev/urandom; } > ref.png
prompts ujournal 2

# write 1 is the new journal's header, 2 the upload's U line
faulty write:ENOSPC:2 mj-submit --upload --image ref.png \
    --journal run.journal prompts.txt > out.jsonl 2> err
is "$?" 0 "the U line not written: status 0"
ok "... the fault was made" grep -q 'write 2 on .*run.journal: ENOSPC' \
    faultsys.log
is "$(cat err)" "mj-submit: warning: journal: run.journal: No space left \
on device" "... one warning"
jq_ok out.jsonl 'length == 2 and all(.task.id)' "... every prompt its task"
is "$(grep -c '^U ' run.journal)" 0 "... no link journaled"

mj-submit --upload --image ref.png --journal run.journal prompts.txt \
    > again.jsonl 2> again.err
is "$?" 0 "the same command: status 0"
jq_ok again.jsonl 'length == 2 and all(.submit.resumed)' \
    "... every prompt's task taken from the journal"
is "$(sim_stats | jq '.uploads')" 2 "... the image uploaded again"
is "$(sim_stats | jq '.tasks_created')" 2 "... no prompt submitted twice"
done_testing
