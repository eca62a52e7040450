#!/bin/bash
# The simulator: a request without the key is 401; the mj-api-secret
# header works as well as Authorization.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "the comet answers themselves (mjsim-dialect-trueai-*.sh check trueai's)"
sim_start --duration 0.2 --jitter 0
is "$(curl -s -o /dev/null -w '%{http_code}' -d '{"prompt":"x"}' $SIM_URL/mj/submit/imagine)" 401 "no key: 401"
is "$(curl -s -H 'mj-api-secret: test-key' -d '{"prompt":"y"}' $SIM_URL/mj/submit/imagine | jq -r .code)" 1 "the mj-api-secret header works too"
sim_stop
done_testing
