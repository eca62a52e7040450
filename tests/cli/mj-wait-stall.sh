#!/bin/bash
# mj-wait --stall: a task stuck at 40% is cancelled (the ledger shows one
# cancel) and given up with a retryable error saying so; on a server
# that cannot cancel (trueai --cancel denied: 400, comet: 404) it is
# given up with one warning and one cancel request for the run; a task
# that keeps moving is not given up; --timeout stays independent; no
# record is lost.  Each case has a simulator of its own.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
SIM_DIALECT_FIXED=1

cancel_requests() { sim_stats | jq '.requests["POST /mj/task/cancel"] // 0'; }

# stuck at 40% on a server that cancels (trueai, an admin key)
sim_start --dialect trueai --cancel admin --stuck stuck --capacity 10 --duration 0.3 --jitter 0
printf '%s\n' 'a fine cat' 'a stuck dog' | mj-submit > tasks
jq_ok tasks 'length == 2 and all(.task.id != null)' "admin: two tasks submitted"
run_prog mj-wait -i 200ms --stall 2s < tasks > out 2> err
is "$?" 1 "admin: status 1 (a task given up)"
is "$(cat err)" "" "admin: nothing on stderr"
jq_ok out 'length == 2 and (map(.prompt) | sort) == ["a fine cat", "a stuck dog"]' \
    "admin: no record lost"
jq_ok out 'map(select(.prompt == "a fine cat"))[0] | .task.status == "SUCCESS" and (has("error") | not)' \
    "admin: the other task finished"
jq_ok out 'map(select(.prompt == "a stuck dog"))[0] | .error.stage == "wait" and .error.retryable == true and .error.cancelled == true and .error.stall.status == "IN_PROGRESS" and .error.stall.progress == 40 and .error.stall.seconds >= 2' \
    "admin: stage wait, retryable, cancelled, stuck IN_PROGRESS at 40% for 2s or more"
jq_ok out 'map(select(.prompt == "a stuck dog"))[0] | .error.message | test("^stalled: IN_PROGRESS at 40% for [0-9]+s; cancelled$")' \
    "admin: the message says what and how long"
is "$(sim_stats | jq .cancels)" 1 "admin: the ledger shows one cancel"
is "$(cancel_requests)" 1 "admin: one cancel request"
id=$(jq -r -s 'map(select(.prompt == "a stuck dog"))[0].task.id' out)
is "$(sim_api GET "/mj/task/$id/fetch" | jq -r .status)" FAILURE \
    "admin: the server's task is FAILURE now"
sim_stop

# three stuck on a server that refuses (trueai, not an admin key: 400)
sim_start --dialect trueai --cancel denied --stuck stuck --capacity 10 --duration 0.3 --jitter 0
printf '%s\n' 'stuck one' 'stuck two' 'stuck three' 'fine four' | mj-submit > tasks
run_prog mj-wait -i 200ms --stall 2s < tasks > out 2> err
is "$?" 1 "denied: status 1"
is "$(grep -c 'warning: the server cannot cancel tasks (HTTP 400' err)" 1 \
    "denied: one warning for the run"
is "$(wc -l < err)" 1 "denied: nothing else on stderr"
is "$(cancel_requests)" 1 "denied: one cancel request for the run"
is "$(sim_stats | jq .cancels)" 0 "denied: nothing cancelled"
jq_ok out 'length == 4' "denied: no record lost"
jq_ok out 'map(select(.prompt | startswith("stuck"))) | length == 3 and all(.error.stage == "wait" and .error.retryable == true and .error.cancelled == false and .error.stall.progress == 40 and (.error.message | endswith("; not cancelled")))' \
    "denied: each stuck task given up, not cancelled, retryable"
jq_ok out 'map(select(.prompt == "fine four"))[0].task.status == "SUCCESS"' \
    "denied: the other task finished"
sim_stop

# a server without the route (comet: 404)
sim_start --stuck stuck --capacity 10 --duration 0.3 --jitter 0
printf '%s\n' 'stuck five' | mj-submit > tasks
run_prog mj-wait -i 200ms --stall 1s < tasks > out 2> err
is "$?" 1 "no cancel: status 1"
ok "no cancel: the warning names the 404" grep -q \
    'warning: the server cannot cancel tasks (HTTP 404' err
jq_ok out 'length == 1 and .[0].error.cancelled == false and .[0].error.retryable == true' \
    "no cancel: given up, not cancelled"
sim_stop

# a task that keeps moving is not stalled; --timeout is not --stall
sim_start --dialect trueai --stuck stuck --capacity 10 --duration 3 --jitter 0
printf '%s\n' 'slow but moving' | mj-submit > tasks
run_prog mj-wait -i 200ms --stall 1s < tasks > out 2> err
is "$?" 0 "moving: status 0"
jq_ok out 'length == 1 and .[0].task.status == "SUCCESS"' \
    "moving: a 3 s task is not given up by --stall 1s"
printf '%s\n' 'stuck six' | mj-submit > tasks
run_prog mj-wait -i 200ms --timeout 2s --stall 1h < tasks > out 2> err
is "$?" 1 "timeout: status 1"
jq_ok out 'length == 1 and (.[0].error.message | startswith("timed out")) and (.[0].error | has("stall") | not)' \
    "timeout: --timeout gives up, as before, without a stall"
is "$(cancel_requests)" 0 "timeout: no cancel request"
sim_stop

run_prog mj-wait --stall 0 < /dev/null > out 2> err
is "$?" 2 "--stall 0: a usage error"
ok "--stall 0: says so" grep -q -- '--stall' err
done_testing
