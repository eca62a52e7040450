#!/bin/bash
# mj-submit --notify-hook over the server's 2000 characters: an input
# error record naming the limit, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
requests() { sim_stats | jq '.requests | add'; }	# all it took

sim_start --duration 0.2 --capacity 50
n0=$(requests)
hook="http://127.0.0.1:9/$(printf 'h%.0s' $(seq 1 2000))"
echo 'a cat' | mj-submit --notify-hook "$hook" > out 2>/dev/null
jq_ok out '.[0].error | .stage == "input" and (.message | startswith("notifyHook is 2019 characters")) and
    (.message | test("limit of 2000"))' "a notifyHook over 2000: an input error naming the limit"
is "$(requests)" "$n0" "... nothing sent"
sim_stop
done_testing
