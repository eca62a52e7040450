#!/bin/bash
# SIGTERM while mj-submit waits, at its start, for an earlier run's
# unanswered request to settle before it reads the task list: it stops
# at once, status 143, having read no record (it holds none to write
# out) and sent nothing.  The same command later finds the earlier
# request's task and submits the other prompt: each prompt once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 10 --fault-first submit:lost:1 --fault poll:500:1
echo "settle first" > in1.txt
mj-submit --settle 0 --journal j in1.txt > out1.jsonl 2> err1
is "$?" 1 "the reply lost, the task list unreadable: status 1"
sim_post /_sim/faults '{"faults":[]}' > /dev/null

printf 'settle first\nsettle second\n' > in.txt
mj-submit --settle 60 --journal j in.txt > out2.jsonl 2> err2 &
pid=$!
wait_until 10 grep -q "waiting .* for 1 unanswered submission of an earlier run" err2
t0=$SECONDS
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "SIGTERM while waiting to settle: status 143"
ok "... at once" test $((SECONDS - t0)) -lt 10
is "$(wc -c < out2.jsonl | tr -d ' ')" 0 "... no record read, none written"
sim_stats > stats.json
is "$(jq '[.submissions[]] | add' stats.json)" 1 "... nothing sent"

mj-submit --settle 0 --journal j in.txt > out3.jsonl 2> err3
is "$?" 0 "the same command: status 0"
sim_stats > stats.json
one_task_each out3.jsonl stats.json "... each prompt its one task"
done_testing
