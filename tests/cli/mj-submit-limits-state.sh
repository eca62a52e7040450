#!/bin/bash
# mj-submit --state over the server's 255 UTF-16 code units (issue 26,
# api.md 7b and 8): an input error record naming the limit, status 1,
# nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
requests() { sim_stats | jq '.requests | add'; }	# all it took

sim_start --duration 0.2 --capacity 50
n0=$(requests)
long=$(printf 'x%.0s' $(seq 1 300))
echo 'a cat' | mj-submit --state "$long" > out 2> err
is "$?" 1 "a 300-character state: status 1"
jq_ok out '.[0].error | .stage == "input" and .line == 1 and
    .message == "state is 300 characters (UTF-16 code units), over the server'"'"'s limit of 255; nothing was sent"' \
    "... an input error naming the limit"
is "$(requests)" "$n0" "... and nothing was sent"
sim_stop
done_testing
