#!/bin/bash
# mj-submit --video --loop --batch-size 1: the body of api.md 7b has loop
# true and batchSize 1, no endImage, no videoType; the video created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'a loop' | mj-submit --video --image "$first" --loop --batch-size 1 \
    > out 2> err
is "$?" 0 "--video --loop --batch-size 1"
is "$(request "$(jq -r .task.id out)" | jq -S -c .)" "$(jq -S -cn --arg f "$first" \
    '{image: $f, motion: "low", prompt: "a loop", loop: true, batchSize: 1}')" \
    "... the body: loop true, batchSize 1, no endImage, no videoType"
# this case's own count (when the five video cases shared one
# simulator: 5 videos over all of them)
is "$(sim_stats | jq -c .kinds.video)" 1 "... the video created once"
sim_stop
done_testing
