#!/bin/bash
# mj-submit --edit --image FILE (api.md 7b): the prompt and the file as a
# data URI sent to /mj/submit/edits, nothing else; an EDIT task of that
# image, created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes
uri=$(tiny_png ref.png edit)

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'a red hat' | mj-submit --edit --image ref.png > out 2> err
is "$?" 0 "--edit with an image file"
jq_ok out '.[0].submit.endpoint == "/mj/submit/edits" and .[0].task.id != null' \
    "... sent to /mj/submit/edits"
id=$(jq -r .task.id out)
is "$(request "$id")" "$(jq -cn --arg u "$uri" '{prompt: "a red hat", image: $u}')" \
    "... the body: the prompt and the image as a data URI, nothing else"
is "$(sim_get "/_sim/task/$id" | jq -r '.action + " " + .baseImageUrl[0:4]')" \
    "EDIT http" "... an EDIT task of that image"
# this case's own count (when the edits and retextures shared one
# simulator, the four were counted together at the end)
is "$(sim_stats | jq -c '.submissions["a red hat"]')" 1 "... created once"
sim_stop
done_testing
