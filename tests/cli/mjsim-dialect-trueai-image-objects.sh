#!/bin/bash
# The simulator as trueai-org's server: a grid's imageUrls are {url,
# thumbnail} objects whose thumbnails are served; list-by-ids lists.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 --image-urls
g=$(sim_api POST /mj/submit/imagine '{"prompt":"a grid"}' | jq -r .result)
ok "a grid finishes" wait_status "$g" SUCCESS
is "$(sim_api GET /mj/task/$g/fetch | jq -r '.imageUrls | map(has("url") and has("thumbnail")) | all and length == 4')" true \
    "imageUrls are {url, thumbnail} objects"
is "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$(sim_api GET /mj/task/$g/fetch | jq -r '.imageUrls[1].thumbnail')")" \
    "200 image/png" "... whose thumbnails are served"
is "$(sim_api POST /mj/task/list-by-ids "{\"ids\":[\"$g\"]}" | jq -r '.[0].id')" "$g" "list-by-ids lists"
sim_stop
done_testing
