#!/bin/bash
# mj-submit: a request whose reply was lost after the task was made is
# settled by the server's task list (GET /mj/task/list) when it carried
# mjpipe's state tag: the task found is taken over, in the same run.  The
# simulator counts what it received, so "exactly one task per prompt" is
# checked where it is made.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=240
N=24

sim_start --duration 0.2 --capacity 100 --seed 3 --fault submit:lost:0.3
seq 1 $N | sed "s/^/lost prompt /" > in.txt
mj-submit -j 4 --settle 0 --journal j1 in.txt > out.jsonl 2> err
is "$?" 0 "lost replies: the run succeeds"
sim_stats > stats.json
is "$(wc -l < out.jsonl | tr -d ' ')" $N "lost replies: one record per prompt"
one_task_each out.jsonl stats.json "lost replies: each prompt has exactly its one task, in its record"
ok "lost replies: some were lost" test "$(jq '.faults["submit:lost"] // 0' stats.json)" -gt 0
is "$(jq -s '[.[] | select(.submit.reconciled)] | length' out.jsonl)" \
    "$(jq '.faults["submit:lost"]' stats.json)" "lost replies: each found in the task list (reconciled)"
is "$(jq '.tasks_created' stats.json)" $N "lost replies: $N tasks created, no more"
ok "lost replies: the task list was read" test "$(jq .task_list_requests stats.json)" -gt 0
ok "lost replies: the journal has a tagged send line" grep -Eq '^S [0-9a-f]{64} [0-9]+$' j1
sim_stop

done_testing
