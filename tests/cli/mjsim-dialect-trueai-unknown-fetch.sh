#!/bin/bash
# The simulator as trueai-org's server: the fetch of an unknown task id is
# HTTP 204, no body, no Content-Length.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 --image-urls
is "$(http GET /mj/task/404404/fetch)" "204 " "fetch of an unknown id: 204, no body"
is "$(curl -s -D - -o /dev/null -H 'Authorization: Bearer test-key' "$SIM_URL/mj/task/1/fetch" | grep -ci '^content-length')" 0 \
    "... and no Content-Length"
sim_stop
done_testing
