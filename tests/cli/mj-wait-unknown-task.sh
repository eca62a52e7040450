#!/bin/bash
# mj-wait: a task the server does not know is an error record saying so,
# and the status is 1.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
echo '{"task":{"id":"999999999999999999999"}}' | mj-wait -i 100ms > out 2>/dev/null
is "$?" 1 "an unknown task: status 1"
jq_ok out '.[0].error | .stage == "wait" and (.message | test("no such task"))' "... with an error saying so"
done_testing
