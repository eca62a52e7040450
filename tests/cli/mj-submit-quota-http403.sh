#!/bin/bash
# mj-submit: new-api's task relay answers a spent quota (api.md 7a) with
# HTTP 403 {"code":"quota_not_enough",...}: taken as a spent quota, not a
# refused key; the rest retryable, one message, status 1.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

prompts() { seq 1 "$1" | sed "s/^/$2 /"; }
imagines() { sim_stats | jq '.requests["POST /mj/submit/imagine"] // 0'; }

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
done_testing
