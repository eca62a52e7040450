#!/bin/bash
# The simulator as the old novicezk server: a modal (Custom Zoom of an
# upscale) is code 21 as ever, a new task in MODAL.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect novicezk-old --duration 0.2 --jitter 0 --capacity 9
g=$(sim_api POST /mj/submit/imagine '{"prompt":"old server"}' | jq -r .result)
ok "novicezk-old: a grid finishes" wait_status "$g" SUCCESS
a=$(sim_api POST /mj/submit/action "{\"taskId\":\"$g\",\"customId\":\"$(sim_api GET /mj/task/$g/fetch | jq -r '.buttons[0].customId')\"}")
up=$(echo "$a" | jq -r .result)
ok "the upscale finishes" wait_status "$up" SUCCESS
cz=$(sim_api GET /mj/task/$up/fetch | jq -r '.buttons[] | select(.label == "Custom Zoom") | .customId')
m=$(sim_api POST /mj/submit/action "{\"taskId\":\"$up\",\"customId\":\"$cz\"}")
is "$(echo "$m" | jq -r '.code')" 21 "a modal is code 21 as ever..."
is "$(sim_api GET /mj/task/$(echo "$m" | jq -r .result)/fetch | jq -r .status)" MODAL "... a new task in MODAL"
sim_stop
done_testing
