#!/bin/bash
# mj-fetch under a file size limit (ulimit -f): EFBIG, not a death by
# SIGXFSZ; an error record naming the .part, status 1, no file left.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mj-fetch-disk-lib.sh"
sim_start --duration 0.2 --jitter 0 --image-bytes 200000
two_tasks
rm -rf out
(ulimit -f 64; exec "$top_builddir/src/mj-fetch" -d out < tasks > out.fsz 2> err)
is "$?" 1 "a file size limit: status 1 (no SIGXFSZ death)"
jq_ok out.fsz 'length == 2 and all(.error.stage == "fetch" and (.error.message | test("\\.part: File too large$")) and .files == [])' \
    "... error records naming the .part and the reason"
is "$(find out -type f | wc -l)" 0 "... no file left, final or .part"
is "$(grep -c '^mj-fetch: line [12]: .*File too large' err)" 2 "... one message per record"
done_testing
