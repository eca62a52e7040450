#!/bin/bash
# The simulator as trueai-org's server: a video needs a prompt, and each
# field out of its range (batchSize, videoType, endImage, loop, motion) is
# code 4.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 --image-urls
is "$(code_of "$(sim_api POST /mj/submit/video '{"image":"http://x/f.png"}')")" 4 "video: no prompt is code 4 on trueai"
for bad in '"batchSize":3' '"videoType":"vid_9"' '"endImage":"ftp://x"' '"loop":"yes"' '"motion":"wild"'; do
	is "$(code_of "$(sim_api POST /mj/submit/video "{\"prompt\":\"p\",\"image\":\"http://x/f.png\",$bad}")")" 4 \
	    "video: $bad is code 4"
done
sim_stop
done_testing
