#!/bin/bash
# mj-wait: a gateway that answers polls too with 403 quota_not_enough;
# mj-wait does not take it for a refused key, and goes on once topped up.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

prompts() { seq 1 "$1" | sed "s/^/$2 /"; }
refusals_at_least() { test "$(sim_stats | jq .quota_refusals)" -ge "$1"; }

sim_start --duration 0.2 --capacity 20 --quota 1 --quota-polls
prompts 2 w | mj-submit > out 2> /dev/null
mj-wait -i 100ms < out > waited 2> err &
wpid=$!
ok "polls refused for the quota: mj-wait keeps trying" \
    wait_until 10 refusals_at_least 3
ok "... it did not stop" kill -0 $wpid
sim_post /_sim/quota '{"tasks":1}' > /dev/null
wait $wpid
is "$?" 0 "... and after a top-up it finishes: status 0"
jq_ok waited 'length == 2 and (map(select(.task.status == "SUCCESS")) | length == 1) and (map(select(.error)) | length == 1)' \
    "... the task waited for, the unsubmitted record passed on"
ok "... no word of a refused key" sh -c '! grep -q "refused the key" err'
sim_stop
done_testing
