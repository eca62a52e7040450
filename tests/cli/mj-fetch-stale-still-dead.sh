#!/bin/bash
# mj-fetch: a link that answers 410, and the same link again after the
# task is read once more: the error record it was before links were
# renewed (HTTP 410, not retryable, the URL in the message).
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

fetches() { sim_stats | jq '.requests["GET /mj/task/fetch"] // 0'; }

# links live 2 s after each read, on another host than the API's;
# sim:deadlink gives links that always answer 410, the same on every read
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 20000 \
    --link-ttl 2 --image-host localhost
printf '%s\n' '{"prompt":"dead sim:deadlink","k":4}' |
    mj-submit | mj-wait -i 100ms > tasks
jq_ok tasks 'length == 1 and all(.task.status == "SUCCESS") and all(.task.imageUrl | length > 0)' \
    "a finished task"
sleep 2.2	# as for expired links: the dead one is no different
before=$(fetches)
mj-fetch -d out < tasks > got 2> err
is "$?" 1 "status 1: the record could not be fetched"
jq_ok got 'length == 1 and (.[0] | .files == [] and .error.http == 410 and .error.retryable == false and (.error.message | test("^http://localhost:[0-9]+/mj/image/[0-9]+: HTTP 410")))' \
    "the same dead link again (410): the error record as before"
# one read for the one record (five in all when this shared a run with
# the renewed links, the forgotten task and the rerun)
is "$(( $(fetches) - before ))" 1 "one read for the record whose link failed"
is "$(grep -c '^mj-fetch: line' err)" 1 "stderr names the failed line"
is "$(sim_stats | jq .image_requests_with_auth)" 0 "the key never went to the image host"
is "$(sim_stats | jq .auth_failures)" 0 "... and the read of the task carried it"
sim_stop
done_testing
