#!/bin/bash
# Capacity and queue (codes 22 and 23): one scenario, whose checks follow
# one another by design (the first task runs, so the second queues, so the
# third is refused; the queued one runs when the first ends).  Banned
# words, the sim: markers and the second simulator's options are
# mjsim-banned.sh, mjsim-marker-*.sh, mjsim-sim-task.sh, mjsim-no-list.sh,
# mjsim-prefix.sh, mjsim-auth-style.sh and mjsim-max-seconds.sh.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves, 23 (mjsim-dialect-trueai-queue.sh checks trueai's)"
# tasks last 2 s: the three submissions must reach it while the first runs,
# even on a loaded machine (a package build, many tests at once)
sim_start --capacity 1 --queue 1 --duration 2 --lang en
is "$(sim_api POST /mj/submit/imagine '{"prompt":"one"}' | jq -r .code)" 1 "the first task runs"
q=$(sim_api POST /mj/submit/imagine '{"prompt":"two"}')
is "$(echo "$q" | jq -r .code)" 22 "the second is queued (22)"
is "$(echo "$q" | jq -r .properties.numberOfQueues)" 1 "with its place in the queue"
is "$(sim_api POST /mj/submit/imagine '{"prompt":"three"}' | jq -r .code)" 23 "the third is refused (23)"
is "$(sim_stats | jq -r '.submissions.three // 0')" 0 "a refusal creates nothing"
qid=$(echo "$q" | jq -r .result)
is "$(sim_api GET /mj/task/$qid/fetch | jq -r .status)" NOT_START "the queued task is NOT_START"
ok "the queued task runs when a slot frees" wait_until 15 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$qid/fetch | jq -e '.status == \"SUCCESS\"'"
done_testing
