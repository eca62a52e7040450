#!/bin/bash
# mj-submit: HTTP 429 with Retry-After is retried after the time the
# server asks for, and the prompt is submitted once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20 --fault-first submit:429:2
start=$(date +%s%N)
echo "after 429" | mj-submit > out 2> err
is "$?" 0 "429 is retried"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
ok "... honouring Retry-After (1 s): took ${ms} ms" test "$ms" -ge 900
is "$(sim_stats | jq '.submissions["after 429"]')" 1 "... and submitted once"
done_testing
