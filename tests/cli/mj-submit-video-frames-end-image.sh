#!/bin/bash
# mj-submit --video --end-image FILE (the last frame) with --batch-size 2
# and --hd: the body of api.md 7b, the last frame a data URI, HD as
# videoType; the video created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route
last=$(tiny_png last.png last)

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'waves' | mj-submit --video --image "$first" --end-image last.png \
    --batch-size 2 --hd --motion high > out 2> err
is "$?" 0 "--video with a last frame, a batch of 2, in HD"
id=$(jq -r .task.id out)
is "$(request "$id" | jq -S -c .)" "$(jq -S -cn --arg f "$first" --arg l "$last" \
    '{image: $f, motion: "high", prompt: "waves", endImage: $l,
      videoType: "vid_1.1_i2v_720", batchSize: 2}')" \
    "... the body: image, motion, prompt, endImage (a data URI), videoType, batchSize"
# this case's own count (when the five video cases shared one
# simulator: 5 videos over all of them)
is "$(sim_stats | jq -c .kinds.video)" 1 "... the video created once"
sim_stop
done_testing
