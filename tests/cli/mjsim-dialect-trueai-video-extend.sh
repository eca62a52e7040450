#!/bin/bash
# The simulator as trueai-org's server: a video extend (action "extend",
# an index within the batch of a video task) makes a VIDEO task with its
# parentId; the body kept as sent.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 --image-urls
v4=$(sim_api POST /mj/submit/video '{"prompt":"waves","image":"http://x/f.png"}' | jq -r .result)
g=$(sim_api POST /mj/submit/imagine '{"prompt":"a grid"}' | jq -r .result)
ok "a video and a grid finish" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' -d '{\"ids\":[\"$v4\",\"$g\"]}' $SIM_URL/mj/task/list-by-condition | jq -e 'length == 2 and all(.status == \"SUCCESS\")'"
is "$(code_of "$(sim_api POST /mj/submit/video "{\"prompt\":\"p\",\"action\":\"extend\",\"index\":4,\"taskId\":\"$v4\"}")")" 4 \
    "extend: an index past the batch is code 4"
is "$(code_of "$(sim_api POST /mj/submit/video "{\"prompt\":\"p\",\"action\":\"extend\",\"index\":0,\"taskId\":\"$g\"}")")" 4 \
    "extend of a task that is not a video: code 4"
is "$(code_of "$(sim_api POST /mj/submit/video "{\"prompt\":\"p\",\"action\":\"Extend\",\"index\":0,\"taskId\":\"$v4\"}")")" 4 \
    "extend: the action is exactly \"extend\""
x=$(sim_api POST /mj/submit/video "{\"prompt\":\"longer\",\"action\":\"extend\",\"index\":3,\"taskId\":\"$v4\",\"batchSize\":1}" | jq -r .result)
ok "an extend finishes" wait_status "$x" SUCCESS
is "$(sim_api GET /mj/task/$x/fetch | jq -r '[.action, .parentId, (.videoUrls | length | tostring)] | join(" ")')" \
    "VIDEO $v4 1" "... as action VIDEO with its parentId"
is "$(sim_get /_sim/task/$x | jq -c '.request | [.action, .index, .taskId]')" "[\"extend\",3,\"$v4\"]" \
    "... the body as sent is kept"
sim_stop
done_testing
