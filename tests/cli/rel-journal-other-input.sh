#!/bin/bash
# a journal from another input: nothing of this input is taken as done;
# each prompt of both inputs submitted once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 100
seq 1 5 | sed 's/^/first input /' | mj-submit --journal shared.journal > /dev/null 2>&1
seq 1 5 | sed 's/^/second input /' | mj-submit --journal shared.journal > second.jsonl 2>/dev/null
jq_ok second.jsonl 'length == 5 and all(.task.id and (.submit.resumed | not))' \
    "a journal from another input: every new prompt submitted"
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | test("input")) | .value] | (length == 10 and all(. == 1))')" \
    true "... each prompt of both inputs once"
sim_stop
done_testing
