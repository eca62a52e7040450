#!/bin/bash
# mj-submit --video without --batch-size: no batchSize in the body (the
# server's own, 4 on trueai); the video created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'default' | mj-submit --video --image "$first" > out 2> err
is "$(request "$(jq -r .task.id out)" | jq -S -c .)" "$(jq -S -cn --arg f "$first" \
    '{image: $f, motion: "low", prompt: "default"}')" \
    "no --batch-size: no batchSize (the server's 4)"
# this case's own count (when the five video cases shared one
# simulator: 5 videos over all of them)
is "$(sim_stats | jq -c .kinds.video)" 1 "... the video created once"
sim_stop
done_testing
