#!/bin/bash
# mj-submit --max-cost stops at the right job (money counted exactly:
# 0.50 at 0.05 is 10 jobs, not 9), the rest written out retryable; --plan
# on a real run counts what was submitted; the same command with the
# budget raised finishes, each prompt submitted once in all.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
sim_start --duration 0.2 --capacity 100 --queue 100
printf '# test prices\nimagine fast 0.05\nupscale * 0.02\n' > prices.txt

seq 1 15 | sed 's/^/budget prompt /' > budget.txt
mj-submit -j 4 --prices prices.txt --max-cost 0.50 --journal run.journal \
    --plan run-plan.json budget.txt > out.jsonl 2> err
is "$?" 1 "--max-cost 0.50: status 1, as --max-tasks"
jq_ok out.jsonl 'map(select(.task.id)) | length == 10' "10 jobs of 0.05 submitted"
jq_ok out.jsonl 'map(select(.error)) | length == 5 and all(.error.retryable == true and .error.stage == "submit"
    and (.error.message | test("--max-cost 0.50")))' "the other 5 written out, retryable, naming the budget"
# this simulator has seen only this run: all its submissions are these
is "$(sim_stats | jq '[.submissions[]] | add')" 10 "the server received 10"
jq_ok run-plan.json '.[0] | (.dryRun | not) and .jobs == 10 and .jobsHeld == 5 and .total == 0.5' \
    "--plan on a real run counts what was submitted"
mj-submit -j 4 --prices prices.txt --max-cost 1.00 --journal run.journal budget.txt > again.jsonl 2> err
is "$?" 0 "the budget raised, the same command: status 0"
jq_ok again.jsonl 'length == 15 and all(.task.id) and (map(select(.submit.resumed)) | length == 10)' \
    "... the 10 resumed, the 5 others submitted"
is "$(sim_stats | jq '[.submissions[]] | add')" 15 "... each prompt submitted once in all"
sim_stop
done_testing
