#!/bin/bash
# mj-wait: JSON that was meant (a bad number, an array, true, a quoted id)
# is an input error, never a task id.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
printf '%s\n' '{"a":-01}' '[1,2]' 'true' 'two words' '"12 3"' | mj-wait -i 100ms > out 2> err
is "$?" 1 "mj-wait: lines that are neither records nor ids: status 1"
jq_ok out 'length == 5 and all(.error.stage == "input")' "... each an input error record"
sim_stop
done_testing
