#!/bin/bash
# The simulator as CometAPI: a video with batchSize N (or an imagine video
# with --bs N) has N different mp4s in videoUrls, strings, the first also
# videoUrl; without it only videoUrl, as before.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 9
k=$(sim_api POST /mj/submit/video '{"prompt":"sea","image":"http://x/f.png","motion":"low","batchSize":4}' | jq -r .result)
k0=$(sim_api POST /mj/submit/video '{"image":"http://x/f.png","motion":"low"}' | jq -r .result)
k2=$(sim_api POST /mj/submit/imagine '{"prompt":"http://x/f.png sea --video --motion low --bs 2"}' | jq -r .result)
ok "comet: the videos finish" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' -d '{\"ids\":[\"$k\",\"$k0\",\"$k2\"]}' $SIM_URL/mj/task/list-by-condition | jq -e 'length == 3 and all(.status == \"SUCCESS\")'"
t=$(sim_api GET /mj/task/$k/fetch)
is "$(echo "$t" | jq -r '[(.videoUrls | length), (.videoUrls | map(type == "string") | all), (.videoUrls[0] == .videoUrl), (.videoUrls | unique | length)] | map(tostring) | join(" ")')" \
    "4 true true 4" "comet: batchSize 4 gives four videoUrls, strings"
for u in $(echo "$t" | jq -r '.videoUrls[]'); do curl -s "$u" | sha256sum; done | sort -u > sums
is "$(wc -l < sums)" 4 "... four different files"
is "$(sim_api GET /mj/task/$k0/fetch | jq -r 'has("videoUrls")')" false "comet: no batchSize, no videoUrls (as before)"
is "$(sim_api GET /mj/task/$k2/fetch | jq -r '.videoUrls | length')" 2 "comet: an imagine video with --bs 2 has two"
sim_stop
done_testing
