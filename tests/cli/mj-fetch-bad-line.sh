#!/bin/bash
# mj-fetch: a line that cannot be read is an input error record, named
# on stderr; the status is 1.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 10
printf '{"broken\n' | run_prog mj-fetch -d out/sub > out4 2> err
is "$?" 1 "an unreadable line: status 1"
jq_ok out4 '.[0].error.stage == "input" and .[0].error.line == 1' "... an input error record"
ok "... named on stderr" grep -q '^mj-fetch: line 1: ' err
done_testing
