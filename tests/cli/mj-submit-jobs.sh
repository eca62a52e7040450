#!/bin/bash
# mj-submit -j bounds the requests in flight: with -j 1, four slow replies
# (300 ms each) come one at a time.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20 --slow-ms 300 \
    --fault-first submit:slow:4
start=$(date +%s%N)
seq 1 4 | sed 's/^/slow /' | mj-submit -j 1 > out 2>/dev/null
ms=$(( ($(date +%s%N) - start) / 1000000 ))
ok "-j 1: four slow replies in turn took ${ms} ms (>= 1100)" test "$ms" -ge 1100
done_testing
