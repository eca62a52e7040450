#!/bin/bash
# SIGTERM while a submission is on the wire, then the server drops the
# connection (it stops): the reply is lost after the stop, so the task
# list is not waited for: the record says the task may exist, at once,
# status 143.  The same command against a server that never made it
# finds no task in its list and submits it, once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 10 --fault submit:slow:1 --slow-ms 30000 --max-seconds 60
echo "term dropped" > in.txt
mj-submit --settle 0 --journal j in.txt > out.jsonl 2> err &
pid=$!
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats | jq -e '.faults[\"submit:slow\"] >= 1' >/dev/null"
kill -TERM "$pid"
sleep 0.5
sim_stop
t0=$SECONDS
wait "$pid"
is "$?" 143 "status 143"
ok "... at once once the connection dropped" test $((SECONDS - t0)) -lt 10
jq_ok out.jsonl 'length == 1 and .[0].error.retryable == false and
    (.[0].error.message | test("may exist"))' "... the task may exist, not retryable"

sim_start --duration 0.2 --capacity 10
mj-submit --settle 0 --journal j in.txt > out2.jsonl 2> err
is "$?" 0 "the same command: status 0"
sim_stats > stats.json
one_task_each out2.jsonl stats.json "... its one task"
done_testing
