#!/bin/bash
# mj-submit and the modal flow: Custom Zoom answers 21 with a task in
# MODAL, mj-wait stops there, --modal-prompt completes it through
# /mj/submit/modal, and the task then runs to SUCCESS.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS" and (.[0].task.buttons | length) >= 9' "a finished grid to act on"
mj-submit --action U1 < grid.jsonl 2>/dev/null | mj-wait -i 200ms > up.jsonl 2>/dev/null
jq_ok up.jsonl '.[0].task.action == "UPSCALE" and .[0].task.status == "SUCCESS"' "an upscaled task"
mj-submit --action 'Custom Zoom' < up.jsonl > cz.jsonl 2> err
jq_ok cz.jsonl '.[0].submit.code == 21 and .[0].task.status == "MODAL"' "Custom Zoom answers 21: a task in MODAL"
mj-wait -i 200ms < cz.jsonl > czw.jsonl 2>/dev/null
jq_ok czw.jsonl '.[0].task.status == "MODAL"' "mj-wait stops at MODAL"
mj-submit --modal-prompt 'a paper boat --zoom 2' < czw.jsonl > m.jsonl 2> err
is "$?" 0 "--modal-prompt completes it"
jq_ok m.jsonl '.[0].submit.endpoint == "/mj/submit/modal"' "... through /mj/submit/modal"
mid=$(jq -r .task.id m.jsonl)
is "$(sim_get "/_sim/task/$mid" | jq -r .modal.prompt)" "a paper boat --zoom 2" "... with the prompt"
mj-wait -i 200ms < m.jsonl > mw.jsonl 2>/dev/null
jq_ok mw.jsonl '.[0].task.status == "SUCCESS"' "the modal task then runs to SUCCESS"
done_testing
