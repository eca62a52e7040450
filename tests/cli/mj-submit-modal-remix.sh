#!/bin/bash
# mj-submit --action V1 --remix --modal-prompt: the variation opens a
# modal for the new prompt, and runs with it.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20

printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err

# remix: the variation opens a modal for the new prompt
mj-submit --action V1 --remix --modal-prompt 'a green boat' < grid.jsonl | mj-wait -i 200ms > rx.jsonl 2> err
jq_ok rx.jsonl '.[0].task.action == "VARIATION" and .[0].task.status == "SUCCESS" and .[0].task.prompt == "a green boat" and .[0].parent.button == "V1"' \
    "--remix: the variation runs with the new prompt"
done_testing
