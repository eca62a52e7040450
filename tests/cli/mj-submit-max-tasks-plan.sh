#!/bin/bash
# mj-submit --max-tasks with --plan: the plan of a real run counts the
# jobs submitted and, apart, those held back by --max-tasks.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20
seq 1 5 | sed 's/^/held /' | mj-submit -j 1 --max-tasks 2 --plan plan.json > out 2> err
is "$?" 1 "--max-tasks 2 of 5: status 1"
jq_ok out 'map(select(.task.id)) | length == 2' "... two submitted"
jq_ok plan.json '.[0] | (.dryRun | not) and .jobs == 2 and .jobsHeld == 3' \
    "... the plan: 2 jobs, 3 held back"
is "$(sim_stats | jq '[.submissions[]] | add')" 2 "... the server received 2"
done_testing
