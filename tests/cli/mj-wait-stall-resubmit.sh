#!/bin/bash
# The recipes of mj-wait(1) EXAMPLES for rows given up with --stall: a
# task cancelled is submitted again, once, and only that job of an
# expanded row (its submit.prompt, --no-expand), not the row's every
# job; a task not cancelled is waited for again, never submitted again.
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1	# trueai's cancel
sim_start --dialect trueai --cancel admin --stuck stuck --capacity 10 \
    --duration 0.3 --jitter 0
echo 'a {stuck, fine} dog' | mj-submit --journal run.journal |
    mj-wait -i 200ms --stall 1s > done.jsonl 2> err
jq_ok done.jsonl 'length == 2 and
    (map(select(.error.cancelled == true)) | map(.submit.prompt)) ==
    ["a stuck dog"]' "an expanded row: one job stalled and cancelled"
# the recipe, as mj-wait(1) gives it
jq -c 'select(.error.cancelled == true)
    | .prompt = (.submit.prompt // .prompt) | del(.error, .task, .submit)' \
    done.jsonl | mj-submit --no-expand --journal retry.journal > again.jsonl \
    2> err
is "$?" 0 "the cancelled one submitted again"
jq_ok again.jsonl 'length == 1 and .[0].task.id != null and
    .[0].prompt == "a stuck dog"' "... one record, its job's prompt"
is "$(sim_stats | jq -c '[.submissions["a stuck dog"],
    .submissions["a fine dog"], .tasks_created]')" "[2,1,3]" \
    "... that job alone was sent again, not the row's other job"
sim_stop

# not cancelled (the server refuses: 400): a slow task shows SUBMITTED,
# unchanged, for its first 2 s (the simulator's first tenth of 20 s),
# past --stall 1s; waited for again, it finishes
sim_start --dialect trueai --cancel denied --capacity 10 --duration 0.3 \
    --jitter 0
printf '%s\n' 'slow sim:dur=20' | mj-submit > sub.jsonl
mj-wait -i 200ms --stall 1s < sub.jsonl > done.jsonl 2> err
jq_ok done.jsonl 'length == 1 and (.[0].error |
    .cancelled == false and .stall.status == "SUBMITTED")' \
    "a task unchanged at SUBMITTED given up without a cancel"
jq -c 'select(.error.stage == "wait" and .error.retryable and
    .error.cancelled != true) | del(.error)' done.jsonl |
    mj-wait --stall 10m > again.jsonl 2> err
is "$?" 0 "waited for again: status 0"
jq_ok again.jsonl 'length == 1 and .[0].prompt == "slow sim:dur=20" and
    .[0].task.status == "SUCCESS"' "... it finished"
is "$(sim_stats | jq .tasks_created)" 1 "... and nothing was submitted again"
done_testing
