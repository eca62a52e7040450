#!/bin/bash
# mj-fetch: a name held by a directory is left alone; the file takes the
# next name.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --image-bytes 3000
echo '{"prompt":"source"}' | mj-submit | mj-wait -i 200ms > tasks
url=$(jq -r .task.imageUrl tasks)
id=$(jq -r .task.id tasks)
# a name held by a directory is left alone
mkdir -p blk/"$id".png
run_prog mj-fetch -d blk < tasks > out6 2> err
is "$?" 0 "a directory in the way: status 0"
jq_ok out6 ".[0].files[0].path == \"blk/$id-2.png\"" "... the file takes the next name"
ok "... and the directory is untouched" test -d blk/"$id".png
done_testing
