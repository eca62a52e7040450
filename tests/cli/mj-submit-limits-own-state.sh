#!/bin/bash
# the state mjpipe itself sends with --journal, its own tag (mjpipe- and
# 32 hex digits), is 39 characters, well under the server's 255.
. "$top_srcdir/tests/cli/lib.sh"

sim_start --duration 0.2 --capacity 50
echo 'a tagged cat' | mj-submit --journal j.journal > out 2>/dev/null
id=$(jq -r .task.id out)
state=$(sim_get "/_sim/task/$id" | jq -r .state)
ok "the state mjpipe sends is its own tag (mjpipe- and 32 hex digits)" \
    grep -qE '^mjpipe-[0-9a-f]{32}$' <<< "$state"
is "${#state}" 39 "... 39 characters, well under the 255 allowed"
sim_stop
done_testing
