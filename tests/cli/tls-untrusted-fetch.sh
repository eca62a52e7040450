#!/bin/bash
# HTTPS: mj-fetch of an image from a host whose certificate is for another
# name: a retryable file error.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-180}
sim_start_tls --duration 0.2 --capacity 50
seq 1 2 | sed 's/^/tls prompt /' | mj-submit 2>/dev/null | mj-wait -i 200ms > final.jsonl 2>/dev/null
tls_front "$SIM_PORT" "" "$TLS_WRONG_CERT" "$TLS_WRONG_KEY"	# our CA, for other.example
wrong_host=$TLS_URL

jq -c '.task.imageUrl = "'"$wrong_host"'/mj/image/\(.task.id)" | del(.files)' final.jsonl |
    head -2 > moved.jsonl
mj-fetch -d out2 moved.jsonl > mf.jsonl 2> mf.err
jq_ok mf.jsonl 'length == 2 and all(.error.retryable == true and (.error.message | test("certificate")))' \
    "mj-fetch: an untrusted image host: retryable error records"
sim_stop
done_testing
