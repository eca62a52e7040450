#!/bin/bash
# mj-fetch: an image served with a wrong Content-Type is not retried: an
# error record saying so, no files, nothing written, stderr names the line.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 200000 \
    --retry-after 1
echo '{"prompt":"faulty"}' | mj-submit | mj-wait -i 200ms > tasks
url=$(jq -r .task.imageUrl tasks)
sim_post /_sim/faults '{"faults":[{"class":"image","kind":"wrongtype","first":1}]}' >/dev/null
run_prog mj-fetch -d out < tasks > out.wt 2> err
is "$?" 1 "a wrong Content-Type: status 1"
jq_ok out.wt '.[0].error | .stage == "fetch" and .retryable == false and (.message | test("not an image or video \\(Content-Type text/html"))' \
    "... an error record saying so"
jq_ok out.wt '.[0].files == []' "... and no files"
is "$(find out -type f | wc -l)" 0 "... and no file written"
ok "... stderr names the line" grep -q '^mj-fetch: line 1: .*not an image or video' err
done_testing
