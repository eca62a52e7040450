#!/bin/bash
# mj-fetch: records with nothing to fetch (no task, a failed or running
# task, no URL, an error) are written byte for byte as they came, status 0.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 10
printf '%s\n' '{"n":1.10,"x":"no task"}' \
    '{"task":{"id":"1","status":"FAILURE","imageUrl":"http://127.0.0.1:1/x"},"error":{"stage":"wait","message":"failed","retryable":false}}' \
    '{"task":{"id":"2","status":"IN_PROGRESS","imageUrl":"http://127.0.0.1:1/x"}}' \
    '{"task":{"id":"3","status":"SUCCESS","imageUrl":""}}' \
    '{"task":{"id":"4","status":"SUCCESS","imageUrl":"http://127.0.0.1:1/x"},"error":{"stage":"wait","message":"x","retryable":true}}' > skip
run_prog mj-fetch -d out/sub < skip > out3 2> err
is "$?" 0 "records with nothing to do: status 0"
ok "... are written byte for byte as they came" cmp -s skip out3
done_testing
