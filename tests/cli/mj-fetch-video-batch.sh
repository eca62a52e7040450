#!/bin/bash
# mj-fetch on a video batch: every videoUrls entry is downloaded, one
# file each ({id}-1 ...), strings (comet) or {url, thumbnail} objects
# (trueai-org), each with "index", its place in videoUrls; the same mp4
# given as imageUrl, videoUrl, imageUrls[0] and videoUrls[0] (trueai-org)
# is downloaded once and keeps index 1; a rerun fetches nothing.  Each dialect has a simulator of its own.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90
SIM_DIALECT_FIXED=1

videos() { sim_stats | jq '.requests["GET /mj/video"] // 0'; }
media() { sim_stats | jq '(.requests["GET /mj/image"] // 0) + (.requests["GET /mj/video"] // 0)'; }
batch='{"prompt":"a clip","image":"https://example.com/a.png","motion":"low","batchSize":4}'

# trueai-org: four objects, the first link four times over
sim_start --dialect trueai --duration 0.2 --jitter 0
id=$(sim_api POST /mj/submit/video "$batch" | jq -r .result)
echo "$id" | mj-wait -i 100ms > tasks
jq_ok tasks '.[0].task.status == "SUCCESS" and (.[0].task.videoUrls | length) == 4 and (.[0].task.videoUrls[0] | type) == "object" and .[0].task.imageUrl == .[0].task.videoUrl and .[0].task.imageUrls[0].url == .[0].task.videoUrl' \
    "trueai: a batch of four, the first link given four times"
run_prog mj-fetch -d out < tasks > out1 2> err
is "$?" 0 "trueai: status 0"
is "$(cat err)" "" "trueai: nothing on stderr"
jq_ok out1 '.[0].files | length == 4 and all(.type == "video/mp4")' \
    "trueai: four files, all video"
jq_ok out1 '.[0] | .task.id as $id | [.files[].path] == [range(1; 5) | "out/\($id)-\(.).mp4"]' \
    "trueai: named {id}-1 to {id}-4, in order"
jq_ok out1 '.[0] | [.files[].url] == [.task.videoUrls[].url]' \
    "trueai: each videoUrls entry once, in order"
jq_ok out1 '.[0].files | map(.sha256) | unique | length == 4' \
    "trueai: four different videos"
is "$(videos)" 4 "trueai: four downloads, no duplicate"
jq_ok out1 '[.[0].files[].index] == [1, 2, 3, 4]' \
    "trueai: index 1 to 4, the place in videoUrls"
jq_ok out1 '.[0] | .files[0].url == .task.imageUrl and .files[0].index == 1' \
    "trueai: the link given four times keeps its first place, index 1"
jq -r '.files[] | "\(.sha256)  \(.path)"' out1 > sums
ok "trueai: the bytes served" sha256sum --quiet -c sums
n=$(media)
run_prog mj-fetch -d out < tasks > out2 2> err
is "$?" 0 "trueai: a rerun, status 0"
is "$(media)" "$n" "trueai: ... no request"
is "$(jq -c .files out2)" "$(jq -c .files out1)" "trueai: ... the same files"
sim_stop

# comet: the first frame, then four strings (into a directory of its
# own: task ids start over with the simulator)
sim_start --duration 0.2 --jitter 0
id=$(sim_api POST /mj/submit/video "$batch" | jq -r .result)
echo "$id" | mj-wait -i 100ms > tasks
jq_ok tasks '.[0].task.status == "SUCCESS" and (.[0].task.videoUrls | length) == 4 and (.[0].task.videoUrls[0] | type) == "string"' \
    "comet: a batch of four links"
run_prog mj-fetch -d comet < tasks > out1 2> err
is "$?" 0 "comet: status 0"
jq_ok out1 '.[0] | .files | length == 5 and .[0].type == "image/png" and all(.[1:][]; .type == "video/mp4")' \
    "comet: the image, then four videos"
jq_ok out1 '.[0] | [.files[1:][].url] == .task.videoUrls' \
    "comet: every videoUrls entry, in order"
is "$(videos)" 4 "comet: four video downloads"
jq_ok out1 '.[0].files | (.[0] | has("index") | not) and [.[1:][].index] == [1, 2, 3, 4]' \
    "comet: the image without index, the videos 1 to 4"
run_prog mj-pack --layout webdataset -o wds.tar < out1 > packed 2> err
is "$?" 0 "comet: mj-pack --layout webdataset, status 0"
jq_ok packed '[.[0].archive.members[] | select(endswith(".json") | not) | select(endswith(".txt") | not)] | length == 5' \
    "... the image and each video a sample: no split grid"
sim_stop
done_testing
