#!/bin/bash
# write(2) fails on the line that marks an action's task as waiting in
# its modal (the disk is full): a warning naming the task, and the run
# goes on: the modal is completed, one action and one modal, status 0.
# The same command again sends nothing (nothing paid twice).
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
modals() { sim_stats | jq '.requests["POST /mj/submit/modal"] // 0'; }
actions() { sim_stats | jq '.requests["POST /mj/submit/action"] // 0'; }
echo "a paper boat" | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
mj-submit --action U1 < grid.jsonl | mj-wait -i 200ms > up.jsonl 2> err
jq_ok up.jsonl '.[0].task.status == "SUCCESS"' "an upscaled task to act on"

# write 1 is the header, 2 the action's S line, 3 the modal marker
a0=$(actions); m0=$(modals)
faulty write:ENOSPC:3 mj-submit --journal run.journal --action 'Custom Zoom' \
    --modal-prompt 'a paper boat --zoom 2' < up.jsonl > cz.jsonl 2> err
is "$?" 0 "the modal marker cannot be written: status 0"
ok "... the fault was made" grep -q 'write 3 on .*run.journal: ENOSPC' faultsys.log
ok "... a warning naming the task" \
    grep -q "^mj-submit: warning: journal: .*No space left on device (task [0-9]*)\$" err
jq_ok cz.jsonl 'length == 1 and .[0].submit.endpoint == "/mj/submit/modal" and .[0].task.id != null' \
    "... the modal completed"
is "$(( $(actions) - a0 )):$(( $(modals) - m0 ))" 1:1 "... one action, one modal"
ok "... the journal whole" journal_whole run.journal

mj-submit --journal run.journal --action 'Custom Zoom' \
    --modal-prompt 'a paper boat --zoom 2' < up.jsonl > cz2.jsonl 2> err
is "$?" 0 "the same command without the fault: status 0"
tid=$(jq -r .task.id cz.jsonl)
jq_ok cz2.jsonl "length == 1 and .[0].submit.resumed and .[0].task.id == \"$tid\"" \
    "... the same task resumed from the journal"
is "$(( $(actions) - a0 )):$(( $(modals) - m0 ))" 1:1 "... nothing sent again"
done_testing
