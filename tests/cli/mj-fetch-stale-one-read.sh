#!/bin/bash
# mj-fetch -j 1: the five links of a grid (imageUrl and four imageUrls)
# have expired; downloaded one after another, each fails in turn, some
# after the task was read again: one read renews them all, each old
# link is tried once and each fresh one once, every file the bytes
# served.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "CometAPI's imageUrls on a grid"
TEST_TIMEOUT=60
sim_start --duration 0.1 --jitter 0 --image-urls --link-ttl 1 \
    --image-host localhost --image-bytes 200000
echo 'four' | mj-submit 2>/dev/null | mj-wait -i 100ms 2>/dev/null > tasks
jq_ok tasks '.[0].task.imageUrls | length == 4' "a grid with four imageUrls"
sleep 1.2	# every link has expired
run_prog mj-fetch -j 1 -d out < tasks > got 2> err
is "$?" 0 "status 0"
jq_ok got '.[0] | (has("error") | not) and (.files | length == 5) and
    all(.files[]; .url | test("[?]ex="))' "five files, from fresh links"
is "$(sim_stats | jq '.requests["GET /mj/task/fetch"]')" 1 "one read of the task"
is "$(sim_stats | jq '.requests["GET /mj/image"]')" 10 "each old link tried once, each fresh one once"
jq -r '.[].files[] | "\(.sha256)  \(.path)"' -s got > sums
ok "the files are the bytes served" sha256sum --quiet -c sums
is "$(cat err)" "" "nothing on stderr"
sim_stop
done_testing
