#!/bin/bash
# The simulator: the modal flow, Custom Zoom on an upscale (code 21, a
# MODAL task, /mj/submit/modal runs it).
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --duration 0.2 --jitter 0
# a finished imagine task to act on
id=$(sim_api POST /mj/submit/imagine '{"prompt":"a paper boat","state":"row-1","botType":"NIJI_JOURNEY"}' | jq -r .result)
wait_until 5 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$id/fetch | jq -e '.status == \"SUCCESS\"'"
t=$(sim_api GET /mj/task/$id/fetch)
# modal: Custom Zoom on an upscale
up=$(sim_api POST /mj/submit/action "{\"taskId\":\"$id\",\"customId\":\"$(sim_api GET /mj/task/$id/fetch | jq -r '.buttons[1].customId')\"}" | jq -r .result)
ok "the upscale finishes" wait_until 5 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$up/fetch | jq -e '.status == \"SUCCESS\" and .action == \"UPSCALE\"'"
cz=$(sim_api GET /mj/task/$up/fetch | jq -r '.buttons[] | select(.label == "Custom Zoom") | .customId')
m=$(sim_api POST /mj/submit/action "{\"taskId\":\"$up\",\"customId\":\"$cz\"}")
is "$(echo "$m" | jq -r .code)" 21 "Custom Zoom answers code 21"
mid=$(echo "$m" | jq -r .result)
is "$(sim_api GET /mj/task/$mid/fetch | jq -r .status)" MODAL "the new task waits in MODAL"
is "$(sim_api POST /mj/submit/modal "{\"taskId\":\"$mid\",\"prompt\":\"boat --zoom 2\"}" | jq -r .code)" 1 "the modal submission runs it"
ok "the modal task finishes" wait_until 5 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$mid/fetch | jq -e '.status == \"SUCCESS\"'"
sim_stop
done_testing
