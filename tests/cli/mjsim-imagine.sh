#!/bin/bash
# The simulator: imagine to SUCCESS with a real PNG, its buttons, state and
# botType back; stats count the submission once.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --duration 0.2 --jitter 0
r=$(sim_api POST /mj/submit/imagine '{"prompt":"a paper boat","state":"row-1","botType":"NIJI_JOURNEY"}')
is "$(echo "$r" | jq -r .code)" 1 "imagine answers code 1"
is "$(echo "$r" | jq -r .description)" "提交成功" "with a Chinese description"
id=$(echo "$r" | jq -r .result)
ok "the task finishes" wait_until 5 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$id/fetch | jq -e '.status == \"SUCCESS\"'"
t=$(sim_api GET /mj/task/$id/fetch)
is "$(echo "$t" | jq -r '[.buttons[].label] | join(",")')" "U1,U2,U3,U4,,V1,V2,V3,V4" "a grid has U1..U4, reroll and V1..V4"
is "$(echo "$t" | jq -r '.state + " " + .botType')" "row-1 NIJI_JOURNEY" "state and botType come back"
curl -s -o img.png -D hdr "$(echo "$t" | jq -r .imageUrl)"
ok "the image is a PNG" sh -c "head -c 8 img.png | od -An -c | grep -q 'P   N   G'"
is "$(grep -i '^content-length' hdr | tr -d '\r' | awk '{print $2}')" "$(wc -c < img.png | tr -d ' ')" "Content-Length matches the bytes"
is "$(sim_stats | jq -r '.submissions["a paper boat"]')" 1 "stats count the submission once"
is "$(sim_stats | jq -r .submit_connections_reused)" 0 "curl used fresh connections"
sim_stop
done_testing
