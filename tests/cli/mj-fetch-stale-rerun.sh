#!/bin/bash
# mj-fetch: a rerun on the output of a run that renewed expired links
# requests nothing: every file renewed is there, and the records that
# stayed errors (a link dead for good, a forgotten task) are passed on.
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
jq_ok tasks 'length == 5 and all(.task.status == "SUCCESS")' \
    "five finished tasks"
gone=$(jq -r -s 'map(select(.k == 5))[0].task.id' tasks)
sim_post /_sim/forget "{\"ids\":[\"$gone\"]}" > /dev/null
sleep 2.2	# every link has expired
mj-fetch -d out < tasks > got 2>/dev/null
jq_ok got 'map(select(.k <= 3)) | length == 3 and all(.error == null)' \
    "the first run renews the links of the three tasks still known"
# the rerun alone: the first run's reads (one per record, five) and
# downloads are not counted
n=$(media)
before=$(fetches)
mj-fetch -d out < got > again 2>/dev/null
is "$(media)" "$n" "a rerun fetches nothing"
is "$(( $(fetches) - before ))" 0 "... and reads no task"
sim_stop
done_testing
