#!/bin/bash
# mj-submit --action with a button the task lacks: an error naming the
# buttons it has, status 1.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS" and (.[0].task.buttons | length) >= 9' "a finished grid to act on"
# a button the task lacks: an error naming those it has
mj-submit --action 'U9' < grid.jsonl > out 2> err
is "$?" 1 "a missing button makes the status 1"
jq_ok out '.[0].error.stage == "submit" and (.[0].error.message | test("U9") and test("U1, U2"))' \
    "the error names the buttons the task has"
done_testing
