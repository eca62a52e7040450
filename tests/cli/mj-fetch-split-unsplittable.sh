#!/bin/bash
# mj-fetch --split: truncated, corrupt, bomb and empty images give an
# error record (stage fetch) and keep the grid, with no quadrant and no
# .part left; a zero-byte reply is not kept at all.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
command -v convert >/dev/null || { echo "Bail out! ImageMagick's convert is needed (Debian: imagemagick)"; exit 1; }

sim_start --duration 0.1 --jitter 0 --capacity 20 --queue 50 --grid-size 64x48

printf '%s\n' 'cut sim:img=truncated' 'junk sim:img=corrupt' 'bomb sim:img=huge' \
    'zero sim:img=empty' 'fine' | mj-submit | mj-wait -i 100ms > badtasks
run_prog mj-fetch --split -d bad < badtasks > out8 2> err
is "$?" 1 "unsplittable images: status 1"
jq_ok out8 'map(select(.prompt != "fine")) | length == 4 and all(.error.stage == "fetch" and (.error.message | length) > 0)' \
    "... each an error record, stage fetch"
jq_ok out8 'map(select(.prompt == "fine"))[0] | (.files | length == 5) and (has("error") | not)' "... the others split"
jq_ok out8 'map(select(.prompt | test("cut|junk|bomb"))) | all(.files | length == 1 and .[0].path != null and (.[0] | has("grid") | not))' \
    "... truncated, corrupt, huge: the grid stays, listed"
jq_ok out8 'map(select(.prompt | test("bomb")))[0].error.message | test("50000 x 50000")' "... the bomb refused from its header"
jq_ok out8 'map(select(.prompt | test("zero")))[0].files == []' "... a zero-byte image: no file"
is "$(ls bad | wc -l)" 8 "... the three grids, the fine one and its four: nothing more"
is "$(find . -name '*.part' | wc -l)" 0 "no .part file left anywhere"
ok "the errors named on stderr" grep -q "50000 x 50000" err
sim_stop
done_testing
