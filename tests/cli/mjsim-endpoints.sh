#!/bin/bash
# The simulator serves every endpoint of api.md: imagine to SUCCESS with a
# real PNG, actions with the latest customId (stale ones refused), the
# modal flow, blend, describe, video, list-by-condition, auth.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect.sh checks trueai's)"
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
old=$(echo "$t" | jq -r '.buttons[0].customId')
new=$(sim_api GET /mj/task/$id/fetch | jq -r '.buttons[0].customId')
ok "customIds change between fetches" test "$old" != "$new"
is "$(sim_api POST /mj/submit/action "{\"taskId\":\"$id\",\"customId\":\"$old\"}" | jq -r .code)" 4 "a stale customId is refused with code 4"
is "$(sim_api POST /mj/submit/action "{\"taskId\":\"$id\",\"customId\":\"$new\"}" | jq -r .code)" 1 "the latest customId works"
is "$(sim_api POST /mj/submit/action '{"taskId":"nope","customId":"x"}' | jq -r .code)" 3 "an unknown task gives code 3"
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
png="data:image/png;base64,iVBORw0KGgo="
is "$(sim_api POST /mj/submit/blend "{\"base64Array\":[\"$png\"]}" | jq -r .code)" 4 "blend of one image is refused"
b=$(sim_api POST /mj/submit/blend "{\"base64Array\":[\"$png\",\"$png\"],\"dimensions\":\"PORTRAIT\"}" | jq -r .result)
d=$(sim_api POST /mj/submit/describe "{\"base64\":\"$png\"}" | jq -r .result)
v=$(sim_api POST /mj/submit/video '{"image":"http://x/1.png","motion":"high"}' | jq -r .result)
ok "blend, describe and video finish" wait_until 5 sh -c "curl -s -H 'Authorization: Bearer test-key' -d '{\"ids\":[\"$b\",\"$d\",\"$v\"]}' $SIM_URL/mj/task/list-by-condition | jq -e 'length == 3 and all(.status == \"SUCCESS\")'"
is "$(sim_api GET /mj/task/$d/fetch | jq -r '.prompt | split("\n\n") | length')" 4 "describe gives four prompts"
vu=$(sim_api GET /mj/task/$v/fetch | jq -r .videoUrl)
is "$(curl -s -o /dev/null -w '%{content_type}' "$vu")" video/mp4 "the video is served as video/mp4"
is "$(curl -s -o /dev/null -w '%{http_code}' -d '{"prompt":"x"}' $SIM_URL/mj/submit/imagine)" 401 "no key: 401"
is "$(curl -s -H 'mj-api-secret: test-key' -d '{"prompt":"y"}' $SIM_URL/mj/submit/imagine | jq -r .code)" 1 "the mj-api-secret header works too"
is "$(sim_stats | jq -r '.submissions["a paper boat"]')" 1 "stats count the submission once"
is "$(sim_stats | jq -r .submit_connections_reused)" 0 "curl used fresh connections"
done_testing
