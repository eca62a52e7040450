#!/bin/bash
# mj-fetch -d DIR where DIR cannot be created (a file in the way; root
# ignores modes): error records saying why, status 1, the file untouched.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mj-fetch-disk-lib.sh"
sim_start --duration 0.2 --jitter 0 --image-bytes 200000
two_tasks
echo x > afile
run_prog mj-fetch -d afile/sub < tasks > out.dir 2> err
is "$?" 1 "an unwritable DIR: status 1"
jq_ok out.dir 'length == 2 and all(.error.stage == "fetch" and .error.message == "afile/sub: Not a directory" and .files == [])' \
    "... error records saying why"
is "$(cat afile)" x "... and the file in the way is untouched"
ok "... stderr says it" grep -q '^mj-fetch: line 1: afile/sub: Not a directory$' err
done_testing
