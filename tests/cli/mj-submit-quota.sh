#!/bin/bash
# mj-submit: a spent quota (api.md 7a, both answer styles) or a key
# refused mid-run stops the sending at once; what is in flight finishes,
# the record that met it and every one after are retryable with one
# message on stderr, status 1; with --journal the same command after a
# top-up submits exactly the rest.  mj-wait and mj-fetch go on.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

prompts() { seq 1 "$1" | sed "s/^/$2 /"; }
imagines() { sim_stats | jq '.requests["POST /mj/submit/imagine"] // 0'; }
refusals_at_least() { test "$(sim_stats | jq .quota_refusals)" -ge "$1"; }

# the gateway's {"code":4,"description":"quota_not_enough"} after 3 tasks;
# -j 4: four in flight at once, three of them created
sim_start --duration 0.2 --jitter 0 --capacity 20 --quota 3
prompts 20 q | mj-submit -j 4 --journal run.journal > out1 2> err1
is "$?" 1 "a spent quota: status 1"
jq_ok out1 'length == 20' "every record is written out"
jq_ok out1 'map(select(.task.id)) | length == 3' "the three within the quota were submitted"
jq_ok out1 'map(select(.error)) | length == 17 and all(.error.message == "not submitted: the key'"'"'s quota is spent" and .error.retryable == true and .error.stage == "submit")' \
    "the other 17: not submitted, the quota is spent, retryable"
jq_ok out1 'map(select(.error.retryable != false)) | length == 20' \
    "... so the README's retry recipe keeps every one of them"
jq_ok out1 'map(select(.error.code == 4)) | length >= 1' "the one that met it keeps the API's code"
is "$(wc -l < err1 | tr -d ' ')" 1 "one message on stderr"
ok "... saying what happened and what to do" grep -q "quota is spent.*top up.*same command" err1
n=$(imagines)
ok "the sending stopped at once: $n of 20 requests sent (<= 3 + 4 in flight)" test "$n" -le 7
is "$(sim_stats | jq '[.submissions[]] | add')" 3 "three tasks created"
# with --rate, what waits for its turn is not sent either
sim_post /_sim/quota '{"tasks":1}' > /dev/null
before=$(imagines)
prompts 8 r | mj-submit -j 4 --rate 2 > out 2> err
is "$?" 1 "--rate 2 and a quota of one more task: status 1"
is "$(( $(imagines) - before ))" 2 "... two requests: the task, and the one refused; those queued behind the rate are held back"
jq_ok out 'length == 8 and (map(select(.task.id)) | length == 1) and (map(select(.error.retryable)) | length == 7)' \
    "... one task, seven retryable records"
sim_post /_sim/quota '{"tasks":0}' > /dev/null

# mj-wait and mj-fetch spend no quota: they go on
mj-wait -i 100ms < out1 > waited 2> err2
is "$?" 0 "mj-wait with the quota spent: status 0 (errors came with the records)"
jq_ok waited 'map(select(.task.status == "SUCCESS")) | length == 3' "... the three tasks waited for"
jq_ok waited 'map(select(.error)) | length == 17' "... the others passed on as they came"
mj-fetch -d files < waited > fetched 2> err3
is "$?" 0 "mj-fetch with the quota spent: status 0"
is "$(ls files | wc -l | tr -d ' ')" 3 "... three files"

# a top-up, then the same command: exactly the rest
sim_post /_sim/quota '{"tasks":100}' > /dev/null
prompts 20 q | mj-submit -j 4 --journal run.journal > out2 2> err4
is "$?" 0 "after a top-up the same command succeeds"
jq_ok out2 'length == 20 and all(.task.id)' "every record has its task"
jq_ok out2 'map(select(.submit.resumed)) | length == 3' "the three done before are resumed from the journal"
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("q ")) | .value] | (length == 20 and all(. == 1))')" \
    true "each prompt was submitted exactly once over both runs"
sim_stop

# new-api's task relay: HTTP 403 {"code":"quota_not_enough",...}
sim_start --duration 0.2 --capacity 20 --quota 2 --quota-style http403
prompts 6 h | mj-submit -j 1 > out 2> err
is "$?" 1 "HTTP 403 quota_not_enough: status 1"
jq_ok out 'map(select(.task.id)) | length == 2' "two submitted"
jq_ok out '.[2].error.http == 403 and (map(select(.error)) | length == 4 and all(.error.message == "not submitted: the key'"'"'s quota is spent" and .error.retryable))' \
    "the rest retryable, the first with HTTP 403"
is "$(imagines)" 3 "nothing sent after the refusal"
is "$(wc -l < err | tr -d ' ')" 1 "one message on stderr"
ok "... naming the quota, not the key" grep -q "quota is spent (HTTP 403)" err
sim_stop

# a gateway that answers polls too with 403 quota_not_enough: mj-wait
# does not take it for a refused key, and goes on once topped up
sim_start --duration 0.2 --capacity 20 --quota 1 --quota-polls
prompts 2 w | mj-submit > out 2> /dev/null
mj-wait -i 100ms < out > waited 2> err &
wpid=$!
ok "polls refused for the quota: mj-wait keeps trying" \
    wait_until 10 refusals_at_least 3
ok "... it did not stop" kill -0 $wpid
sim_post /_sim/quota '{"tasks":1}' > /dev/null
wait $wpid
is "$?" 0 "... and after a top-up it finishes: status 0"
jq_ok waited 'length == 2 and (map(select(.task.status == "SUCCESS")) | length == 1) and (map(select(.error)) | length == 1)' \
    "... the task waited for, the unsubmitted record passed on"
ok "... no word of a refused key" sh -c '! grep -q "refused the key" err'
sim_stop

# a key that stops working after 3 tasks (401, then 403): the same path
for st in 401 403; do
	sim_start --duration 0.2 --capacity 20 --revoke-after 3 --revoke-status $st
	prompts 8 k$st | mj-submit -j 1 --journal k$st.journal > out 2> err
	is "$?" 1 "a key refused mid-run ($st): status 1, not 2"
	jq_ok out 'map(select(.task.id)) | length == 3' "... three submitted before"
	jq_ok out '.[3].error.http == '$st' and (map(select(.error)) | length == 5 and all(.error.message == "not submitted: the API refused the key" and .error.retryable))' \
	    "... the rest retryable, the first with HTTP $st"
	is "$(imagines)" 4 "... nothing sent after the refusal"
	is "$(wc -l < err | tr -d ' ')" 1 "... one message on stderr"
	ok "... saying so" grep -q "refused the key (HTTP $st)" err
	sim_post /_sim/revoke '{"revoked":false}' > /dev/null
	prompts 8 k$st | mj-submit -j 1 --journal k$st.journal > out 2> err
	is "$?" 0 "... the key works again: the same command finishes"
	is "$(sim_stats | jq '[.submissions[]] | (length == 8 and all(. == 1))')" true \
	    "... each prompt submitted exactly once"
	sim_stop
done
done_testing
