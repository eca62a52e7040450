#!/bin/bash
# mj-wait --seed --rate: the seed requests count against --rate like polls.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90

sim_start --duration 0.2 --jitter 0 --capacity 100 --no-list
seq 1 12 | sed 's/^/rated /' | mj-submit -j 8 > sub.jsonl
run_prog mj-wait --seed -i 200ms --rate 4 < sub.jsonl > out 2> err
jq_ok out 'length == 12 and all(.task.seed | type == "string")' "--rate 4: all twelve with seeds"
max=$(sim_stats | jq .max_poll_rate_1s)
diag "most poll and seed requests in any 1 s window: $max"
if [ "${MJ_VALGRIND:-0}" = 1 ]; then
	echo "ok $((_tap_n += 1)) - # SKIP --rate measured at the server under valgrind ($max)"
else
	ok "--rate 4: never more than 4 poll and seed requests in a second ($max)" test "$max" -le 4
fi
sim_stop
done_testing
