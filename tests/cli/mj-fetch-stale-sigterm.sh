#!/bin/bash
# mj-fetch: SIGTERM while a task whose links expired is being read again
# (the read held up 3 s): status 143, each record written, interrupted and
# retryable, no .part left.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "not yet run against other dialects (split from mj-fetch-stale.sh, which skipped)"
TEST_TIMEOUT=60

sim_start --duration 0.2 --jitter 0 --link-ttl 1 --image-bytes 5000
printf '%s\n' a b | mj-submit | mj-wait -i 100ms > tasks
sleep 1.2
sim_post /_sim/faults '{"faults":[{"class":"poll","kind":"slow","first":10}]}' > /dev/null
mj-fetch -d sig < tasks > got 2> err &
fpid=$!
expired_at_least() { test "$(sim_stats | jq .expired_links)" -ge "$1"; }
ok "both links found stale" wait_until 10 expired_at_least 2
sleep 0.3
kill -TERM $fpid
wait $fpid
is "$?" 143 "SIGTERM during the read: status 143"
jq_ok got 'length == 2 and all(.error.message == "interrupted" and .error.retryable == true)' \
    "... each record written, interrupted and retryable"
is "$(find sig -name '*.part' 2>/dev/null | wc -l | tr -d ' ')" 0 "... no .part left"
sim_stop
done_testing
