#!/bin/bash
# mj-fetch: links expired with 404, 20 records at once: every file from a
# fresh link, the reads of the tasks paced like polls.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "not yet run against other dialects (split from mj-fetch-stale.sh, which skipped)"
TEST_TIMEOUT=60

sim_start --duration 0.2 --jitter 0 --capacity 30 --queue 30 --image-bytes 5000 \
    --link-ttl 1.5 --link-expired-status 404
seq 1 20 | sed 's/^/many /' | mj-submit -j 8 | mj-wait -i 100ms --rate 5 > tasks
jq_ok tasks 'length == 20 and all(.task.status == "SUCCESS")' "twenty finished tasks"
sleep 1.7
start=$(date +%s%N)
mj-fetch -j 8 -d many < tasks > got 2> err
is "$?" 0 "links expired with 404: every file fetched from a fresh link"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
jq_ok got 'length == 20 and all(.files | length == 1)' "... twenty files"
is "$(sim_stats | jq '.requests["GET /mj/task/fetch"]')" 20 "... twenty reads"
rate=$(sim_stats | jq .max_poll_rate_1s)
ok "... at most 10 a second, like polls: $rate in the busiest second, $ms ms in all" \
    test "$rate" -le 11 -a "$ms" -ge 1500
sim_stop
done_testing
