#!/bin/bash
# mj-submit --edit with the image in a row's 'image' field: sent as
# given, created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
printf '%s\n' '{"prompt":"from a field","image":"http://img.example/f.png"}' |
    mj-submit --edit > out 2> err
is "$?" 0 "--edit with the image in an 'image' field"
is "$(request "$(jq -r .task.id out)")" \
    '{"prompt":"from a field","image":"http://img.example/f.png"}' \
    "... sent as given"
# this case's own count (when the edits and retextures shared one
# simulator, the four were counted together at the end)
is "$(sim_stats | jq -c '.submissions["from a field"]')" 1 "... created once"
sim_stop
done_testing
