#!/bin/bash
# mj-fetch --split and SIGTERM while a big grid is being cut: the split
# is let finish, not cut short; the record is written with the grid and
# its four quadrants, no error; no .part left; status 143.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90
sim_start --duration 0.1 --jitter 0
# 12 megapixels of noise: cutting it takes a while
echo 'big sim:grid=4000x3000' | mj-submit 2>/dev/null | mj-wait -i 100ms 2>/dev/null > tasks
mkfifo in.fifo
"$top_builddir/src/mj-fetch" --split -d out < in.fifo > got 2> err &
pid=$!
exec 3> in.fifo
cat tasks >&3
# the grid is published, then split
wait_until 30 sh -c 'ls out/*.png >/dev/null 2>&1'
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "SIGTERM: status 143"
exec 3>&-
jq_ok got 'length == 1 and (.[0] | (has("error") | not) and (.files | length == 5) and
    ([.files[1:][] | .index] == [1, 2, 3, 4]))' "the record written whole: the grid and its four quadrants"
ok "the quadrants are there, whole" sh -c 'jq -r ".files[] | \"\(.sha256)  \(.path)\"" got | sha256sum --quiet -c -'
is "$(find out -name '*.part' | wc -l)" 0 "no .part left"
sim_stop
done_testing
