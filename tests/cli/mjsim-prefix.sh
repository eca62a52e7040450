#!/bin/bash
# The simulator's --prefix: the API served under a path prefix.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --prefix /mj-fast
is "$(curl -s -H 'Authorization: Bearer test-key' -d '{"prompt":"p"}' $SIM_URL/mj-fast/mj/submit/imagine | jq -r .code)" 1 "the prefix serves the API"
done_testing
