#!/bin/bash
# mj-submit --upload: the same file twice, a URL beside it: one upload,
# the links in order.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 100 --queue 1000
stat() { sim_stats | jq "$1"; }
# a 300 KiB PNG: the signature, then bytes
{ printf '\211PNG\r\n\032\n'; head -c 307200 /dev/urandom; } > ref.png

mj-submit --upload --image ref.png --image https://cdn.example/b.png --image ref.png \
    <<< 'two refs' > two.jsonl 2> err
id=$(jq -r .task.id two.jsonl)
is "$(sim_get "/_sim/task/$id" | jq -r '.request.prompt | split(" ") | map(if startswith("http://127.0.0.1") then "up" else . end) | join(" ")')" \
    "up https://cdn.example/b.png up two refs" "the same file twice: one link, the URL kept, in order"
is "$(stat '.uploads')" 1 "... one upload for it"
sim_stop
done_testing
