#!/bin/bash
# mj-wait --seed against a server without GET /mj/task/{id}/image-seed:
# one warning, every record goes on without a seed.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90

sim_start --duration 0.3 --jitter 0 --capacity 20 --no-seed
printf '%s\n' 'early sim:dur=0.2' 'early too sim:dur=0.2' 'late sim:dur=4' \
    'late 2 sim:dur=4' 'late 3 sim:dur=4.2' 'late 4 sim:dur=4.2' | mj-submit > sub.jsonl
run_prog mj-wait --seed -i 200ms < sub.jsonl > out 2> err
is "$?" 0 "no endpoint: status 0"
jq_ok out 'length == 6 and all(.task.status == "SUCCESS" and (.task | has("seed") | not))' "... six records, no seed"
is "$(grep -c 'image-seed' err)" 1 "... one warning"
n=$(sim_stats | jq '.requests["GET /mj/task/image-seed"]')
ok "... none asked after the 404 was seen ($n requests for the 2 early tasks)" test "$n" -ge 1 -a "$n" -le 2
sim_stop
done_testing
