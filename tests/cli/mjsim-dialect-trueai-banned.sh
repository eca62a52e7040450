#!/bin/bash
# The simulator as trueai-org's server: a banned word is taken (code 1)
# and the task fails later, saying why.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 --image-urls
bn=$(sim_api POST /mj/submit/imagine '{"prompt":"a forbidden thing"}')
is "$(code_of "$bn")" 1 "a banned word is taken (code 1)..."
ok "... and the task fails later with a reason" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$(echo "$bn" | jq -r .result)/fetch | jq -e '.status == \"FAILURE\" and (.failReason | test(\"forbidden\"))'"
sim_stop
done_testing
