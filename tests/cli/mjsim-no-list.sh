#!/bin/bash
# The simulator's --no-list: no list-by-condition (404), as some resellers.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --no-list
is "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer test-key' -d '{"ids":[]}' $SIM_URL/mj/task/list-by-condition)" 404 "--no-list: 404"
done_testing
