#!/bin/bash
# mj-submit against trueai-org's and old novicezk's answers (api.md 7b):
# queue full as code 9 and the success:false limits (on imagine: code 4
# saying so) are backed off and sent again (nothing was created); other
# success:false refusals are retryable error records with the server's
# words; an action on a parent that does not exist (HTTP 404, code 3)
# says so; an old server's code 21 for an upscale made before gives that
# task, pays nothing, sends no modal.  Each prompt is created once (the
# simulator's ledger).
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1	# each simulator here says its dialect
png="data:image/png;base64,iVBORw0KGgo="
created() { sim_stats | jq -r '.tasks_created'; }
req() { sim_stats | jq -r ".requests[\"POST /mj/submit/$1\"] // 0"; }

# ---- code 9: trueai's queue full on imagine --------------------------------
# capacity 1, queue 1: one runs, one queues (22), the rest get code 9
sim_start --dialect trueai --duration 0.3 --jitter 0 --capacity 1 --queue 1
seq 1 6 | sed 's/^/nine /' | mj-submit -j 6 > out 2> err
is "$?" 0 "code 9 (queue full) is backed off and sent again: status 0"
jq_ok out 'length == 6 and all(.task.id != null and .error == null)' \
    "... six tasks, no error"
is "$(sim_stats | jq '[.submissions[]] | (length == 6 and all(. == 1))')" \
    true "... each prompt created exactly once"
ok "... the refusals were sent again" test "$(req imagine)" -gt 6
sim_stop

# ---- success:false: a concurrency limit, then a queue limit ----------------
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 \
    --limit-refusal '并发数已达上限' --limit-refusal-count 3
printf 'shorten %s\n' a b | mj-submit --shorten -j 1 > out 2> err
is "$?" 0 "success:false 并发数已达上限 is backed off: status 0"
jq_ok out 'length == 2 and all(.task.id != null and .error == null)' \
    "... both submitted"
is "$(sim_stats | jq -c '[.limit_refusals, .tasks_created]')" "[3,2]" \
    "... three refusals, each prompt created once"
is "$(req shorten)" 5 "... the refused requests were sent again"
sim_post /_sim/limit '{"message":"队列数已达上限","count":2}' > /dev/null
echo 'shorten c' | mj-submit --shorten > out 2> err
is "$?" 0 "success:false 队列数已达上限 (queue limit) is backed off too"
jq_ok out '.[0].task.id != null' "... and submitted"
is "$(created)" 3 "... once"

# ---- imagine: the same limits come as code 4 (api.md 7b) ------------------
sim_post /_sim/limit '{"message":"并发数已达上限","count":2,"imagine":true}' \
    > /dev/null
n=$(req imagine)
echo 'a limited cat' | mj-submit > out 2> err
is "$?" 0 "imagine: code 4 并发数已达上限 (a limit) is backed off: status 0"
jq_ok out '.[0].task.id != null and .[0].error == null' "... and submitted"
is "$(( $(req imagine) - n ))" 3 "... the two refusals were sent again"
is "$(sim_stats | jq '.submissions["a limited cat"]')" 1 "... created once"

# ---- success:false: a refusal that does not clear --------------------------
sim_post /_sim/limit '{"message":"今日绘图次数已达上限","count":1}' > /dev/null
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
is "$(created)" 5 "... and nothing was created for it"
ok "... stderr names the line and the message" \
    grep -q '^mj-submit: line 1: 今日绘图次数已达上限' err
sim_stop

# ---- an action on a task the server does not know: 404 with code 3 ---------
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'a grid' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS"' "a finished grid"
# the same grid under an id the server never gave
jq -c '.task.id = "999999999"' grid.jsonl > ghost.jsonl
n=$(created)
mj-submit --action U1 < ghost.jsonl > out 2> err
is "$?" 1 "an action on an unknown parent: status 1"
jq_ok out '.[0].error | .code == 3 and .http == 404 and
    .retryable == false and (.message | startswith("no such parent task"))' \
    "... 'no such parent task', code 3, HTTP 404, not retryable"
is "$(req action)" 1 "... sent once"
is "$(created)" "$n" "... nothing created"
sim_stop

# ---- old novicezk: code 21 for an upscale made before ----------------------
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
sim_stop
done_testing
