#!/bin/bash
# mj-fetch: a link that answers 403 (expired) makes mj-fetch read the task
# once more (GET /mj/task/{id}/fetch, with the key) and download the fresh
# link; the record's task is updated.  A task the server no longer knows,
# or the same dead link, gives the error record as before.  The key still
# goes to the API host only; a rerun requests nothing.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "a video task's two links as CometAPI gives them (trueai: four mp4s, imageUrl one of them)"
TEST_TIMEOUT=60

fetches() { sim_stats | jq '.requests["GET /mj/task/fetch"] // 0'; }
media() { sim_stats | jq '(.requests["GET /mj/image"] // 0) + (.requests["GET /mj/video"] // 0)'; }

# links live 2 s after each read, on another host than the API's
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 20000 \
    --link-ttl 2 --image-host localhost
printf '%s\n' '{"prompt":"one","k":1}' '{"prompt":"two","k":2}' \
    '{"prompt":"a clip --video","k":3}' '{"prompt":"dead sim:deadlink","k":4}' \
    '{"prompt":"gone","k":5}' | mj-submit | mj-wait -i 100ms > tasks
jq_ok tasks 'length == 5 and all(.task.status == "SUCCESS") and all(.task.imageUrl | length > 0)' \
    "five finished tasks"
gone=$(jq -r -s 'map(select(.k == 5))[0].task.id' tasks)
sim_post /_sim/forget "{\"ids\":[\"$gone\"]}" > /dev/null
sleep 2.2	# every link has expired
before=$(fetches)
mj-fetch -d out < tasks > got 2> err
is "$?" 1 "status 1: two records could not be fetched"
jq_ok got 'map(select(.k <= 3)) | length == 3 and all(.error == null)' \
    "the three tasks the server still has are fetched"
jq_ok got 'map(select(.k <= 3)) | all(.files | length >= 1 and all(.url | test("[?]ex=")))' \
    "... from fresh links"
jq -c -s 'map({k, old: .task.imageUrl})[]' tasks > old
jq_ok got 'map(select(.k <= 3)) | all(.task.imageUrl == .files[0].url)' \
    "the record's task is what the server says now"
ok "... not the expired link it came with" bash -c '
    ! jq -r -s "map(select(.k <= 3) | .files[0].url)[]" got | grep -qxF -f <(jq -r .old old)'
jq_ok got 'map(select(.k == 3))[0].files | length == 2 and .[1].type == "video/mp4"' \
    "a video task: both its links renewed by one read"
jq -r '.[].files[] | "\(.sha256)  \(.path)"' -s got > sums
ok "the files are the bytes served" sha256sum --quiet -c sums
jq_ok got 'map(select(.k == 4))[0] | .files == [] and .error.http == 410 and .error.retryable == false and (.error.message | test("^http://localhost:[0-9]+/mj/image/[0-9]+: HTTP 410"))' \
    "the same dead link again (410): the error record as before"
jq_ok got 'map(select(.k == 5))[0] | .files == [] and .error.http == 403 and .error.stage == "fetch" and .task.id == "'"$gone"'"' \
    "a task the server no longer knows: the error record as before (403)"
is "$(( $(fetches) - before ))" 5 "one read per record whose links failed, five in all"
is "$(grep -c '^mj-fetch: line' err)" 2 "stderr names the two failed lines"
is "$(sim_stats | jq .image_requests_with_auth)" 0 "the key never went to the image host"
is "$(sim_stats | jq .auth_failures)" 0 "... and every read of a task carried it"
# a rerun on the output: every file is there, nothing is requested
n=$(media)
mj-fetch -d out < got > again 2>/dev/null
is "$(media)" "$n" "a rerun fetches nothing"
is "$(( $(fetches) - before ))" 5 "... and reads no task"
sim_stop
done_testing
