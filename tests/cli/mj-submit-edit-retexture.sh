#!/bin/bash
# mj-submit --retexture --image URL (api.md 7b): the prompt, the URL as
# given and the state sent to /mj/submit/retexture; a RETEXTURE task,
# created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'velvet' | mj-submit --retexture --image http://img.example/a.png \
    --state s1 > out 2> err
is "$?" 0 "--retexture with an image URL"
id=$(jq -r .task.id out)
is "$(request "$id")" \
    '{"prompt":"velvet","image":"http://img.example/a.png","state":"s1"}' \
    "... the body: prompt, the URL as given, and the state"
is "$(sim_get "/_sim/task/$id" | jq -r .action)" RETEXTURE \
    "... a RETEXTURE task"
# this case's own count (when the edits and retextures shared one
# simulator, the four were counted together at the end)
is "$(sim_stats | jq -c '.submissions["velvet"]')" 1 "... created once"
sim_stop
done_testing
