#!/bin/bash
# mj-fetch: one good URL and one that answers 404: the good file is kept
# and listed, the error says 404 (not retryable), the status is 1.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 200000 \
    --retry-after 1
echo '{"prompt":"faulty"}' | mj-submit | mj-wait -i 200ms > tasks
url=$(jq -r .task.imageUrl tasks)
curl -s "$url" > served.png
want=$(sha256sum < served.png | cut -d' ' -f1)
jq -c --arg u "$url" '.task.imageUrls = [$u + "-nosuch"]' tasks > mixed
run_prog mj-fetch -d out < mixed > out.mx 2> err
is "$?" 1 "a 404 among good files: status 1"
jq_ok out.mx ".[0].files | length == 1 and .[0].sha256 == \"$want\"" "the good file is in files"
jq_ok out.mx '.[0].error | .http == 404 and .retryable == false and .stage == "fetch" and (.message | test("-nosuch: HTTP 404"))' \
    "the error: http 404, not retryable"
is "$(ls out | wc -l)" 1 "one file on disk"
done_testing
