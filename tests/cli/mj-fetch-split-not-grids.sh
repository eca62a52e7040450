#!/bin/bash
# mj-fetch --split: an upscale and a description are fetched as they are,
# not split.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
command -v convert >/dev/null || { echo "Bail out! ImageMagick's convert is needed (Debian: imagemagick)"; exit 1; }

sim_start --duration 0.1 --jitter 0 --capacity 20 --queue 50 --grid-size 64x48
printf '%s\n' 'even' | mj-submit | mj-wait -i 100ms > tasks

url=$(jq -r -s '.[0].task.imageUrl' tasks)
printf '{"task":{"id":"u1","action":"UPSCALE","status":"SUCCESS","imageUrl":"%s"}}\n{"task":{"id":"d1","action":"DESCRIBE","status":"SUCCESS","imageUrl":"%s"}}\n' "$url" "$url" > notgrids
run_prog mj-fetch --split -d other < notgrids > out6 2> err
is "$?" 0 "upscale, describe: status 0"
jq_ok out6 'all(.files | length == 1 and (.[0] | has("grid") | not))' "... one file each, not split"
is "$(ls other | wc -l)" 2 "... and no quadrant files"
sim_stop
done_testing
