#!/bin/bash
# mj-submit -j 32 into a queue that drains slower than it sends: after a
# "queue full" answer it holds every submission for a while and sends
# fewer at once, instead of each of the 32 backing off alone and coming
# back into the same full queue.  300 prompts into 20 running and 20
# queued: each prompt one task, and under 0.7 refusals a task (about
# 0.35 measured; each of the 32 backing off alone made 2.5 a task).
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
# the backoff as shipped (1 s), not the tests' quick one
export MJ_RETRY_BASE_MS=1000
sim_start --duration 0.5 --jitter 0 --capacity 20 --queue 20
seq 1 300 | sed 's/^/paced /' > in.txt
mj-submit -q -j 32 --journal j in.txt > out 2> err
is "$?" 0 "300 prompts into a small queue: status 0"
sim_stats > stats.json
one_task_each out stats.json "each prompt one task"
requests=$(jq '.requests["POST /mj/submit/imagine"]' stats.json)
diag "$requests requests for 300 tasks"
ok "fewer than 510 requests for 300 tasks ($requests)" test "$requests" -lt 510
is "$(grep -c '^R ' j)" "$((requests - 300))" "the journal has a line for each refusal"
done_testing
