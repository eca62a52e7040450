#!/bin/bash
# mj-submit --video with the last frame (--end-image), --loop, batches
# (--batch-size) and HD (--hd): the bodies of api.md 7b, each created
# once; the options' misuse is a usage error that sends nothing.
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route
printf '\211PNG\r\n\032\n\0\0\0\rIHDRlast' > last.png
last="data:image/png;base64,$(base64 -w0 last.png)"
first=http://img.example/first.png
request() { sim_get "/_sim/task/$1" | jq -c .request; }
created() { sim_stats | jq -r '.tasks_created'; }
videos() { sim_stats | jq -r '.requests["POST /mj/submit/video"] // 0'; }

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'waves' | mj-submit --video --image "$first" --end-image last.png \
    --batch-size 2 --hd --motion high > out 2> err
is "$?" 0 "--video with a last frame, a batch of 2, in HD"
id=$(jq -r .task.id out)
is "$(request "$id" | jq -S -c .)" "$(jq -S -cn --arg f "$first" --arg l "$last" \
    '{image: $f, motion: "high", prompt: "waves", endImage: $l,
      videoType: "vid_1.1_i2v_720", batchSize: 2}')" \
    "... the body: image, motion, prompt, endImage (a data URI), videoType, batchSize"

echo 'a loop' | mj-submit --video --image "$first" --loop --batch-size 1 \
    > out 2> err
is "$?" 0 "--video --loop --batch-size 1"
is "$(request "$(jq -r .task.id out)" | jq -S -c .)" "$(jq -S -cn --arg f "$first" \
    '{image: $f, motion: "low", prompt: "a loop", loop: true, batchSize: 1}')" \
    "... the body: loop true, batchSize 1, no endImage, no videoType"

sent() { request "$(jq -r .task.id out)" | jq -S -c .; }
echo 'four' | mj-submit --video --image "$first" --batch-size 4 > out 2> err
is "$(sent)" "$(jq -S -cn --arg f "$first" \
    '{image: $f, motion: "low", prompt: "four", batchSize: 4}')" \
    "--batch-size 4: batchSize 4"
echo 'default' | mj-submit --video --image "$first" > out 2> err
is "$(sent)" "$(jq -S -cn --arg f "$first" \
    '{image: $f, motion: "low", prompt: "default"}')" \
    "no --batch-size: no batchSize (the server's 4)"

echo 'to the end' | mj-submit --video --image "$first" \
    --end-image http://img.example/end.png > out 2> err
is "$(request "$(jq -r .task.id out)" | jq -r .endImage)" \
    http://img.example/end.png "--end-image URL: sent as given"

n=$(videos)
echo x | mj-submit --video --image "$first" --batch-size 3 > out 2> err
is "$?" 2 "--batch-size 3: a usage error"
echo x | mj-submit --video --image "$first" --loop --end-image last.png \
    > out 2> err
is "$?" 2 "--loop with --end-image: a usage error"
echo x | mj-submit --end-image last.png > out 2> err
is "$?" 2 "--end-image without --video: a usage error"
is "$(videos)" "$n" "... nothing sent"

is "$(sim_stats | jq -c .kinds.video)" 5 "each video created once"
sim_stop
done_testing
