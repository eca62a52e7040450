#!/bin/bash
# The simulator's --auth mj-api-secret: the key only in that header,
# Authorization: Bearer refused.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --auth mj-api-secret
is "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer test-key' -d '{"prompt":"p"}' $SIM_URL/mj/submit/imagine)" 401 "--auth mj-api-secret refuses Bearer"
done_testing
