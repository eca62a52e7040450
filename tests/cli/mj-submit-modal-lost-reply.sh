#!/bin/bash
# mj-submit --action --modal-prompt when the action's reply is lost: the
# task list shows its task in MODAL, and the modal follows; one action,
# one modal.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
modals() { sim_stats | jq '.requests["POST /mj/submit/modal"] // 0'; }
actions() { sim_stats | jq '.requests["POST /mj/submit/action"] // 0'; }

printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
mj-submit --action U1 < grid.jsonl | mj-wait -i 200ms > up.jsonl 2> err
jq_ok up.jsonl '.[0].task.action == "UPSCALE" and .[0].task.status == "SUCCESS"' "an upscaled task to act on"
upid=$(jq -r .task.id up.jsonl)

# the action's reply lost: the task list shows its task in MODAL
a0=$(actions); m0=$(modals)
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"lost","first":1}]}' > /dev/null
mj-submit --journal l.journal --action 'Custom Zoom' --modal-prompt 'a paper boat --zoom 4' \
    < up.jsonl > l.jsonl 2> err
is "$?" 0 "the action's reply lost: the run succeeds"
sim_post /_sim/faults '{"faults":[]}' > /dev/null
jq_ok l.jsonl '.[0].submit.endpoint == "/mj/submit/modal" and .[0].submit.code == 1 and .[0].parent.button == "Custom Zoom"' \
    "... its task found in the task list, waiting in MODAL: the modal followed"
is "$(( $(actions) - a0 )):$(( $(modals) - m0 ))" 1:1 "... one action, one modal"
done_testing
