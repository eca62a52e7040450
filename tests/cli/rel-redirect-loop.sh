#!/bin/bash
# A server that redirects a read to itself without end: each poll follows
# at most five redirects (http.c's HTTP_REDIRECTS_MAX), then counts as a
# failed poll, tried again later; the task ends timed out, retryable,
# never in a tight loop.
. "$top_srcdir/tests/cli/lib.sh"
"$PYTHON3" "$top_srcdir/tests/cli/hostile.py" --port-file hport --log hostile.log &
_sim_pids="$_sim_pids $!"
wait_until 10 test -s hport || { echo "Bail out! hostile server"; exit 1; }
H=http://127.0.0.1:$(cat hport)
export MJ_API_KEY=sk-loop MJ_REQUEST_TIMEOUT_MS=5000

echo '{"task":{"id":"7"}}' | mj-wait -v --no-list --base-url "$H/loop" \
    -i 100ms --timeout 3s > out.jsonl 2> err
is "$?" 1 "a redirect loop: status 1"
jq_ok out.jsonl 'length == 1 and .[0].task.id == "7" and
    .[0].error.stage == "wait" and .[0].error.retryable == true' \
    "... one record, its task kept, timed out and retryable"
run=$(awk '/redirected to/ { n++; if (n > m) m = n; next }
    /: GET / { next } { n = 0 } END { print m + 0 }' err)
is "$run" 5 "each poll follows five redirects, no more"
ok "... then the poll is tried again later" grep -q 'HTTP 302; trying again' err
n=$(grep -c '"path": "/loop/' hostile.log)
ok "... a bounded number of requests in 3 s ($n)" test "$n" -le 200
done_testing
