#!/bin/bash
# The simulator's banned words (--banned, "forbidden" by default): code 24
# naming the word (trueai takes the task and fails it later:
# mjsim-dialect-trueai-banned.sh).
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1	# the comet answer, whatever MJ_TEST_DIALECT says
sim_start --duration 0.2 --jitter 0 --capacity 9 --lang en
b=$(sim_api POST /mj/submit/imagine '{"prompt":"something forbidden"}')
is "$(echo "$b" | jq -r '.code, .properties.bannedWord' | tr '\n' ' ')" "24 forbidden " "banned words give 24"
is "$(sim_api POST /mj/submit/imagine '{"prompt":"a forbidden thing"}' | jq -r .code)" 24 "comet: a banned word is 24"
done_testing
