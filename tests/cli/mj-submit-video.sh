#!/bin/bash
# mj-submit --video from a finished task's image: the image and the motion
# are sent, and the task ends with a videoUrl.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS" and (.[0].task.buttons | length) >= 9' "a finished grid to act on"
mj-submit --action U1 < grid.jsonl 2>/dev/null | mj-wait -i 200ms > up.jsonl 2>/dev/null
jq_ok up.jsonl '.[0].task.action == "UPSCALE" and .[0].task.status == "SUCCESS"' "an upscaled task"
mj-submit --video --motion high < up.jsonl > vi.jsonl 2> err
is "$?" 0 "--video from a finished task's image"
vid=$(jq -r .task.id vi.jsonl)
is "$(sim_get "/_sim/task/$vid" | jq -c '.request | [.motion, (.image | startswith("http"))]')" '["high",true]' \
    "... sends the image and the motion"
mj-wait -i 200ms < vi.jsonl > viw.jsonl 2>/dev/null
jq_ok viw.jsonl '.[0].task.videoUrl | length > 0' "... and the video task ends with a videoUrl"
done_testing
