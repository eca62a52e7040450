#!/bin/bash
# mj-fetch: an expired link (403) whose task the server no longer knows:
# the one read of the task finds nothing, and the record is the error
# record it was before links were renewed (HTTP 403, stage fetch).
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

fetches() { sim_stats | jq '.requests["GET /mj/task/fetch"] // 0'; }

# links live 2 s after each read, on another host than the API's
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 20000 \
    --link-ttl 2 --image-host localhost
printf '%s\n' '{"prompt":"gone","k":5}' | mj-submit | mj-wait -i 100ms > tasks
jq_ok tasks 'length == 1 and all(.task.status == "SUCCESS") and all(.task.imageUrl | length > 0)' \
    "a finished task"
gone=$(jq -r -s '.[0].task.id' tasks)
sim_post /_sim/forget "{\"ids\":[\"$gone\"]}" > /dev/null
sleep 2.2	# its link has expired
before=$(fetches)
mj-fetch -d out < tasks > got 2> err
is "$?" 1 "status 1: the record could not be fetched"
jq_ok got 'length == 1 and (.[0] | .files == [] and .error.http == 403 and .error.stage == "fetch" and .task.id == "'"$gone"'")' \
    "a task the server no longer knows: the error record as before (403)"
# one read for the one record (five in all when this shared a run with
# the renewed links, the dead link and the rerun)
is "$(( $(fetches) - before ))" 1 "one read for the record whose link failed"
is "$(grep -c '^mj-fetch: line' err)" 1 "stderr names the failed line"
is "$(sim_stats | jq .image_requests_with_auth)" 0 "the key never went to the image host"
is "$(sim_stats | jq .auth_failures)" 0 "... and the read of the task carried it"
sim_stop
done_testing
