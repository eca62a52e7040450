#!/bin/bash
# mj-wait and mj-fetch spend no quota: with the key's quota spent (api.md
# 7a) they go on with what mj-submit sent before it was.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

prompts() { seq 1 "$1" | sed "s/^/$2 /"; }

# three tasks within the quota, 17 records not submitted
sim_start --duration 0.2 --jitter 0 --capacity 20 --quota 3
prompts 20 q | mj-submit -j 4 --journal run.journal > out1 2> err1

mj-wait -i 100ms < out1 > waited 2> err2
is "$?" 0 "mj-wait with the quota spent: status 0 (errors came with the records)"
jq_ok waited 'map(select(.task.status == "SUCCESS")) | length == 3' "... the three tasks waited for"
jq_ok waited 'map(select(.error)) | length == 17' "... the others passed on as they came"
mj-fetch -d files < waited > fetched 2> err3
is "$?" 0 "mj-fetch with the quota spent: status 0"
is "$(ls files | wc -l | tr -d ' ')" 3 "... three files"
sim_stop
done_testing
