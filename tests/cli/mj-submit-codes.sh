#!/bin/bash
# mj-submit: the API's codes and HTTP refusals, each its own path:
# 1 and 22 succeed, 23 and 429 are retried, 24 and 4 are error records,
# 401 stops the run; --max-tasks, --dry-run, -j and --rate.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "code 23 and code 24 (trueai: code 9 and banned tasks that fail later)"

# capacity 1, queue 1: the first runs, the second queues (22), the rest
# are refused (23) until slots free up, and are then sent again
sim_start --duration 0.3 --jitter 0 --capacity 1 --queue 1
seq 1 6 | sed 's/^/prompt /' | mj-submit -j 6 > out 2> err
is "$?" 0 "queue full (23) is retried until every prompt is in"
jq_ok out 'length == 6 and all(.task.id != null)' "six tasks"
jq_ok out 'map(.submit.code) | (index(22) != null) and all(. == 1 or . == 22)' \
    "code 22 is a success, noted in submit.code"
jq_ok out 'map(select(.submit.code == 22))[0].task.status == "NOT_START"' "... with the task NOT_START"
is "$(sim_stats | jq '[.submissions[]] | (length == 6 and all(. == 1))')" true \
    "each prompt created exactly one task"
ok "refusals were sent again" test "$(sim_stats | jq '.requests["POST /mj/submit/imagine"]')" -gt 6
sim_stop

sim_start --duration 0.2 --capacity 20 --slow-ms 300
# 24 banned and 4 invalid: error records with the API's words, never retried
printf '%s\n' '{"prompt":"a forbidden thing"}' '{"prompt":"bad ref","base64Array":["http://x/y.png"]}' \
    '{"prompt":"fine"}' | mj-submit > out 2> err
is "$?" 1 "a refused prompt makes the status 1"
jq_ok out 'map(select(.prompt == "a forbidden thing"))[0].error | .code == 24 and .retryable == false and .stage == "submit" and (.message | length > 0)' \
    "code 24: an error record with the description"
jq_ok out 'map(select(.prompt == "bad ref"))[0].error | .code == 4 and .retryable == false' \
    "code 4: an error record"
jq_ok out 'map(select(.prompt == "fine"))[0].task.id != null' "the other records still go through"
is "$(sim_stats | jq '.requests["POST /mj/submit/imagine"]')" 3 "refused prompts are not retried"
ok "stderr names the line" grep -q '^mj-submit: line 1: ' err

# 429 with Retry-After, and 503 before anything: retried
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"429","first":2}]}' >/dev/null
start=$(date +%s%N)
echo "after 429" | mj-submit > out 2> err
is "$?" 0 "429 is retried"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
ok "... honouring Retry-After (1 s): took ${ms} ms" test "$ms" -ge 900
is "$(sim_stats | jq '.submissions["after 429"]')" 1 "... and submitted once"

# --max-tasks: a budget guard
seq 1 5 | sed 's/^/budget /' | mj-submit -j 1 --max-tasks 3 > out 2> err
is "$?" 1 "--max-tasks: status 1 when records are left over"
jq_ok out 'map(select(.task.id)) | length == 3' "--max-tasks 3: three submitted"
jq_ok out 'map(select(.error)) | length == 2 and all(.error.retryable == true and (.error.message | test("max-tasks")))' \
    "... the rest get a retryable error saying why"
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("budget"))] | length')" 3 \
    "... and only three reached the server"

# --dry-run: no key needed, nothing sent
before=$(sim_stats | jq '.requests | add')
printf 'prompt,k\nhello,1\n' | env -u MJ_API_KEY mj-submit -n --bot niji > out 2> err
is "$?" 0 "--dry-run needs no key"
jq_ok out '.[0].submit == {"dryRun":true,"endpoint":"/mj/submit/imagine","body":{"prompt":"hello","botType":"NIJI_JOURNEY"}} and .[0].k == "1"' \
    "--dry-run prints the request it would send"
is "$(sim_stats | jq '.requests | add')" "$before" "--dry-run sends nothing"
echo x | env -u MJ_API_KEY mj-submit > out 2> err
is "$?" 2 "no key: status 2"
ok "... with a message saying how to set it" grep -q 'MJ_API_KEY' err
is "$(wc -c < out | tr -d ' ')" 0 "... and nothing on stdout"

# --rate is a ceiling: 6 submissions at 4/s take at least 1.2 s
start=$(date +%s%N)
seq 1 6 | sed 's/^/rated /' | mj-submit -j 6 --rate 4 > out 2>/dev/null
ms=$(( ($(date +%s%N) - start) / 1000000 ))
ok "--rate 4: 6 submissions took ${ms} ms (>= 1200)" test "$ms" -ge 1200
# -j bounds the requests in flight: slow replies (300 ms) one at a time
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"slow","first":4}]}' >/dev/null
start=$(date +%s%N)
seq 1 4 | sed 's/^/slow /' | mj-submit -j 1 > out 2>/dev/null
ms=$(( ($(date +%s%N) - start) / 1000000 ))
ok "-j 1: four slow replies in turn took ${ms} ms (>= 1100)" test "$ms" -ge 1100
done_testing
