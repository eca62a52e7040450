#!/bin/bash
# mj-wait: a key refused while tasks are polled (401) stops the wait:
# one message, every held task written with a retryable error, records
# without a task passed on untouched, status 2 (mj-wait(1)).
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 30 --jitter 0 --revoke-after 2
printf '%s\n' 'first' 'second' | mj-submit > sub.jsonl 2>/dev/null
echo '{"note":"no task"}' >> sub.jsonl
run_prog mj-wait -i 200ms < sub.jsonl > out 2> err
is "$?" 2 "the key refused while polling: status 2"
is "$(wc -l < err | tr -d ' ')" 1 "... one message"
ok "... saying so, with the HTTP status" grep -q "refused the key (HTTP 401)" err
jq_ok out 'map(select(.task)) | length == 2 and all(.error |
    .stage == "wait" and .retryable == true and
    .message == "not waited for: the API refused the key")' \
    "... each held task written with a retryable error"
jq_ok out 'map(select(.note)) == [{"note":"no task"}]' \
    "... the record without a task passed on untouched"
done_testing
