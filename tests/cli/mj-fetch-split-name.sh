#!/bin/bash
# mj-fetch --split: {n} in --name (the grid "grid", the quadrants 1..4);
# --no-sha256 the same entries without sha256.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
command -v convert >/dev/null || { echo "Bail out! ImageMagick's convert is needed (Debian: imagemagick)"; exit 1; }

sim_start --duration 0.1 --jitter 0 --capacity 20 --queue 50 --grid-size 64x48
printf '%s\n' 'even' | mj-submit | mj-wait -i 100ms > tasks

jq -c -s '.[0]' tasks | run_prog mj-fetch --split -d named --name 'g_{id}_{n}' > out4 2> err
is "$?" 0 "--name {n}: status 0"
id=$(jq -r -s '.[0].task.id' tasks)
jq_ok out4 '.[0].files | map(.path) == ["named/g_'"$id"'_grid.png", "named/g_'"$id"'_1.png", "named/g_'"$id"'_2.png", "named/g_'"$id"'_3.png", "named/g_'"$id"'_4.png"]' \
    "--name 'g_{id}_{n}': g_ID_grid.png, g_ID_1.png .. g_ID_4.png"
# --no-sha256: the same entries without sha256
jq -c -s '.[0]' tasks | run_prog mj-fetch --split --no-sha256 -d nohash > out5 2> err
jq_ok out5 '.[0].files | length == 5 and all(has("sha256") | not) and all(.width > 0)' "--no-sha256: no sha256, sizes kept"
sim_stop
done_testing
