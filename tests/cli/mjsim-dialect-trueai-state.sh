#!/bin/bash
# The simulator as trueai-org's server: a state over 255 UTF-16 units is
# refused (code 4 on imagine, success:false elsewhere); 255 is taken.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.3 --jitter 0
long=$(printf 'é%.0s' $(seq 256))
is "$(code_of "$(sim_api POST /mj/submit/imagine "{\"prompt\":\"p\",\"state\":\"$long\"}")")" 4 \
    "a state of 256 characters on imagine: code 4"
is "$(sim_api POST /mj/submit/shorten "{\"prompt\":\"p\",\"state\":\"$long\"}" | jq -c '[.success, .message]')" \
    '[false,"State参数过长，最大255字符"]' "... on another route: success:false"
st255=$(printf 'x%.0s' $(seq 254))
is "$(code_of "$(sim_api POST /mj/submit/imagine "{\"prompt\":\"p\",\"state\":\"$st255😀\"}")")" 4 \
    "the length counts UTF-16 units (254 + a surrogate pair = 256)"
is "$(code_of "$(sim_api POST /mj/submit/imagine "{\"prompt\":\"p\",\"state\":\"${st255}x\"}")")" 1 \
    "255 is taken"
sim_stop
done_testing
