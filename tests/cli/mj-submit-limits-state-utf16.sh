#!/bin/bash
# mj-submit counts a row's state as the server counts it, in UTF-16 code
# units: 128 emoji are 256, over the limit of 255, an input error;
# nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
requests() { sim_stats | jq '.requests | add'; }	# all it took

sim_start --duration 0.2 --capacity 50
n0=$(requests)
# counted as the server counts: an emoji is two UTF-16 code units
emoji=$(printf '\xf0\x9f\x98\x80%.0s' $(seq 1 128))
printf '{"prompt":"a dog","state":"%s"}\n' "$emoji" | mj-submit > out 2>/dev/null
jq_ok out '.[0].error.message | startswith("state is 256 characters")' \
    "a row's own state of 128 emoji is 256 UTF-16 units: refused"
is "$(requests)" "$n0" "... nothing sent"
sim_stop
done_testing
