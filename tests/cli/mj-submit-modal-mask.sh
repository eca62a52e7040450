#!/bin/bash
# mj-submit --action 'Vary (Region)' --mask --modal-prompt: the mask and
# the prompt go with the modal; without the mask the modal is refused and
# the record names the task still waiting in MODAL (status 1).
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20

printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
mj-submit --action U1 < grid.jsonl | mj-wait -i 200ms > up.jsonl 2> err
jq_ok up.jsonl '.[0].task.action == "UPSCALE" and .[0].task.status == "SUCCESS"' "an upscaled task to act on"
upid=$(jq -r .task.id up.jsonl)

# Vary (Region): the mask and the prompt go with the modal
printf '\211PNG\r\n\032\n\0\0\0\rIHDRmask' > mask.png
mj-submit --action 'Vary (Region)' --mask mask.png --modal-prompt 'a red sail' < up.jsonl > vr.jsonl 2> err
is "$?" 0 "Vary (Region) with --mask in one command"
vid=$(jq -r .task.id vr.jsonl)
is "$(sim_get "/_sim/task/$vid" | jq -c '[.action, .modal.prompt, (.modal.maskBase64 | startswith("data:image/png;base64,"))]')" \
    '["INPAINT","a red sail",true]' "... the modal carries the mask and the prompt"
jq_ok vr.jsonl '.[0].parent.button == "Vary (Region)"' "... with its parent"
# the modal refused (no mask): the record names the task still waiting
mj-submit --action 'Vary (Region)' --modal-prompt 'a red sail' < up.jsonl > vr2.jsonl 2> err
is "$?" 1 "a modal refused: status 1"
jq_ok vr2.jsonl '.[0].error.code == 4 and .[0].task.status == "MODAL" and (.[0].task.id | length > 0) and .[0].parent.button == "Vary (Region)"' \
    "... the record names the task that still waits in its modal"
done_testing
