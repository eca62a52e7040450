#!/bin/bash
# mj-submit: a run killed (SIGKILL) in the middle of a row's jobs, then
# the same command again, submits exactly the jobs it had not: each job
# of a row once, each copy of --r 2 once, 30 different tasks.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-180}
sim_start --duration 0.2 --capacity 200 --queue 200

printf '%s\n' 'row one {a,b,c,d,e,f,g,h,i,j}' 'row two {a,b,c,d,e,f,g,h,i,j} --r 2' > kill.txt
mj-submit -j 2 --rate 25 --journal kill.journal kill.txt > part.jsonl 2>/dev/null &
pid=$!
wait_until 20 sh -c 'test "$(grep -c "^T " kill.journal 2>/dev/null)" -ge 5'
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
diag "killed after $(grep -c '^T ' kill.journal) tasks"
ok "killed before the end" test "$(grep -c '^T ' kill.journal)" -lt 30
mj-submit -j 4 --journal kill.journal kill.txt > final.jsonl 2> err
is "$?" 0 "the same command again: status 0"
jq_ok final.jsonl 'length == 30 and all(.task.id | length > 0)' "... 30 records, each with its task"
sim_stats > stats.json
is "$(jq '[.submissions | to_entries[] | select(.key | startswith("row one")) | .value] | (length == 10 and all(. == 1))' stats.json)" \
    true "each job of row one submitted exactly once"
is "$(jq '[.submissions | to_entries[] | select(.key | startswith("row two")) | .value] | (length == 10 and all(. == 2))' stats.json)" \
    true "each job of row two (--r 2) submitted exactly twice, once per copy"
is "$(jq -r '[.[].task.id] | unique | length' < <(jq -s . final.jsonl))" 30 "30 different tasks"
sim_stop
done_testing
