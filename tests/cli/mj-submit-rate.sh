#!/bin/bash
# mj-submit --rate is a ceiling: 6 submissions at 4 a second take at
# least 1.2 s.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20
start=$(date +%s%N)
seq 1 6 | sed 's/^/rated /' | mj-submit -j 6 --rate 4 > out 2>/dev/null
ms=$(( ($(date +%s%N) - start) / 1000000 ))
ok "--rate 4: 6 submissions took ${ms} ms (>= 1200)" test "$ms" -ge 1200
done_testing
