#!/bin/bash
# mj-submit --action extend3 on a video of two variants: an error record
# saying how many it has, status 1, nothing sent; extend5, a variant no
# video has, is a usage error.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
finished_video
n=$(created)
mj-submit --action extend3 < video.jsonl > out 2> err
is "$?" 1 "extend3 of a video of two: status 1"
jq_ok out '.[0].error.message | test("2")' "... an error record saying how many it has"
is "$(created)" "$n" "... not sent"
# this case's own count (when the extend cases shared one simulator:
# one video and four extends over all of them)
is "$(sim_stats | jq -c '[.kinds.video, .kinds.extend // 0]')" "[1,0]" \
    "... the video created once, no extend"
# refused as the options are read, before any input
mj-submit --action extend5 < video.jsonl > out 2> err
is "$?" 2 "extend5: a usage error"
sim_stop
done_testing
