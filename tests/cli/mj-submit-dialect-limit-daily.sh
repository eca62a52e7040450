#!/bin/bash
# mj-submit against trueai-org's {"success":false,"code":-1} refusal that
# does not clear, 今日绘图次数已达上限 (a daily limit, api.md 7b): a
# retryable error record with the server's words, not sent again, nothing
# created for it; the next record still goes through.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# the simulator here says its dialect

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 \
    --limit-refusal '今日绘图次数已达上限' --limit-refusal-count 1
n=$(req shorten)
printf 'shorten %s\n' d e | mj-submit --shorten -j 1 > out 2> err
is "$?" 1 "success:false 今日绘图次数已达上限 (a daily limit): status 1"
jq_ok out 'map(select(.prompt == "shorten d"))[0].error |
    .retryable == true and .code == -1 and .stage == "submit" and
    .message == "今日绘图次数已达上限"' \
    "... an error record, retryable, with the server's message"
jq_ok out 'map(select(.prompt == "shorten e"))[0].task.id != null' \
    "... the next record still goes through"
is "$(( $(req shorten) - n ))" 2 "... the refused one was not sent again"
# this case's own count (when the four limit cases shared one
# simulator, the tasks were counted over all of them)
is "$(created)" 1 "... and nothing was created for it (only for the next)"
ok "... stderr names the line and the message" \
    grep -q '^mj-submit: line 1: 今日绘图次数已达上限' err
sim_stop
done_testing
