#!/bin/bash
# mj-wait: completion order and --keep-order, each terminal status, bare
# ids, pass-through, unknown ids, the fallback without list-by-condition,
# --timeout, --events, streaming through a FIFO and SIGTERM.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50

printf '%s\n' 'slow sim:dur=3.4' 'fast sim:dur=0.2' 'mid sim:dur=1.8' | mj-submit > sub.jsonl 2>/dev/null
mj-wait -i 200ms < sub.jsonl > out 2> err
is "$?" 0 "three tasks waited for"
is "$(jq -r .prompt out | cut -d' ' -f1 | paste -sd,)" "fast,mid,slow" "records come out as tasks end"
jq_ok out 'all(.task.status == "SUCCESS" and (.task.imageUrl | length > 0) and (.task.buttons | length > 0))' \
    "each with the full latest task"
jq_ok out 'all(has("submit"))' "the input's other fields kept"
mj-wait -i 200ms --keep-order < sub.jsonl > out 2>/dev/null
is "$(jq -r .prompt out | cut -d' ' -f1 | paste -sd,)" "slow,fast,mid" "--keep-order: input order"

# FAILURE and CANCEL get an error with the failReason; MODAL ends the wait
printf '%s\n' 'oops sim:fail' 'stop sim:cancel' 'fine' | mj-submit > sub.jsonl 2>/dev/null
mj-wait -i 200ms < sub.jsonl > out 2> err
is "$?" 1 "a failed task makes the status 1"
jq_ok out 'map(select(.prompt == "oops sim:fail"))[0] | .task.status == "FAILURE" and .error.stage == "wait" and .error.retryable == false and .error.message == .task.failReason' \
    "FAILURE: error message is the failReason"
jq_ok out 'map(select(.prompt == "stop sim:cancel"))[0] | .task.status == "CANCEL" and .error.stage == "wait"' \
    "CANCEL: an error too"
jq_ok out 'map(select(.prompt == "fine"))[0] | .task.status == "SUCCESS" and (has("error") | not)' "SUCCESS: no error"
mj-wait -i 200ms < <(jq -c 'select(.prompt == "fine")' out) > grid 2>/dev/null
mj-submit --action 'U1' < grid | mj-wait -i 200ms | mj-submit --action 'Custom Zoom' 2>/dev/null |
    mj-wait -i 200ms > out 2>/dev/null
jq_ok out '.[0] | .task.status == "MODAL" and (has("error") | not)' "MODAL ends the wait, without an error"

# bare ids, as text; records without a task or with an error pass through
id=$(jq -r .task.id grid)
printf '%s\n' "$id" '{"note":"no task"}' '{"error":{"stage":"submit","message":"x"},"prompt":"p"}' | mj-wait -i 200ms > out 2> err
is "$?" 0 "pass-through records do not count as failures"
jq_ok out 'map(select(.task)) | length == 1 and .[0].task.id == "'"$id"'" and (.[0].task.id | type) == "string"' \
    "a bare id gives a record with its task, the id as text"
jq_ok out 'map(select(.note == "no task")) | length == 1' "a record without a task passes through"
jq_ok out 'map(select(.error.message == "x")) | length == 1' "an error record passes through untouched"
echo '{"task":{"id":"999999999999999999999"}}' | mj-wait -i 100ms > out 2>/dev/null
is "$?" 1 "an unknown task: status 1"
jq_ok out '.[0].error | .stage == "wait" and (.message | test("no such task"))' "... with an error saying so"
echo '{"broken' | mj-wait > out 2> err
is "$?" 1 "a line that cannot be read: status 1"
jq_ok out '.[0].error.stage == "input" and .[0].input == "{\"broken"' "... an error record with the raw line"
ok "... and a message naming the line" grep -q '^mj-wait: line 1: ' err

# --timeout: a retryable error; --events: one line per change
echo 'long one sim:dur=30' | mj-submit > sub.jsonl 2>/dev/null
mj-wait -i 200ms --timeout 1s --events ev.jsonl < sub.jsonl > out 2>/dev/null
is "$?" 1 "--timeout: status 1"
jq_ok out '.[0].error | .stage == "wait" and .retryable == true and (.message | test("timed out"))' \
    "--timeout: a retryable error"
printf '%s\n' 'evented sim:dur=1' | mj-submit | mj-wait -i 200ms --events ev2.jsonl > out 2>/dev/null
jq_ok ev2.jsonl 'length >= 2 and (map(.status) | index("SUCCESS")) != null and all(.id and .at)' \
    "--events: a line per status or progress change"
is "$(wc -l < out | tr -d ' ')" 1 "... while stdout keeps one record per task"

# streaming: the first record comes out before the input closes
echo 'stream sim:dur=0.1' | mj-submit > s1.jsonl 2>/dev/null
mkfifo fifo
mj-wait -i 200ms < fifo > out 2>/dev/null &
wpid=$!
exec 3> fifo
cat s1.jsonl >&3
ok "streaming: the first record is out while the input is still open" wait_until 10 test -s out
exec 3>&-
wait "$wpid"
is "$?" 0 "... and mj-wait ends when the input does"

# SIGTERM: every held task out with a retryable error, status 143
printf '%s\n' 'held a sim:dur=30' 'held b sim:dur=30' | mj-submit > sub.jsonl 2>/dev/null
polls=$(sim_stats | jq .poll_requests)
mj-wait -i 200ms < sub.jsonl > out 2>/dev/null &
wpid=$!
# once it polls, it holds the tasks (and has its signal handlers)
wait_until 30 sh -c "curl -s $SIM_URL/_sim/stats | jq -e '.poll_requests > $polls'"
kill -TERM "$wpid"
wait "$wpid"
is "$?" 143 "SIGTERM: status 143"
jq_ok out 'length == 2 and all(.error | .stage == "wait" and .message == "interrupted" and .retryable == true)' \
    "SIGTERM: each held task written with a retryable error"
sim_stop

# without list-by-condition: detected once, then one fetch per task
sim_start --duration 0.3 --capacity 50 --no-list
seq 1 5 | sed 's/^/nolist /' | mj-submit > sub.jsonl 2>/dev/null
mj-wait -i 200ms < sub.jsonl > out 2>/dev/null
is "$?" 0 "no list-by-condition: every task still waited for"
jq_ok out 'length == 5 and all(.task.status == "SUCCESS")' "... all five SUCCESS"
is "$(sim_stats | jq '.requests["POST /mj/task/list-by-condition"]')" 1 "... the lack detected once"
ok "... then fetched one by one" test "$(sim_stats | jq '.requests["GET /mj/task/fetch"]')" -ge 5
done_testing
