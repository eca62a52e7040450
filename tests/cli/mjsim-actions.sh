#!/bin/bash
# The simulator: actions with the latest customId (stale ones refused, an
# unknown task code 3).
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --duration 0.2 --jitter 0
# a finished imagine task to act on
id=$(sim_api POST /mj/submit/imagine '{"prompt":"a paper boat","state":"row-1","botType":"NIJI_JOURNEY"}' | jq -r .result)
wait_until 5 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$id/fetch | jq -e '.status == \"SUCCESS\"'"
t=$(sim_api GET /mj/task/$id/fetch)
old=$(echo "$t" | jq -r '.buttons[0].customId')
new=$(sim_api GET /mj/task/$id/fetch | jq -r '.buttons[0].customId')
ok "customIds change between fetches" test "$old" != "$new"
is "$(sim_api POST /mj/submit/action "{\"taskId\":\"$id\",\"customId\":\"$old\"}" | jq -r .code)" 4 "a stale customId is refused with code 4"
is "$(sim_api POST /mj/submit/action "{\"taskId\":\"$id\",\"customId\":\"$new\"}" | jq -r .code)" 1 "the latest customId works"
is "$(sim_api POST /mj/submit/action '{"taskId":"nope","customId":"x"}' | jq -r .code)" 3 "an unknown task gives code 3"
sim_stop
done_testing
