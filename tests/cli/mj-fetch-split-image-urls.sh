#!/bin/bash
# mj-fetch --split: a task with its own four images (imageUrls): the five
# files as they are, none split.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
command -v convert >/dev/null || { echo "Bail out! ImageMagick's convert is needed (Debian: imagemagick)"; exit 1; }

sim_start --duration 0.1 --jitter 0 --capacity 10 --grid-size 64x48 --image-urls
printf '%s\n' 'four' | mj-submit | mj-wait -i 100ms > tasks4
run_prog mj-fetch --split -d four < tasks4 > out7 2> err
is "$?" 0 "imageUrls: status 0"
jq_ok out7 '.[0].files | length == 5 and all(has("grid") or has("index") | not)' "imageUrls: the five files as they are, none split"
sim_stop
done_testing
