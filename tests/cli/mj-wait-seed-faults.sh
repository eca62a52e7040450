#!/bin/bash
# mj-wait --seed when the seed requests fail (the simulator's "seed"
# fault class, image-seed requests only): an answer that is not the
# API's, or a 500 on every try, is one warning and records without a
# seed, not an error, status 0; SIGTERM while a seed is awaited writes
# that finished task as it is (no seed, no error), status 143.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90
seeds() { sim_stats | jq '.requests["GET /mj/task/image-seed"] // 0'; }

sim_start --duration 0.3 --jitter 0 --capacity 20 --fault seed:invalid:1
printf '%s\n' 'one' 'two' | mj-submit > sub.jsonl 2>/dev/null
run_prog mj-wait --seed -i 200ms < sub.jsonl > out 2> err
is "$?" 0 "a seed reply that is not the API's: status 0"
jq_ok out 'length == 2 and all(.task.status == "SUCCESS" and
    (.task | has("seed") | not) and (has("error") | not))' \
    "... both records, without a seed, without an error"
is "$(wc -l < err | tr -d ' ')" 1 "... one warning"
ok "... naming what came back" grep -q 'no seed (not an API reply' err
is "$(seeds)" 2 "... one seed request per task"
sim_stop

sim_start --duration 0.3 --jitter 0 --capacity 20 --fault seed:500:1
echo 'three' | mj-submit > sub.jsonl 2>/dev/null
run_prog mj-wait --seed -i 200ms < sub.jsonl > out 2> err
is "$?" 0 "a 500 on every seed request: status 0"
jq_ok out 'length == 1 and .[0].task.status == "SUCCESS" and
    (.[0].task | has("seed") | not) and (.[0] | has("error") | not)' \
    "... the record without a seed"
ok "... one warning with the HTTP status" grep -q 'no seed (HTTP 500)' err
ok "... after trying again" test "$(sim_stats | jq '.faults["seed:500"]')" -gt 1
sim_stop

sim_start --duration 0.3 --jitter 0 --capacity 20 --fault seed:slow:1 \
    --slow-ms 60000
echo 'four' | mj-submit > sub.jsonl 2>/dev/null
mj-wait --seed -i 200ms < sub.jsonl > out 2> err &
wpid=$!
wait_until 30 sh -c "curl -s $SIM_URL/_sim/stats |
    jq -e '.requests[\"GET /mj/task/image-seed\"] >= 1'"
kill -TERM "$wpid"
wait "$wpid"
is "$?" 143 "SIGTERM while a seed is awaited: status 143"
jq_ok out 'length == 1 and .[0].task.status == "SUCCESS" and
    (.[0].task | has("seed") | not) and (.[0] | has("error") | not)' \
    "... the finished task written as it is"
done_testing
