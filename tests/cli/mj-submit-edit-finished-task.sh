#!/bin/bash
# mj-submit --edit on a finished task's record: the task's imageUrl and
# the --template prompt sent; created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'a grid to edit' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
img=$(jq -r .task.imageUrl grid.jsonl)
mj-submit --edit --template 'the grid, in blue' < grid.jsonl > out 2> err
is "$?" 0 "--edit of a finished task: its image"
is "$(request "$(jq -r .task.id out)")" \
    "$(jq -cn --arg u "$img" '{prompt: "the grid, in blue", image: $u}')" \
    "... the task's imageUrl and the prompt"
# this case's own count (when the edits and retextures shared one
# simulator, the four were counted together at the end)
is "$(sim_stats | jq -c '.submissions["the grid, in blue"]')" 1 \
    "... created once"
sim_stop
done_testing
