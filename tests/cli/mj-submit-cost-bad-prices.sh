#!/bin/bash
# mj-submit: a bad price table, --max-cost without --prices, or a table
# without the price of what would be sent, is a usage error (status 2)
# naming what is wrong; nothing is sent.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-60}
sim_start --duration 0.2 --capacity 100 --queue 100

n0=$(sim_stats | jq '.requests | add')
printf 'imagine fast 0.05\nimgine relax 0.02\n' > bad.txt
echo 'a cat' | mj-submit --prices bad.txt > out 2> err
is "$?" 2 "a bad price line: status 2"
ok "... naming the file, the line and what is wrong" grep -q "bad.txt:2: unknown kind 'imgine'" err
echo 'a cat' | mj-submit --max-cost 1 > out 2> err
is "$?" 2 "--max-cost without --prices: status 2"
printf 'imagine relax 0.02\n' > relaxprices.txt
echo 'a cat' | mj-submit --prices relaxprices.txt --max-cost 1 > out 2> err
is "$?" 2 "--max-cost when the table has no price for imagine fast: status 2"
ok "... saying which price is missing" grep -q 'no price for imagine fast' err
is "$(sim_stats | jq '.requests | add')" "$n0" "... and nothing was sent"
sim_stop
done_testing
