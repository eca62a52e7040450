#!/bin/bash
# mj-submit with stdout closed from the start and nothing to write: the
# closing of stdout fails, and says so; status 1 (a full disk or a closed
# stdout is never a silent success).  Nothing is sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
mj-submit < /dev/null >&- 2> err
is "$?" 1 "status 1"
is "$(cat err)" "mj-submit: stdout: Bad file descriptor" "said on stderr"
is "$(sim_stats | jq '[.requests[]] | add // 0')" 0 "nothing sent"
done_testing
