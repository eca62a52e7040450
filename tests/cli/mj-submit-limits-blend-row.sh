#!/bin/bash
# mj-submit --blend with a row's own images: a row of 1 image (the
# server takes 2 to 5) is that row's input error record, unsent; the
# next row, of 2, is sent.
. "$top_srcdir/tests/cli/lib.sh"
cp "$top_srcdir/samples/reference.png" a.png

sim_start --duration 0.2 --capacity 50
img="data:image/png;base64,$(base64 -w0 a.png)"
printf '{"base64Array":["%s"]}\n{"base64Array":["%s","%s"]}\n' "$img" "$img" "$img" |
    mj-submit --blend > out 2>/dev/null
is "$?" 1 "a row's 1-image blend: status 1"
jq_ok out '.[0].error | .stage == "input" and .line == 1 and
    .message == "a blend takes 2 to 5 images (the server'"'"'s limit), got 1; nothing was sent"' \
    "... an input error naming the limit"
jq_ok out '.[1].task.id | length > 0' "... and the next row, of 2 images, is sent"
is "$(sim_stats | jq '.requests["POST /mj/submit/blend"] // 0')" 1 "... only that one reached the server"
sim_stop
done_testing
