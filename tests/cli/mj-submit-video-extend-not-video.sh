#!/bin/bash
# mj-submit --action extend1 on an image task: an error record saying it
# is not a video, status 1, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'a grid' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
n=$(created)
mj-submit --action extend1 < grid.jsonl > out 2> err
is "$?" 1 "extend1 of an image task: status 1"
jq_ok out '.[0].error.message | test("video")' "... an error record: not a video"
is "$(created)" "$n" "... not sent (only the grid was made)"
# this case's own count (when the extend cases shared one simulator:
# one grid, one video and four extends over all of them)
is "$(sim_stats | jq -c '[.submissions["a grid"], .kinds.extend // 0]')" \
    "[1,0]" "... the grid created once, no extend"
sim_stop
done_testing
