#!/bin/bash
# The simulator as trueai-org's server: video batches (batchSize 4 by
# default, 1, 2): that many different mp4s as {url, thumbnail} objects,
# the first also videoUrl and imageUrl; the final prompt of each.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 --image-urls
v4=$(sim_api POST /mj/submit/video '{"prompt":"waves","image":"http://x/f.png"}' | jq -r .result)
v1=$(sim_api POST /mj/submit/video '{"prompt":"loop","image":"http://x/f.png","motion":"high","loop":true,"endImage":"http://x/e.png","batchSize":1,"videoType":"vid_1.1_i2v_720"}' | jq -r .result)
v2=$(sim_api POST /mj/submit/video '{"prompt":"end","image":"http://x/f.png","endImage":"http://x/e.png","batchSize":2}' | jq -r .result)
ok "three videos finish" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' -d '{\"ids\":[\"$v4\",\"$v1\",\"$v2\"]}' $SIM_URL/mj/task/list-by-condition | jq -e 'length == 3 and all(.status == \"SUCCESS\")'"
t=$(sim_api GET /mj/task/$v4/fetch)
is "$(echo "$t" | jq -r '[(.videoUrls | length), (.videoUrls | map(has("url") and has("thumbnail")) | all), (.imageUrls | length)] | map(tostring) | join(" ")')" \
    "4 true 4" "batchSize defaults to 4: four {url, thumbnail} videoUrls, four imageUrls"
is "$(echo "$t" | jq -r '[.videoUrl == .videoUrls[0].url, .imageUrl == .videoUrl, .imageUrls[0].url == .videoUrl, (.videoUrls | map(.url) | unique | length)] | map(tostring) | join(" ")')" \
    "true true true 4" "videoUrl and imageUrl are the first; the four links differ"
for u in $(echo "$t" | jq -r '.videoUrls[].url'); do curl -s "$u" | sha256sum; done | sort -u > sums
is "$(wc -l < sums) $(curl -s -o /dev/null -w '%{content_type}' "$(echo "$t" | jq -r '.videoUrls[3].url')")" \
    "4 video/mp4" "... four different mp4 files"
is "$(echo "$t" | jq -r '.properties.finalPrompt')" "http://x/f.png waves --video 1 --motion low" \
    "the final prompt: image, prompt, --video 1, --motion low"
is "$(sim_api GET /mj/task/$v1/fetch | jq -r '[(.videoUrls | length | tostring), .properties.finalPrompt, .videoType] | join(" | ")')" \
    "1 | http://x/f.png loop --video 1 --end loop --motion high --bs 1 | vid_1.1_i2v_720" \
    "batchSize 1, loop (wins over endImage), motion high, HD"
is "$(sim_api GET /mj/task/$v2/fetch | jq -r '[(.videoUrls | length | tostring), .properties.finalPrompt] | join(" | ")')" \
    "2 | http://x/f.png end --video 1 --end http://x/e.png --motion low --bs 2" "batchSize 2 and an end image"
sim_stop
done_testing
