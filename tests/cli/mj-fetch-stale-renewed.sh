#!/bin/bash
# mj-fetch: a link that answers 403 (expired) makes mj-fetch read the task
# once more (GET /mj/task/{id}/fetch, with the key) and download the fresh
# link; the record's task is updated.  The key still goes to the API host
# only.  (A forgotten task: mj-fetch-stale-gone.sh; a link dead for good:
# mj-fetch-stale-still-dead.sh; the rerun: mj-fetch-stale-rerun.sh.)
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "a video task's two links as CometAPI gives them (trueai: four mp4s, imageUrl one of them)"
TEST_TIMEOUT=60

fetches() { sim_stats | jq '.requests["GET /mj/task/fetch"] // 0'; }

# links live 2 s after each read, on another host than the API's
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 20000 \
    --link-ttl 2 --image-host localhost
printf '%s\n' '{"prompt":"one","k":1}' '{"prompt":"two","k":2}' \
    '{"prompt":"a clip --video","k":3}' | mj-submit | mj-wait -i 100ms > tasks
jq_ok tasks 'length == 3 and all(.task.status == "SUCCESS") and all(.task.imageUrl | length > 0)' \
    "three finished tasks"
sleep 2.2	# every link has expired
before=$(fetches)
mj-fetch -d out < tasks > got 2> err
is "$?" 0 "status 0: every record fetched"
jq_ok got 'length == 3 and all(.error == null)' \
    "the three tasks the server still has are fetched"
jq_ok got 'all(.files | length >= 1 and all(.url | test("[?]ex=")))' \
    "... from fresh links"
jq -c -s 'map({k, old: .task.imageUrl})[]' tasks > old
jq_ok got 'all(.task.imageUrl == .files[0].url)' \
    "the record's task is what the server says now"
ok "... not the expired link it came with" bash -c '
    ! jq -r -s "map(.files[0].url)[]" got | grep -qxF -f <(jq -r .old old)'
jq_ok got 'map(select(.k == 3))[0].files | length == 2 and .[1].type == "video/mp4"' \
    "a video task: both its links renewed by one read"
jq -r '.[].files[] | "\(.sha256)  \(.path)"' -s got > sums
ok "the files are the bytes served" sha256sum --quiet -c sums
# one read for each of the three records (the whole run used to count
# five: these three, the dead link's and the forgotten task's)
is "$(( $(fetches) - before ))" 3 "one read per record whose links failed, three in all"
is "$(grep -c '^mj-fetch: line' err)" 0 "stderr names no failed line"
is "$(sim_stats | jq .image_requests_with_auth)" 0 "the key never went to the image host"
is "$(sim_stats | jq .auth_failures)" 0 "... and every read of a task carried it"
sim_stop
done_testing
