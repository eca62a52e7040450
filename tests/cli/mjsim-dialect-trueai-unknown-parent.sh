#!/bin/bash
# The simulator as trueai-org's server: an action, a modal or a video
# extend of an unknown parent task is HTTP 404 with code 3.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 --image-urls
for r in action:'{"taskId":"1","customId":"MJ::JOB::upsample::1::x"}' \
    modal:'{"taskId":"1","prompt":"x"}' \
    video:'{"prompt":"p","action":"extend","index":0,"taskId":"1"}'; do
	is "$(http POST "/mj/submit/${r%%:*}" "${r#*:}" | tr -d ' ')" \
	    '404{"code":3,"description":"关联任务不存在或已失效"}' "${r%%:*} of an unknown parent: 404 with code 3"
done
sim_stop
done_testing
