#!/bin/bash
# mj-fetch --split: a rerun makes no request and writes nothing; a lost
# quadrant is cut again, alone.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
command -v convert >/dev/null || { echo "Bail out! ImageMagick's convert is needed (Debian: imagemagick)"; exit 1; }

sim_start --duration 0.1 --jitter 0 --capacity 20 --queue 50 --grid-size 64x48
printf '%s\n' 'even' 'odd sim:grid=33x21' 'tall sim:grid=30x52' \
    'wide sim:grid=97x20' 'webp sim:fmt=webp' 'webp odd sim:fmt=webp sim:grid=41x27' \
    'jpeg sim:fmt=jpeg sim:grid=48x32' | mj-submit | mj-wait -i 100ms > tasks
run_prog mj-fetch --split -d out < tasks > out1 2> err

media() { sim_stats | jq '.requests["GET /mj/image"] // 0'; }
n1=$(media)
stat -c '%i %Y %s %n' out/* > stat1
sleep 1.1
run_prog mj-fetch --split -d out < tasks > out2 2> err
is "$?" 0 "rerun: status 0"
is "$(media)" "$n1" "rerun: no image request"
stat -c '%i %Y %s %n' out/* > stat2
ok "rerun: no file written again" cmp -s stat1 stat2
sort out1 > s1; sort out2 > s2
ok "rerun: the same records" cmp -s s1 s2
# a lost quadrant is cut again, alone
lost=$(jq -r -s '.[1].files[3].path' out1)
rm -f "$lost"
run_prog mj-fetch --split -d out < tasks > out3 2> err
is "$?" 0 "one quadrant lost: status 0"
ok "... it is back" test -s "$lost"
stat -c '%i %Y %s %n' out/* | grep -v -F "$lost" > stat3
grep -v -F "$lost" stat1 > stat1b
ok "... and nothing else written" cmp -s stat1b stat3
sort out3 > s3
ok "... the same records" cmp -s s1 s3
sim_stop
done_testing
