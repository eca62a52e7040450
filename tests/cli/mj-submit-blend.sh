#!/bin/bash
# mj-submit --blend sends both images and the dimensions; one image is a
# usage error.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > a.png; cp a.png b.png
echo '{"job":"blend"}' | mj-submit --blend --image a.png --image b.png --dimensions landscape > bl.jsonl 2> err
is "$?" 0 "--blend of two images"
bid=$(jq -r .task.id bl.jsonl)
is "$(sim_get "/_sim/task/$bid" | jq -c '.request | [(.base64Array | length), .dimensions]')" '[2,"LANDSCAPE"]' \
    "... sends both images and the dimensions"
echo '{}' | mj-submit --blend --image a.png > out 2> err
is "$?" 2 "--blend with one image is a usage error"
done_testing
