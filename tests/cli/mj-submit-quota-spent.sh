#!/bin/bash
# mj-submit: a spent quota (api.md 7a, the gateway's code 4) stops the
# sending at once; what is in flight finishes, the record that met it and
# every one after are retryable with one message on stderr, status 1; with
# --journal the same command after a top-up submits exactly the rest.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

prompts() { seq 1 "$1" | sed "s/^/$2 /"; }
imagines() { sim_stats | jq '.requests["POST /mj/submit/imagine"] // 0'; }

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

# a top-up, then the same command: exactly the rest
sim_post /_sim/quota '{"tasks":100}' > /dev/null
prompts 20 q | mj-submit -j 4 --journal run.journal > out2 2> err4
is "$?" 0 "after a top-up the same command succeeds"
jq_ok out2 'length == 20 and all(.task.id)' "every record has its task"
jq_ok out2 'map(select(.submit.resumed)) | length == 3' "the three done before are resumed from the journal"
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("q ")) | .value] | (length == 20 and all(. == 1))')" \
    true "each prompt was submitted exactly once over both runs"
sim_stop
done_testing
