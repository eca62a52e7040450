#!/bin/bash
# Two mj-fetch runs into one directory at once (last night's still going
# when tonight's starts): the second leaves the file the first is writing
# alone, with a retryable error; the first's file is whole; once it is
# done, the second run again finds the file there.  A .part a killed run
# left is taken over as before.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120

# 400 kB, 16 KiB every 100 ms: the first download takes about 2.5 s
sim_start --duration 0.1 --jitter 0 --image-bytes 400000 \
    --image-trickle-ms 100
echo '{"prompt":"overlap"}' | mj-submit | mj-wait -i 100ms > tasks
jq_ok tasks 'length == 1 and .[0].task.status == "SUCCESS"' "a finished task"

"$top_builddir/src/mj-fetch" -d out < tasks > first 2> first.err &
first=$!
wait_until 20 sh -c 'test -s out/*.part'
ok "the first run is writing its .part" sh -c 'test -s out/*.part'
run_prog mj-fetch -d out < tasks > second 2> err
is "$?" 1 "the second run at the same time: status 1"
jq_ok second '.[0].error.retryable == true and .[0].files == [] and
    (.[0].error.message | test("out/.*\\.part: another process is writing it"))' \
    "... a retryable error naming the .part"
ok "... said on stderr" grep -q 'another process is writing it' err
wait "$first"
is "$?" 0 "the first run: status 0"
path=$(jq -r '.files[0].path' first)
curl -s --max-time 30 "$(jq -r '.task.imageUrl' tasks)" > served
ok "its file is the bytes the server sends" cmp -s served "$path"
is "$(find out -type f | wc -l)" 1 "one file, no .part left"

images() { sim_stats | jq '.requests["GET /mj/image"]'; }
before=$(images)
run_prog mj-fetch -d out < tasks > again 2> err
is "$?" 0 "the second run repeated: status 0"
jq_ok again '.[0].files[0].path == "'"$path"'"' "... the same file, found"
is "$(( $(images) - before ))" 0 "... not fetched again"

# a .part a killed run left, nobody holding it: fetched over
rm -rf out2 && mkdir out2
name=$(basename "$path")
printf 'half of something' > "out2/${name%.*}.part"
run_prog mj-fetch -d out2 < tasks > stale 2> err
is "$?" 0 "a stale .part: status 0"
ok "... the file whole" cmp -s served "out2/$name"
is "$(find out2 -type f | wc -l)" 1 "... and the .part gone"
done_testing
