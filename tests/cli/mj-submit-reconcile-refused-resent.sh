#!/bin/bash
# mj-submit: requests refused before they were processed (503) are not in
# the server's task list (GET /mj/task/list), so the list gets them sent
# again, in the same run: exactly one task per prompt, none "found".
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=240
N=24

sim_start --duration 0.2 --capacity 100 --seed 5 --fault submit:503:0.3
seq 1 $N | sed "s/^/503 prompt /" > in.txt
mj-submit -j 4 --settle 0 --journal j2 in.txt > out.jsonl 2> err
is "$?" 0 "503s: the run succeeds"
sim_stats > stats.json
one_task_each out.jsonl stats.json "503s: each prompt has exactly its one task"
ok "503s: some requests failed" test "$(jq '.faults["submit:503"] // 0' stats.json)" -gt 0
is "$(jq -s '[.[] | select(.submit.reconciled)] | length' out.jsonl)" 0 "503s: none found: they were sent again"
ok "503s: the journal says nothing was created for them" grep -Eq '^R [0-9a-f]{64}$' j2
sim_stop

done_testing
