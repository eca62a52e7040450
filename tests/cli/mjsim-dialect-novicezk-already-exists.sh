#!/bin/bash
# The simulator as the old novicezk server: an upscale of a button already
# used is code 21 任务已存在 with the existing task, its status and
# imageUrl, and creates nothing; another button is new.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect novicezk-old --duration 0.2 --jitter 0 --capacity 9
g=$(sim_api POST /mj/submit/imagine '{"prompt":"old server"}' | jq -r .result)
ok "novicezk-old: a grid finishes" wait_status "$g" SUCCESS
u1() { sim_api GET /mj/task/$g/fetch | jq -r '.buttons[0].customId'; }
a=$(sim_api POST /mj/submit/action "{\"taskId\":\"$g\",\"customId\":\"$(u1)\"}")
is "$(code_of "$a")" 1 "the first U1: code 1"
up=$(echo "$a" | jq -r .result)
ok "the upscale finishes" wait_status "$up" SUCCESS
n=$(sim_stats | jq -r .tasks_created)
d=$(sim_api POST /mj/submit/action "{\"taskId\":\"$g\",\"customId\":\"$(u1)\"}")
is "$(echo "$d" | jq -r '[.code, .result, .description, .properties.status] | map(tostring) | join(" ")')" \
    "21 $up 任务已存在 SUCCESS" "U1 again: code 21 already exists, the existing task and its status"
is "$(echo "$d" | jq -r .properties.imageUrl)" "$(sim_api GET /mj/task/$up/fetch | jq -r .imageUrl)" "... and its imageUrl"
is "$(sim_stats | jq -r '[.tasks_created, .already_exists] | map(tostring) | join(" ")')" "$n 1" "... nothing new created"
is "$(code_of "$(sim_api POST /mj/submit/action "{\"taskId\":\"$g\",\"customId\":\"$(sim_api GET /mj/task/$g/fetch | jq -r '.buttons[1].customId')\"}")")" 1 \
    "U2 is new: code 1"
sim_stop
done_testing
