#!/bin/bash
# mj-fetch: files of finished tasks land in DIR with the bytes served
# (sha256 and length checked against sha256sum), records without work
# pass through untouched and at once, a rerun makes no request, and the
# key goes to the API host only (and is not needed at all otherwise).
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "a video task as CometAPI gives it, a PNG imageUrl and one videoUrl (trueai: four mp4s, imageUrl one of them)"
TEST_TIMEOUT=60

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

# --no-sha256: the same files and sizes, no "sha256"; a rerun over the
# files already there makes no request (mj-fetch-sync.sh: nor reads them)
run_prog mj-fetch --no-sha256 -d out/nh < tasks > out9 2> err
is "$?" 0 "--no-sha256: status 0"
jq_ok out9 '[.[].files[]] | length == 4 and all(has("sha256") | not) and all(.bytes > 0)' \
    "--no-sha256: no sha256 in files, bytes given"
jq -c '.files |= map(del(.sha256))' out1 | sort > want
jq -c '.files |= map(.path |= sub("^out/nh/"; "out/sub/"))' out9 | sort > got
ok "--no-sha256: otherwise the records of a hashing run" cmp -s want got
bad=0
for p in out/nh/*; do cmp -s "$p" "out/sub/${p##*/}" || bad=1; done
is "$bad" 0 "--no-sha256: the same files"
n1=$(media)
run_prog mj-fetch --no-sha256 -d out/sub < tasks > out10 2> err
is "$?" 0 "--no-sha256 rerun: status 0"
is "$(media)" "$n1" "--no-sha256 rerun: no request"
jq -c . out10 | sort > got
ok "--no-sha256 rerun: sizes from the files there, no sha256" cmp -s want got

# records with nothing to fetch go out untouched
printf '%s\n' '{"n":1.10,"x":"no task"}' \
    '{"task":{"id":"1","status":"FAILURE","imageUrl":"http://127.0.0.1:1/x"},"error":{"stage":"wait","message":"failed","retryable":false}}' \
    '{"task":{"id":"2","status":"IN_PROGRESS","imageUrl":"http://127.0.0.1:1/x"}}' \
    '{"task":{"id":"3","status":"SUCCESS","imageUrl":""}}' \
    '{"task":{"id":"4","status":"SUCCESS","imageUrl":"http://127.0.0.1:1/x"},"error":{"stage":"wait","message":"x","retryable":true}}' > skip
run_prog mj-fetch -d out/sub < skip > out3 2> err
is "$?" 0 "records with nothing to do: status 0"
ok "... are written byte for byte as they came" cmp -s skip out3
printf '{"broken\n' | run_prog mj-fetch -d out/sub > out4 2> err
is "$?" 1 "an unreadable line: status 1"
jq_ok out4 '.[0].error.stage == "input" and .[0].error.line == 1' "... an input error record"
ok "... named on stderr" grep -q '^mj-fetch: line 1: ' err

# streaming: a record is written before the input ends
mkfifo in.fifo
run_prog mj-fetch -d out/sub < in.fifo > out5 2> err &
fpid=$!
exec 3> in.fifo
head -1 tasks >&3
wait_until 10 test -s out5
is "$?" 0 "a record comes out while the input is still open"
exec 3>&-
wait "$fpid"
is "$?" 0 "... and the program ends at end of input"

# the key: sent to the API host (same scheme, host, port), never elsewhere
sim_stop
sim_start --duration 0.2 --jitter 0 --image-host localhost --image-auth
echo '{"prompt":"elsewhere"}' | mj-submit | mj-wait -i 200ms > tasks2
jq_ok tasks2 '.[0].task.imageUrl | startswith("http://localhost:")' "image on another host name"
run_prog mj-fetch -d o2 < tasks2 > out6 2> err
is "$?" 1 "an image host that wants a key we may not send: status 1"
is "$(sim_stats | jq .image_requests_with_auth)" 0 "the key is not sent to another host"
jq_ok out6 '.[0].error.http == 401 and .[0].error.stage == "fetch" and .[0].error.retryable == false and .[0].files == []' \
    "... the record says HTTP 401, not retryable"
ok "... and stderr names the line" grep -q '^mj-fetch: line 1: http://localhost:.*HTTP 401' err
sim_stop
sim_start --duration 0.2 --jitter 0 --image-auth
echo '{"prompt":"at home"}' | mj-submit | mj-wait -i 200ms > tasks3
run_prog mj-fetch -d o3 < tasks3 > out7 2> err
is "$?" 0 "an image on the API host gets the key"
is "$(sim_stats | jq .image_requests_with_auth)" 1 "... exactly once"
sim_stop
sim_start --duration 0.2 --jitter 0
echo '{"prompt":"no key"}' | mj-submit | mj-wait -i 200ms > tasks4
env -u MJ_API_KEY mj-fetch -d o4 < tasks4 > out8 2> err
is "$?" 0 "no API key needed"
jq_ok out8 '.[0].files | length == 1' "... and the file is fetched"
is "$(sim_stats | jq .image_requests_with_auth)" 0 "... without any key"
done_testing
