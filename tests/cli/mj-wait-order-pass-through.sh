#!/bin/bash
# mj-wait --keep-order: a record that needs no waiting (no task) waits
# for its turn behind the tasks before it; without --keep-order it goes
# out at once.  And on SIGTERM the held tasks and the records behind
# them still come out in input order.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
printf '%s\n' 'slow sim:dur=2' 'fast sim:dur=0.2' | mj-submit > sub 2>/dev/null
{ sed -n 1p sub; echo '{"note":"between"}'; sed -n 2p sub; } > in.jsonl
run_prog mj-wait -i 200ms --keep-order < in.jsonl > out 2> err
is "$?" 0 "--keep-order with a record without a task: status 0"
is "$(jq -r '.note // (.prompt | split(" ")[0])' out | paste -sd,)" \
    "slow,between,fast" "... it waits for its turn"
run_prog mj-wait -i 200ms < in.jsonl > out 2> err
# (both tasks have ended by now: the record is simply first)
is "$(jq -r '.note // (.prompt | split(" ")[0])' out | head -1)" \
    "between" "without --keep-order: out at once"

printf '%s\n' 'held sim:dur=30' 'quick sim:dur=0.2' | mj-submit > sub2 2>/dev/null
{ sed -n 1p sub2; echo '{"note":"behind"}'; sed -n 2p sub2; } > in2.jsonl
polls=$(sim_stats | jq .poll_requests)
mj-wait -i 200ms --keep-order < in2.jsonl > out2 2> err2 &
wpid=$!
# the quick task done (held behind the first), then the signal
wait_until 30 sh -c "curl -s $SIM_URL/_sim/stats | jq -e '.poll_requests > $polls + 3'"
kill -TERM "$wpid"
wait "$wpid"
is "$?" 143 "--keep-order and SIGTERM: status 143"
is "$(jq -r '.note // (.prompt | split(" ")[0])' out2 | paste -sd,)" \
    "held,behind,quick" "... every record out, in input order"
jq_ok out2 '.[0].error.message == "interrupted" and .[0].error.retryable
    and .[2].task.status == "SUCCESS"' \
    "... the held task interrupted, the finished one kept"
done_testing
