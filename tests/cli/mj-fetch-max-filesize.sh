#!/bin/bash
# mj-fetch --max-filesize: a file over the limit is refused after one
# request, not retried, nothing written; under the limit it is fetched.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 200000 \
    --retry-after 1
echo '{"prompt":"faulty"}' | mj-submit | mj-wait -i 200ms > tasks
url=$(jq -r .task.imageUrl tasks)
curl -s "$url" > served.png
images() { sim_stats | jq '.requests["GET /mj/image"]'; }
before=$(images)
run_prog mj-fetch -d out --max-filesize 100k < tasks > out.big 2> err
is "$?" 1 "--max-filesize: status 1"
jq_ok out.big '.[0].error.retryable == false and .[0].files == []' "... a final error"
jq_ok out.big '.[0].error.message | test("larger than 102400 bytes")' "... naming the limit"
is "$(( $(images) - before ))" 1 "... after one request"
is "$(find out -type f | wc -l)" 0 "... and no file"
run_prog mj-fetch -d out --max-filesize 1M < tasks > out.ok 2> err
is "$?" 0 "--max-filesize above the size: fetched"
done_testing
