#!/bin/bash
# The simulator as trueai-org's server, --limit-refusal MSG and
# --limit-refusal-count N: the next N submissions to routes other than
# imagine answer success:false with MSG and a timestamp; nothing created.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.3 --jitter 0 \
    --limit-refusal '并发数已达上限' --limit-refusal-count 2
# imagine is not among the routes refused (the old script saw it in
# passing: its imagine got code 9, not the limit, while the limit was set)
is "$(code_of "$(sim_api POST /mj/submit/imagine '{"prompt":"one"}')")" 1 \
    "imagine is not refused by --limit-refusal"
l1=$(sim_api POST /mj/submit/describe "{\"base64\":\"$png\"}")
l2=$(sim_api POST /mj/submit/blend "{\"base64Array\":[\"$png\",\"$png\"]}")
is "$(echo "$l1" "$l2" | jq -s -c 'map([.success, .code, .message])')" \
    '[[false,-1,"并发数已达上限"],[false,-1,"并发数已达上限"]]' \
    "--limit-refusal: the next two non-imagine submissions get success:false"
ok "... with a timestamp" sh -c "echo '$l1' | jq -e '.timestamp | length > 0' >/dev/null"
# this simulator's own count: the one imagine, two limit refusals (the
# old mjsim-dialect.sh counted these with its queue-full refusals, [2,2])
is "$(sim_stats | jq -c '[.tasks_created, .limit_refusals]')" "[1,2]" \
    "... none of the refusals created a task"
sim_stop
done_testing
