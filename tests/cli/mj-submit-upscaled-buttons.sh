#!/bin/bash
# mj-submit --action on an upscaled task: its buttons by label (Zoom Out
# 2x, Pan Left, Upscale (Subtle), Vary (Strong)).
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS" and (.[0].task.buttons | length) >= 9' "a finished grid to act on"
mj-submit --action U1 < grid.jsonl 2>/dev/null | mj-wait -i 200ms > up.jsonl 2>/dev/null
jq_ok up.jsonl '.[0].task.action == "UPSCALE" and .[0].task.status == "SUCCESS"' "an upscaled task"
mj-submit --action 'Zoom Out 2x,Pan Left,Upscale (Subtle),Vary (Strong)' < up.jsonl > z.jsonl 2> err
is "$?" 0 "an upscaled task's buttons by label"
jq_ok z.jsonl 'length == 4 and all(.task.id != null)' "... four follow-ups"
done_testing
