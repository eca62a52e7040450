#!/bin/bash
# the two-step way: --action leaves a task in MODAL (through mj-wait), then
# --modal-prompt completes it.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20

printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
mj-submit --action U1 < grid.jsonl | mj-wait -i 200ms > up.jsonl 2> err
jq_ok up.jsonl '.[0].task.action == "UPSCALE" and .[0].task.status == "SUCCESS"' "an upscaled task to act on"
upid=$(jq -r .task.id up.jsonl)

# the two-step way still works
mj-submit --action 'Custom Zoom' < up.jsonl | mj-wait -i 200ms > two.jsonl 2> err
jq_ok two.jsonl '.[0].task.status == "MODAL"' "two steps: the action leaves a task in MODAL"
mj-submit --modal-prompt 'a paper boat --zoom 1.5' < two.jsonl | mj-wait -i 200ms > two2.jsonl 2> err
jq_ok two2.jsonl '.[0].task.status == "SUCCESS" and .[0].parent.button == "Custom Zoom" and .[0].submit.endpoint == "/mj/submit/modal"' \
    "... then --modal-prompt completes it"
done_testing
