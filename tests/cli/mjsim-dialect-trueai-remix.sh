#!/bin/bash
# The simulator as trueai-org's server: an action with enableRemix is code
# 21, a task in MODAL with its finalPrompt and remix: true.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 --image-urls
g=$(sim_api POST /mj/submit/imagine '{"prompt":"a grid"}' | jq -r .result)
ok "a grid finishes" wait_status "$g" SUCCESS
v1=$(sim_api GET /mj/task/$g/fetch | jq -r '.buttons[] | select(.label == "V1") | .customId')
m=$(sim_api POST /mj/submit/action "{\"taskId\":\"$g\",\"customId\":\"$v1\",\"enableRemix\":true}")
is "$(echo "$m" | jq -c '[.code, .description, .properties.finalPrompt, .properties.remix]')" \
    '[21,"Waiting for window confirm","a grid",true]' "code 21: a MODAL task, finalPrompt and remix: true"
is "$(sim_api GET /mj/task/$(echo "$m" | jq -r .result)/fetch | jq -r .status)" MODAL "... in MODAL"
sim_stop
done_testing
