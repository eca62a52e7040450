#!/bin/bash
# mj-fetch: every file of a record failing for good (a grid and its four
# imageUrls served as text/html): one error in the record, naming the
# first and counting the others, not retryable; a line on stderr for
# each file; no file left.  Records read with CRLF line ends are the same.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.1 --jitter 0 --image-urls --fault image:wrongtype:1
echo 'four' | mj-submit 2>/dev/null | mj-wait -i 100ms 2>/dev/null > tasks
run_prog mj-fetch -d out < tasks > out1 2> err
is "$?" 1 "every file failing: status 1"
jq_ok out1 'length == 1 and (.[0].error | .stage == "fetch" and .retryable == false and
    (.message | test("^http://[^ ]*/mj/image/[0-9]+: not an image or video \\(Content-Type text/html\\) \\(and 4 more of 5 files failed\\)$")))' \
    "... one error: the first, and 4 more of 5"
jq_ok out1 '.[0].files == []' "... no file listed"
is "$(grep -c '^mj-fetch: line 1: http://.*: not an image or video' err)" 5 "... a line on stderr for each"
is "$(find out -type f 2>/dev/null | wc -l)" 0 "... no file left"
sed 's/$/\r/' tasks | run_prog mj-fetch -d out2 > out2 2> err2
is "$?" 1 "CRLF line ends: status 1"
jq_ok out2 'length == 1 and (.[0].error.message | test("and 4 more of 5 files failed"))' \
    "... the same record, read whole"
sim_stop
done_testing
