#!/bin/bash
# libcurl cannot say how much of a request it sent (CURLINFO_REQUEST_SIZE)
# and the reply of a submission is lost: the request may have left, so it
# is never sent again; the lost reply's task is found in the server's list
# and taken over, every prompt one task, paid once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"
sim_start --duration 0.2 --capacity 100 --fault-first submit:lost:1
prompts unsent 3

failing getinfo=REQUEST_SIZE:1+ mj-submit -j 1 --settle 1 \
    --journal run.journal prompts.txt > out.jsonl 2> err
is "$?" 0 "sent or not unknown, the reply lost: status 0"
ok "... the fault was made" grep -q 'getinfo 1 (REQUEST_SIZE)' failcurl.log
sim_stats > stats.json
one_task_each out.jsonl stats.json \
    "... the lost reply's task found, every prompt submitted once"
is "$(sim_stats | jq .tasks_created)" 3 "... three tasks in all"
done_testing
