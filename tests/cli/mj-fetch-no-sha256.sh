#!/bin/bash
# mj-fetch --no-sha256: the same files and sizes as a hashing run, no
# "sha256"; a rerun over the files already there makes no request
# (mj-fetch-sync.sh: nor reads them).
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "a video task as CometAPI gives it, a PNG imageUrl and one videoUrl (trueai: four mp4s, imageUrl one of them)"
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 20000
printf '%s\n' '{"prompt":"one","sku":"A"}' '{"prompt":"two","sku":"B"}' \
    '{"prompt":"a clip --video","sku":"V"}' | mj-submit | mj-wait -i 200ms > tasks
jq_ok tasks 'length == 3 and all(.task.status == "SUCCESS")' "three finished tasks to fetch"

# a hashing run to compare with
run_prog mj-fetch -d out/sub < tasks > out1 2> err
media() { sim_stats | jq '.requests["GET /mj/image"] + .requests["GET /mj/video"]'; }
run_prog mj-fetch --no-sha256 -d out/nh < tasks > out9 2> err
is "$?" 0 "--no-sha256: status 0"
jq_ok out9 '[.[].files[]] | length == 4 and all(has("sha256") | not) and all(.bytes > 0)' \
    "--no-sha256: no sha256 in files, bytes given"
jq -c '.files |= map(del(.sha256))' out1 | sort > want
jq -c '.files |= map(.path |= sub("^out/nh/"; "out/sub/"))' out9 | sort > got
ok "--no-sha256: otherwise the records of a hashing run" cmp -s want got
bad=0
for p in out/nh/*; do cmp -s "$p" "out/sub/${p##*/}" || bad=1; done
is "$bad" 0 "--no-sha256: the same files"
n1=$(media)
run_prog mj-fetch --no-sha256 -d out/sub < tasks > out10 2> err
is "$?" 0 "--no-sha256 rerun: status 0"
is "$(media)" "$n1" "--no-sha256 rerun: no request"
jq -c . out10 | sort > got
ok "--no-sha256 rerun: sizes from the files there, no sha256" cmp -s want got
done_testing
