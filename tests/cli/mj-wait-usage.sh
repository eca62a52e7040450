#!/bin/bash
# mj-wait: option values out of bounds are usage errors (status 2, the
# option and the bound named, the pointer to --help), before anything
# is polled; -j 1 (one poll request in flight) still waits for all.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
printf '%s\n' 'one' 'two' 'three' | mj-submit > sub 2>/dev/null
before=$(sim_stats | jq .poll_requests)
while IFS='|' read -r args want; do
	# shellcheck disable=SC2086
	run_prog mj-wait $args < sub > out 2> err
	is "$?" 2 "mj-wait $args: status 2"
	is "$(head -1 err)" "mj-wait: $want" "mj-wait $args: $want"
	is "$(sed -n 2p err)" "mj-wait: try 'mj-wait --help' for more information" \
	    "mj-wait $args: then the pointer to --help"
	is "$(wc -c < out | tr -d ' ')" 0 "mj-wait $args: no record"
done <<'CASES'
-i 50ms|--interval: at least 100ms: 50ms
-j 0|-j: must be 1 to 1000: 0
-j 1001|-j: must be 1 to 1000: 1001
--stall 999ms|--stall: at least 1s: 999ms
--rate 0|--rate: must be a number from 0.01 to 100000: 0
--timeout soon|--timeout: not a duration (like 500ms, 3s, 30m, 1h): soon
CASES
is "$(sim_stats | jq .poll_requests)" "$before" "nothing polled for any of them"
run_prog mj-wait -j 1 -i 100ms < sub > out 2> err
is "$?" 0 "-j 1: status 0"
jq_ok out 'length == 3 and all(.task.status == "SUCCESS")' "-j 1: every task waited for"
done_testing
