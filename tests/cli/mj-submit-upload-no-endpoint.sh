#!/bin/bash
# mj-submit --upload against a server without the upload endpoint: one
# warning, then base64 in each body.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20 --no-upload
stat() { sim_stats | jq "$1"; }
# a 300 KiB PNG: the signature, then bytes
{ printf '\211PNG\r\n\032\n'; head -c 307200 /dev/urandom; } > ref.png

seq 1 5 | sed 's/^/no upload /' | mj-submit --upload --image ref.png > nu.jsonl 2> err
is "$?" 0 "no upload endpoint: the run succeeds"
is "$(grep -c 'has no /mj/submit/upload-discord-images' err)" 1 "... said once"
id=$(jq -r .task.id nu.jsonl | head -1)
is "$(sim_get "/_sim/task/$id" | jq -c '.request | [(.base64Array[0] | startswith("data:image/png;base64,")), (.prompt | test("^no upload [1-5]$"))]')" \
    '[true,true]' "... the image sent as base64, the prompt as it was"
is "$(stat '.kinds.imagine')" 5 "... every row submitted"
sim_stop
done_testing
