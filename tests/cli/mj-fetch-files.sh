#!/bin/bash
# mj-fetch: files of finished tasks (images, a video) land in DIR with the
# bytes served (sha256 and length checked against sha256sum), one request
# per file; the record's own fields are kept; a rerun makes no request and
# writes the same records.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "a video task as CometAPI gives it, a PNG imageUrl and one videoUrl (trueai: four mp4s, imageUrl one of them)"
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 20000
printf '%s\n' '{"prompt":"one","sku":"A"}' '{"prompt":"two","sku":"B"}' \
    '{"prompt":"a clip --video","sku":"V"}' | mj-submit | mj-wait -i 200ms > tasks
jq_ok tasks 'length == 3 and all(.task.status == "SUCCESS")' "three finished tasks to fetch"

run_prog mj-fetch -d out/sub < tasks > out1 2> err
is "$?" 0 "status 0 when every file is fetched"
is "$(cat err)" "" "nothing on stderr"
jq_ok out1 'length == 3 and all(.files | length >= 1)' "every record gets files"
jq_ok out1 'map(select(.sku != "V")) | all(.files | length == 1 and .[0].path == "out/sub/\(.[0].url | split("/") | last).png" and .[0].type == "image/png" and .[0].bytes == 20000)' \
    "an image: path DIR/{id}.png, type and bytes"
jq_ok out1 'map(select(.sku == "V"))[0] | .files | length == 2 and .[0].type == "image/png" and .[1].type == "video/mp4" and (.[1].path | test("^out/sub/[0-9]+-2\\.mp4$")) and (.[0].path | test("-1\\.png$"))' \
    "a video task: two files, {id}-1.png and {id}-2.mp4"
jq_ok out1 'all(.prompt != null and .task.id != null and .submit != null)' "the record's own fields are kept"
jq -r '.[].files[] | "\(.sha256)  \(.path)"' -s out1 > sums
ok "sha256 and paths match the files on disk" sha256sum --quiet -c sums
bad=0
for f in $(jq -r '.files[] | .path + " " + (.bytes | tostring)' out1 | tr ' ' ':'); do
	[ "$(wc -c < "${f%%:*}")" -eq "${f##*:}" ] || bad=1
done
is "$bad" 0 "bytes match the files' sizes"
is "$(find out -name '*.part' | wc -l)" 0 "no .part file left"
# the served bytes, fetched by curl, are what was written
url=$(jq -r -s '.[0].files[0].url' out1)
path=$(jq -r -s '.[0].files[0].path' out1)
curl -s "$url" > served.png
ok "the file is the served image" cmp -s served.png "$path"
media() { sim_stats | jq '.requests["GET /mj/image"] + .requests["GET /mj/video"]'; }
n1=$(media)
is "$n1" 5 "one request per file (curl's included)"

# a rerun: no request at all, the same records
run_prog mj-fetch -d out/sub < tasks > out2 2> err
is "$?" 0 "rerun: status 0"
is "$(media)" "$n1" "rerun: no image or video request"
# records leave in completion order: compare them as sets
sort out1 > out1.sorted
sort out2 > out2.sorted
ok "rerun: the same records, the same files" cmp -s out1.sorted out2.sorted
done_testing
