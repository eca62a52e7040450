#!/bin/bash
# mj-submit: a run that cannot read the server's task list (503 on every
# query) leaves lost replies "may exist"; the rerun with the journal waits
# --settle, then finds each lost reply's task in the list and takes it
# over; a third run takes every task from the journal without the list.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=240
N=24

# the first run cannot read the list (503 on every query); the rerun can
sim_start --duration 0.2 --capacity 100 --seed 9 --fault submit:lost:0.25 \
    --fault submit:reset:0.25 --fault poll:503:1
seq 1 $N | sed "s/^/rerun prompt /" > in.txt
MJ_RETRY_BASE_MS=1 mj-submit -j 4 --settle 0 --journal j6 in.txt > run1.jsonl 2> err
maybe=$(jq -s '[.[] | select(.error.message // "" | test("may exist"))] | length' run1.jsonl)
ok "first run: some may exist ($maybe)" test "$maybe" -gt 0
sim_post /_sim/faults '{"faults":[]}' >/dev/null
t0=$(date +%s)
mj-submit -j 4 --settle 4 --journal j6 in.txt > run2.jsonl 2> err2
is "$?" 0 "rerun: succeeds"
ok "rerun: waited for the lost replies to settle, and said so" grep -q "waiting .* to settle" err2
ok "rerun: the wait took about --settle" test $(( $(date +%s) - t0 )) -ge 2
sim_stats > stats.json
one_task_each run2.jsonl stats.json "rerun: each prompt has exactly its one task"
found=$(jq -s '[.[] | select(.submit.resumed and .submit.reconciled)] | length' run2.jsonl)
is "$found" "$(jq '.faults["submit:lost"]' stats.json)" "rerun: each lost reply's task taken over ($found)"
is "$(jq -s '[.[] | select(.submit.resumed)] | length' run2.jsonl)" \
    "$(( $(jq -s '[.[] | select(.task.id)] | length' run1.jsonl) + found ))" \
    "rerun: the first run's tasks resumed too"
mj-submit -j 4 --settle 0 --journal j6 in.txt > run3.jsonl 2> err3
is "$(jq -s '[.[] | select(.submit.resumed and (.submit.reconciled | not))] | length' run3.jsonl)" $N \
    "a third run: every task from the journal, no list needed"
is "$(sim_stats | jq .task_list_requests)" "$(jq .task_list_requests stats.json)" \
    "a third run: the task list is not read again"
sim_stop
done_testing
