#!/bin/bash
# mj-fetch against an image server that keeps failing: bounded retries
# (six attempts), then a retryable error with the HTTP status, no file.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 200000 \
    --retry-after 1
echo '{"prompt":"faulty"}' | mj-submit | mj-wait -i 200ms > tasks
url=$(jq -r .task.imageUrl tasks)
sim_post /_sim/faults '{"faults":[{"class":"image","kind":"500","rate":1.0}]}' >/dev/null
run_prog mj-fetch -d out < tasks > out.500 2> err
is "$?" 1 "500 every time: status 1"
jq_ok out.500 '.[0].error | .http == 500 and .retryable == true and .stage == "fetch"' "... a retryable error with http 500"
is "$(sim_stats | jq '.faults["image:500"]')" 6 "... after six attempts"
is "$(find out -type f | wc -l)" 0 "... and no file"
done_testing
