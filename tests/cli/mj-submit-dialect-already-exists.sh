#!/bin/bash
# mj-submit against old novicezk's code 21 for an upscale made before
# (api.md 7b): no error, the record names the existing task, nothing
# created, no modal sent; a rerun resumes it from the journal.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# the simulator here says its dialect

sim_start --dialect novicezk-old --duration 0.2 --jitter 0 --capacity 20 \
    --stable-customids
echo 'an old server' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
mj-submit --action U1 < grid.jsonl | mj-wait -i 200ms > up.jsonl 2> err
jq_ok up.jsonl '.[0].task.status == "SUCCESS"' "novicezk-old: an upscale"
upid=$(jq -r .task.id up.jsonl)
n=$(created)
mj-submit --journal j --action U1 --modal-prompt 'never sent' < grid.jsonl \
    > out 2> err
is "$?" 0 "U1 again: code 21 'already exists' is no error"
jq_ok out ".[0].task.id == \"$upid\" and .[0].task.status == \"SUCCESS\" and
    .[0].submit.existing == true and .[0].submit.code == 21" \
    "... the record names the existing task, its status, and says so"
is "$(created)" "$n" "... nothing new created"
is "$(req modal)" 0 "... and no modal sent for a finished task"
mj-submit --journal j --action U1 < grid.jsonl > out2 2> err
jq_ok out2 ".[0].task.id == \"$upid\" and .[0].submit.resumed" \
    "the rerun resumes it from the journal"
is "$(req action)" 2 "... sending nothing"
mj-submit --action U1 < grid.jsonl > out3 2> err
is "$?" 0 "without a journal: status 0"
jq_ok out3 ".[0].task.id == \"$upid\" and .[0].submit.existing == true" \
    "... the record names the existing task"
is "$(created)" "$n" "... nothing new created"
sim_stop
done_testing
