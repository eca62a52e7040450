#!/bin/bash
# mj-submit -n --upload: the token shows where the link goes, nothing is
# sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 100 --queue 1000
stat() { sim_stats | jq "$1"; }
# a 300 KiB PNG: the signature, then bytes
{ printf '\211PNG\r\n\032\n'; head -c 307200 /dev/urandom; } > ref.png

n0=$(stat '.requests | add')
mj-submit -n --upload --image ref.png <<< 'dry' > dry.jsonl 2> err
jq_ok dry.jsonl '(.[0].submit.body.prompt | test("^mjpipe-upload:[0-9a-f]{64} dry$")) and .[0].submit.body.base64Array == null' \
    "-n: the prompt shows where the link goes"
is "$(stat '.requests | add')" "$n0" "... and nothing was sent"
sim_stop
done_testing
