#!/bin/bash
# mj-fetch --split: a task with its own four images (imageUrls): the five
# files as they are, none split; each of the four has its place in
# imageUrls as "index" (with its "url": not a quadrant), the grid none.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
command -v convert >/dev/null || { echo "Bail out! ImageMagick's convert is needed (Debian: imagemagick)"; exit 1; }

sim_start --duration 0.1 --jitter 0 --capacity 10 --grid-size 64x48 --image-urls
printf '%s\n' 'four' | mj-submit | mj-wait -i 100ms > tasks4
run_prog mj-fetch --split -d four < tasks4 > out7 2> err
is "$?" 0 "imageUrls: status 0"
jq_ok out7 '.[0].files | length == 5 and all(has("grid") | not)' "imageUrls: the five files as they are, none split"
jq_ok out7 '.[0] | . as $r | [.files[] | select(has("index")) | [.index, .url]] ==
    [range(4) as $i | [$i + 1, $r.task.imageUrls[$i] | if type == "object" then .url else . end]]' \
    "... the four numbered 1 to 4 by their place in imageUrls"
jq_ok out7 '.[0] | (.files[0] | has("index") | not) and .files[0].url == .task.imageUrl' \
    "... the grid (imageUrl) not numbered"
sim_stop
done_testing
