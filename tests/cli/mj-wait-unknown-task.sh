#!/bin/bash
# mj-wait: a task the server does not know is an error record saying so,
# and the status is 1.  On trueai-org's servers (api.md 7b) such a task
# is left out of list replies and its fetch is HTTP 204 with no body:
# the same record, through the batched (list) path, the others unharmed.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
echo '{"task":{"id":"999999999999999999999"}}' | mj-wait -i 100ms > out 2>/dev/null
is "$?" 1 "an unknown task: status 1"
jq_ok out '.[0].error | .stage == "wait" and (.message | test("no such task"))' "... with an error saying so"
sim_stop

SIM_DIALECT_FIXED=1	# trueai's 204, asserted
sim_start --dialect trueai --duration 0.3 --jitter 0 --capacity 50
id=$(sim_api POST /mj/submit/imagine '{"prompt":"known"}' | jq -r .result)
printf '%s\n' '{"prompt":"a","task":{"id":"888888888888888888881"}}' \
    "{\"prompt\":\"known\",\"task\":{\"id\":\"$id\"}}" \
    '{"prompt":"b","task":{"id":"888888888888888888882"}}' |
    mj-wait -i 100ms > out 2> err
is "$?" 1 "trueai: two unknown tasks among three: status 1"
jq_ok out 'length == 3' "trueai: no record lost"
jq_ok out 'map(select(.prompt != "known")) | length == 2 and
    all(.error.stage == "wait" and .error.retryable == false and
    (.error.message | test("no such task")))' \
    "trueai: each unknown one an error record, 'no such task'"
jq_ok out 'map(select(.prompt == "known"))[0] | .task.status == "SUCCESS"
    and (has("error") | not)' "trueai: the known one finished"
lists=$(sim_stats | jq '.requests["POST /mj/task/list-by-condition"] // 0')
ok "trueai: they were polled in lists" test "$lists" -gt 0
is "$(sim_stats | jq '.requests["GET /mj/task/fetch"] // 0')" 6 \
    "trueai: ... then fetched alone, three times each (HTTP 204)"
is "$(cat err)" "" "trueai: nothing on stderr"
done_testing
