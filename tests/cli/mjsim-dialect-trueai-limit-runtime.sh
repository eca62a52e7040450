#!/bin/bash
# The simulator as trueai-org's server: POST /_sim/limit sets a limit
# refusal while it runs.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.3 --jitter 0
sim_post /_sim/limit '{"message":"今日绘图次数已达上限","count":1}' > /dev/null
is "$(sim_api POST /mj/submit/shorten '{"prompt":"p"}' | jq -r .message)" "今日绘图次数已达上限" \
    "POST /_sim/limit sets a refusal while running"
sim_stop
done_testing
