#!/bin/bash
# mj-fetch --split while another process writes a quadrant's .part (two
# runs into one directory): that quadrant is left alone, with a retryable
# error; once the other lets go, the same command finishes the job.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
command -v flock >/dev/null || skip_all "no flock(1) (util-linux)"

sim_start --duration 0.1 --jitter 0 --grid-size 64x48
echo 'held quadrant' | mj-submit | mj-wait -i 100ms > tasks
run_prog mj-fetch --split -d ref < tasks > ref.out 2> err
is "$?" 0 "a run alone: status 0"
q3=$(jq -r '.files[2].path' ref.out)
q3=out/${q3#ref/}
mkdir out
# this shell takes the lock mjpipe's runs take on a .part
exec 4> "${q3%.*}.part"
flock -x -n 4
is "$?" 0 "the .part locked here"
run_prog mj-fetch --split -d out < tasks > out1 2> err 4>&-
is "$?" 1 "a quadrant's .part held: status 1"
jq_ok out1 '.[0].error.retryable == true and
    (.[0].error.message | test("another process is writing it"))' \
    "... a retryable error saying why"
ok "... the held .part left alone" test -e "${q3%.*}.part"
ok "... the other quadrants written" test -s out/"$(basename "$(jq -r '.files[0].path' ref.out)")"
exec 4>&-	# let go
run_prog mj-fetch --split -d out < tasks > out2 2> err
is "$?" 0 "the other let go, the same command: status 0"
ok "... the quadrant is the one a run alone makes" cmp -s "$q3" "ref/${q3#out/}"
is "$(find out -name '*.part' | wc -l)" 0 "... no .part left"
done_testing
