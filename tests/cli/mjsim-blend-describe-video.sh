#!/bin/bash
# The simulator: blend (one image refused), describe (four prompts) and
# video (served as video/mp4), read back by list-by-condition.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --duration 0.2 --jitter 0
png="data:image/png;base64,iVBORw0KGgo="
is "$(sim_api POST /mj/submit/blend "{\"base64Array\":[\"$png\"]}" | jq -r .code)" 4 "blend of one image is refused"
b=$(sim_api POST /mj/submit/blend "{\"base64Array\":[\"$png\",\"$png\"],\"dimensions\":\"PORTRAIT\"}" | jq -r .result)
d=$(sim_api POST /mj/submit/describe "{\"base64\":\"$png\"}" | jq -r .result)
v=$(sim_api POST /mj/submit/video '{"image":"http://x/1.png","motion":"high"}' | jq -r .result)
ok "blend, describe and video finish" wait_until 5 sh -c "curl -s -H 'Authorization: Bearer test-key' -d '{\"ids\":[\"$b\",\"$d\",\"$v\"]}' $SIM_URL/mj/task/list-by-condition | jq -e 'length == 3 and all(.status == \"SUCCESS\")'"
is "$(sim_api GET /mj/task/$d/fetch | jq -r '.prompt | split("\n\n") | length')" 4 "describe gives four prompts"
vu=$(sim_api GET /mj/task/$v/fetch | jq -r .videoUrl)
is "$(curl -s -o /dev/null -w '%{content_type}' "$vu")" video/mp4 "the video is served as video/mp4"
sim_stop
done_testing
