#!/bin/bash
# The simulator without --grid-size: the padded tile takes a prompt's --ar
# shape too.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --duration 0.1 --jitter 0
w=$(sim_api POST /mj/submit/imagine '{"prompt":"wide tile --ar 2:1"}' | jq -r .result)
ok "a tile grid finishes" wait_status "$w" SUCCESS
is "$(curl -s "$SIM_URL/mj/image/$w" | head -c 24 | tail -c 8 | od -An -tu1 | awk '{print $4 "x" $8}')" "32x16" \
    "without --grid-size the padded tile takes the shape too (32x16)"
sim_stop
done_testing
