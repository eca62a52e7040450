#!/bin/bash
# SIGTERM while a lost reply waits to be looked for in the task list
# (--settle 30): written out at once, the task may exist, not retryable;
# status 143.  The same command then finds its task in the task list:
# nothing is sent again, the prompt has its one task.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 10 --fault-first submit:lost:1
echo "term lost" > in.txt
mj-submit --settle 30 --journal j in.txt > out.jsonl 2> err &
pid=$!
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats | jq -e '.tasks_created >= 1' >/dev/null"
sleep 0.5	# the reply lost, the record waits for its settle time
t0=$SECONDS
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "status 143"
ok "... at once, not after the settle time" test $((SECONDS - t0)) -lt 10
jq_ok out.jsonl 'length == 1 and .[0].error.retryable == false and
    (.[0].error.message | test("may exist"))' "... the task may exist, not retryable"
is "$(sim_stats | jq .task_list_requests)" 0 "... the task list was not read"

mj-submit --settle 0 --journal j in.txt > out2.jsonl 2> err
is "$?" 0 "the same command: status 0"
sim_stats > stats.json
one_task_each out2.jsonl stats.json "... the task found, its one task"
jq_ok out2.jsonl '.[0].submit.reconciled == true and .[0].submit.resumed == true' \
    "... found in the task list (reconciled, resumed)"
done_testing
