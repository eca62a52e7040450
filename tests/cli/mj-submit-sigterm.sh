#!/bin/bash
# SIGTERM while submissions wait and while they are on the wire.  Those
# waiting for their backoff are written out at once, "interrupted; not
# submitted", retryable; those sent are awaited for a while, then written
# out as "the task may exist"; mj-submit exits 143.  The same command
# then submits what was not, each prompt once.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}

# waiting: one task runs, none queue (code 23), retried 5 s later
sim_start --capacity 1 --queue 0 --duration 30
seq 1 4 | sed 's/^/term wait /' > wait.txt
MJ_RETRY_BASE_MS=5000 mj-submit -j 4 --journal w.journal wait.txt \
    > w1.jsonl 2> w1.err &
pid=$!
wait_until 10 sh -c "sim_n() { curl -s $SIM_URL/_sim/stats | jq '.tasks_created'; }; [ \"\$(sim_n)\" -ge 1 ]"
sleep 1
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "SIGTERM while three wait: status 143"
jq_ok w1.jsonl 'length == 4 and ([.[] | select(.task.id)] | length) == 1
    and ([.[] | select(.error.message == "interrupted; not submitted" and
    .error.retryable)] | length) == 3' \
    "one submitted; three written out at once, retryable"
sim_stop

# the same command later, with room: the three, each once
sim_start --capacity 10 --duration 0.2
MJ_RETRY_BASE_MS=50 mj-submit -j 4 --journal w.journal wait.txt \
    > w2.jsonl 2> w2.err
is "$?" 0 "the same command with room: status 0"
jq_ok w2.jsonl 'length == 4 and all(.task.id)' "... every prompt has a task"
is "$(sim_stats | jq '[.submissions[]] | (length == 3 and all(. == 1))')" \
    true "... the three not submitted before, each once"
sim_stop

# on the wire: every submission answered after 60 s; a SIGTERM, and the
# replies are awaited for 15 s (SUBQ_DRAIN_MS), then given up
sim_start --capacity 10 --fault submit:slow:1.0 --slow-ms 60000 \
    --max-seconds 200
printf 'term wire 1\nterm wire 2\n' > wire.txt
mj-submit -j 2 --journal r.journal wire.txt > r1.jsonl 2> r1.err &
pid=$!
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats |
    jq -e '.requests[\"POST /mj/submit/imagine\"] >= 2' >/dev/null"
t0=$SECONDS
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "SIGTERM while two are on the wire: status 143"
ok "... after waiting for their replies ($((SECONDS - t0)) s)" \
    test $((SECONDS - t0)) -ge 10
jq_ok r1.jsonl 'length == 2 and all(.error.retryable == false and
    (.error.message | test("may exist")))' \
    "... both written out: the task may exist, not retryable"
done_testing
