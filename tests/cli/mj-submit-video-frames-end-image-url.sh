#!/bin/bash
# mj-submit --video --end-image URL: the last frame sent as given; the
# video created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'to the end' | mj-submit --video --image "$first" \
    --end-image http://img.example/end.png > out 2> err
is "$(request "$(jq -r .task.id out)" | jq -r .endImage)" \
    http://img.example/end.png "--end-image URL: sent as given"
# this case's own count (when the five video cases shared one
# simulator: 5 videos over all of them)
is "$(sim_stats | jq -c .kinds.video)" 1 "... the video created once"
sim_stop
done_testing
