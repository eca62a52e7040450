#!/bin/bash
# mj-fetch and a slow server: with -j 40, forty downloads are half done
# at once, more than the pieces it keeps in memory (32 at most); the
# half-filled ones go to the disk early rather than wait for each other,
# and every file arrives whole.  (It used to hang here, deaf to SIGTERM.)
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120

# 40 x 200 kB, 16 KiB every 20 ms: each download takes about 0.25 s
sim_start --duration 0.1 --jitter 0 --capacity 40 --image-bytes 200000 \
    --image-trickle-ms 20
seq 1 40 | sed 's/^/slow /' | mj-submit -j 8 | mj-wait -i 100ms > tasks
jq_ok tasks 'length == 40 and all(.task.status == "SUCCESS")' "40 finished tasks"

start=$(date +%s)
timeout -k 5 60 "$top_builddir/src/mj-fetch" -j 40 -d out < tasks > out1 2> err
is "$?" 0 "-j 40 against a slow server: status 0, no hang"
diag "took $(($(date +%s) - start)) s"
jq_ok out1 'length == 40 and all(.files | length == 1 and .[0].bytes == 200000)' \
    "every record has its whole file"
jq -r '.files[] | "\(.sha256)  \(.path)"' out1 > sums
ok "each file is the one hashed" sha256sum --quiet -c sums
url=$(jq -r -s '.[0].task.imageUrl' tasks)
path=$(jq -r -s --arg u "$url" 'map(select(.task.imageUrl == $u))[0].files[0].path' out1)
curl -s --max-time 30 "$url" > served
ok "... and the bytes the server sends" cmp -s served "$path"
is "$(find out -name '*.part' | wc -l)" 0 "no .part file left"

# the same with hashing off and unsynced, the lanes' other path
run_prog mj-fetch -j 40 --no-sync --no-sha256 -d out2 < tasks > rec2 2> err
is "$?" 0 "--no-sync --no-sha256: status 0"
bad=0
for p in out/*; do cmp -s "$p" "out2/${p##*/}" || bad=1; done
is "$bad" 0 "--no-sync --no-sha256: the same files"
done_testing
