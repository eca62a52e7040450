#!/bin/bash
# mj-submit prices follow-ups by their kind: U1..U4 are upscales (0.02),
# so --max-cost 0.05 sends two of four and holds two back, retryable; -n
# --action prices an upscale and says a variation has no price.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-60}
sim_start --duration 0.2 --capacity 100 --queue 100
printf '# test prices\nimagine fast 0.05\nupscale * 0.02\n' > prices.txt

echo 'a harbour' | mj-submit | mj-wait -i 100ms > done.jsonl 2>/dev/null
mj-submit --action U1,U2,U3,U4 --prices prices.txt --max-cost 0.05 done.jsonl > up.jsonl 2> err
is "$?" 1 "four upscales at 0.02 under 0.05: status 1"
jq_ok up.jsonl 'map(select(.task.id)) | length == 2' "... two sent"
jq_ok up.jsonl 'map(select(.error.retryable)) | length == 2' "... two held back, retryable"
mj-submit -n --action U1,V1 --prices prices.txt done.jsonl > /dev/null 2> err
ok "-n --action: upscale priced" grep -qx 'mj-submit:   upscale fast: 1 job at 0.02 = 0.02' err
ok "... variation without a price" grep -qx 'mj-submit:   variation fast: 1 job, no price in the table' err
sim_stop
done_testing
