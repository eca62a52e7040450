#!/bin/bash
# mj-fetch: a scheme in capitals (HTTP://) is still http, and fetched.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mj-fetch-disk-lib.sh"
sim_start --duration 0.2 --jitter 0 --image-bytes 200000
two_tasks
jq -c '.task.imageUrl |= sub("^http"; "HTTP")' tasks | head -1 > upper
run_prog mj-fetch -d up < upper > out.up 2> err
is "$?" 0 "HTTP:// in capitals is fetched"
done_testing
