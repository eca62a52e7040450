#!/bin/bash
# mj-wait: a line that cannot be read is an input error record with the
# raw line and a message naming the line; the status is 1.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
echo '{"broken' | mj-wait > out 2> err
is "$?" 1 "a line that cannot be read: status 1"
jq_ok out '.[0].error.stage == "input" and .[0].input == "{\"broken"' "... an error record with the raw line"
ok "... and a message naming the line" grep -q '^mj-wait: line 1: ' err
done_testing
