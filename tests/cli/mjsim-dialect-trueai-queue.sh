#!/bin/bash
# The simulator as trueai-org's server (api.md 7b), queue full: imagine
# runs, then queues (22, saying how many are ahead), then gets code 9
# (never 23); another route gets success:false 队列数已达上限; no refusal
# creates a task, and the queue drains.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --capacity 1 --queue 1 --duration 0.3 --jitter 0
a=$(sim_api POST /mj/submit/imagine '{"prompt":"one sim:dur=4"}')
b=$(sim_api POST /mj/submit/imagine '{"prompt":"two"}')
is "$(code_of "$a") $(code_of "$b")" "1 22" "trueai: run, then queued (22)"
is "$(echo "$b" | jq -r '.description + " " + (.properties.numberOfQueues | tostring)')" \
    "排队中，前面还有0个任务 0" "... 22 says how many are ahead"
c=$(sim_api POST /mj/submit/imagine '{"prompt":"three"}')
is "$(echo "$c" | jq -c '[.code, .description, .result]')" \
    '[9,"提交失败，队列已满，请稍后重试",null]' "queue full on imagine: code 9 (never 23)"
q=$(sim_api POST /mj/submit/describe "{\"base64\":\"$png\"}")
is "$(echo "$q" | jq -c '[.success, .code, .message]')" '[false,-1,"队列数已达上限"]' \
    "queue full on another route: success:false 队列数已达上限"
# this simulator's own count: the two tasks that run and queue, no limit
# refusal here (the old mjsim-dialect.sh counted these refusals and the
# --limit-refusal ones together, [2,2]; mjsim-dialect-trueai-limit.sh
# counts its own)
is "$(sim_stats | jq -c '[.tasks_created, .limit_refusals]')" "[2,0]" \
    "... none of the refusals created a task"
ok "the queue drains" wait_status "$(echo "$b" | jq -r .result)" SUCCESS
sim_stop
done_testing
