#!/bin/bash
# mj-wait streams: the first record comes out before the input closes,
# and the program ends when the input does.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
echo 'stream sim:dur=0.1' | mj-submit > s1.jsonl 2>/dev/null
mkfifo fifo
mj-wait -i 200ms < fifo > out 2>/dev/null &
wpid=$!
exec 3> fifo
cat s1.jsonl >&3
ok "streaming: the first record is out while the input is still open" wait_until 10 test -s out
exec 3>&-
wait "$wpid"
is "$?" 0 "... and mj-wait ends when the input does"
done_testing
