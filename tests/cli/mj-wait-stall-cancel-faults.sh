#!/bin/bash
# mj-wait --stall when the cancel itself fails (the simulator's "cancel"
# fault class): a 500 on every try is a warning naming the task, and the
# stalled task is given up "not cancelled", retryable, status 1; SIGTERM
# while the cancel is awaited writes the task interrupted, status 143.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
SIM_DIALECT_FIXED=1

sim_start --dialect trueai --cancel admin --stuck stuck --capacity 10 \
    --duration 0.3 --jitter 0 --fault cancel:500:1
echo 'a stuck dog' | mj-submit > tasks 2>/dev/null
run_prog mj-wait -i 200ms --stall 1s < tasks > out 2> err
is "$?" 1 "a cancel failing on every try: status 1"
id=$(jq -r .task.id tasks)
ok "... one warning naming the task and the failure" \
    grep -q "^mj-wait: warning: task $id: cancel: .*500" err
is "$(wc -l < err | tr -d ' ')" 1 "... only that"
jq_ok out 'length == 1 and .[0].error.retryable == true and
    .[0].error.cancelled == false and
    (.[0].error.message | test("^stalled: IN_PROGRESS at 40% for [0-9]+s; not cancelled$"))' \
    "... the task given up, not cancelled, retryable"
ok "... after trying again" test "$(sim_stats | jq '.faults["cancel:500"]')" -gt 1
is "$(sim_stats | jq .cancels)" 0 "... nothing cancelled on the server"
sim_stop

sim_start --dialect trueai --cancel admin --stuck stuck --capacity 10 \
    --duration 0.3 --jitter 0 --fault cancel:slow:1 --slow-ms 60000
echo 'a stuck cat' | mj-submit > tasks 2>/dev/null
mj-wait -i 200ms --stall 1s < tasks > out 2> err &
wpid=$!
wait_until 30 sh -c "curl -s $SIM_URL/_sim/stats |
    jq -e '(.faults[\"cancel:slow\"] // 0) >= 1'"
kill -TERM "$wpid"
wait "$wpid"
is "$?" 143 "SIGTERM while the cancel is awaited: status 143"
jq_ok out 'length == 1 and .[0].error.message == "interrupted" and
    .[0].error.retryable == true' "... the task written interrupted"
done_testing
