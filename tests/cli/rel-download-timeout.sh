#!/bin/bash
# MJ_REQUEST_TIMEOUT_MS limits API requests only (mjpipe(7)): a download
# slower than it, an image served 16 KiB every 150 ms, is not cut; the
# file arrives whole.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 100 --image-bytes 65536 \
    --image-trickle-ms 150
echo "slow image p" | mj-submit | mj-wait -i 100ms > done.jsonl

MJ_REQUEST_TIMEOUT_MS=200 mj-fetch -d out done.jsonl > out.jsonl 2> err
is "$?" 0 "a download longer than MJ_REQUEST_TIMEOUT_MS: status 0"
jq_ok out.jsonl '.[0].files | length == 1 and .[0].bytes == 65536' \
    "... the file whole"
is "$(sim_stats | jq '[.requests | to_entries[] |
    select(.key | startswith("GET /mj/image")) | .value] | add')" 1 \
    "... in one request"
done_testing
