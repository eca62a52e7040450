#!/bin/bash
# mj-submit --upload: describe takes the link too; blend cannot.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 100 --queue 1000
stat() { sim_stats | jq "$1"; }
# a 300 KiB PNG: the signature, then bytes
{ printf '\211PNG\r\n\032\n'; head -c 307200 /dev/urandom; } > ref.png

mj-submit --describe --upload --image ref.png <<< '{}' > de.jsonl 2> err
id=$(jq -r .task.id de.jsonl)
is "$(sim_get "/_sim/task/$id" | jq -c '.request | [(.link | startswith("http")), .base64]')" '[true,null]' \
    "--describe sends the link"
echo '{}' | mj-submit --blend --upload --image ref.png --image ref.png > /dev/null 2> err
is "$?" 2 "--blend --upload: a usage error"
sim_stop
done_testing
