#!/bin/bash
# mj-submit sends a row's state of exactly 255 characters, the server's
# limit.
. "$top_srcdir/tests/cli/lib.sh"

sim_start --duration 0.2 --capacity 50
long=$(printf 'x%.0s' $(seq 1 255))
printf '{"prompt":"a dog","state":"%s"}\n' "$long" | mj-submit > out 2>/dev/null
jq_ok out '.[0].task.id | length > 0' "a state of exactly 255 is sent"
sim_stop
done_testing
