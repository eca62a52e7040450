#!/bin/bash
# mj-submit --action with --modal-prompt, when the action opens no modal:
# the action's own record, and no modal sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
modals() { sim_stats | jq '.requests["POST /mj/submit/modal"] // 0'; }

printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err

# an action that opens no modal is recorded as it is
m0=$(modals)
mj-submit --action U2 --modal-prompt 'unused' < grid.jsonl > u2.jsonl 2> err
jq_ok u2.jsonl '.[0].submit.endpoint == "/mj/submit/action" and .[0].submit.code == 1' \
    "an action that opens no modal: its own record"
is "$(modals)" "$m0" "... and no modal sent"
done_testing
