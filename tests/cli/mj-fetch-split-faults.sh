#!/bin/bash
# mj-fetch --split when a quadrant cannot be made or read: a grid of one
# pixel; on a rerun, a quadrant's name held by a directory, a quadrant
# that is no image, its .part held by a directory, its write, fsync or
# close failing (tests/faultinject/faultsys.so), the directory's fsync
# after it failing, reading a quadrant found there failing, the grid
# replaced by something not an image.
# Each: status 1, the record an error (stage fetch) naming the file and
# why, retryable when a full disk or an I/O error may pass; the files
# kept, no .part left; the same command without the fault then splits.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
SHIM=$top_builddir/tests/faultinject/faultsys.so
[ -f "$SHIM" ] || skip_all "no $SHIM: run through make check"

sim_start --duration 0.1 --jitter 0 --grid-size 64x48
printf '%s\n' 'grid one' 'tiny sim:grid=1x1' | mj-submit 2>/dev/null |
    mj-wait -i 100ms 2>/dev/null > tasks
run_prog mj-fetch --split -d out < tasks > out1 2> err
is "$?" 1 "a grid of one pixel: status 1"
jq_ok out1 'map(select(.prompt | test("tiny")))[0] | .error.stage == "fetch" and
    (.error.message | endswith(".png: 1 x 1 pixels: too small for a grid")) and
    .error.retryable == false and (.files | length == 1)' \
    "... its error says too small, the grid kept, listed"
jq_ok out1 'map(select(.prompt == "grid one"))[0] | (.files | length == 5) and (has("error") | not)' \
    "... the other grid split"
head -1 tasks > grid.task
grid=$(jq -r 'select(.prompt == "grid one") | .files[0].path' out1)
q2=${grid%.png}-2.png
cp -a out pristine
media() { sim_stats | jq '.requests["GET /mj/image"] // 0'; }
n0=$(media)

# split_case DESC WANT RETRYABLE FAULTSYS FAULT_PATH: mj-fetch --split on
# grid.task after the caller broke something, with the fault if any
split_case() {
	local desc=$1 want=$2 retry=$3 fault=${4:-} fpath=${5:-}
	(
		if [ -n "$fault" ]; then
			export LD_PRELOAD="$SHIM${LD_PRELOAD:+:$LD_PRELOAD}" \
			    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
			    FAULTSYS="$fault" FAULTSYS_PATH="$fpath" \
			    FAULTSYS_LOG="$TEST_DIR/faults.log"
		fi
		run_prog mj-fetch --split -d out < grid.task > out2 2> err
	)
	is "$?" 1 "$desc: status 1"
	jq_ok out2 ".[0].error | .stage == \"fetch\" and .retryable == $retry and
	    (.message | contains(\"$want\"))" "... the record says: $want (retryable: $retry)"
	ok "... stderr too" grep -qF "$want" err
	ok "... the grid kept, no .part left" sh -c "test -s '$grid' &&
	    [ -z \"\$(find out -type f -name '*.part')\" ]"
	rm -rf out; cp -a pristine out
}

rm -rf out/"$(basename "$q2")"; mkdir "$q2"
split_case "a directory where a quadrant goes" "$q2: File exists" false

echo 'not a picture' > "$q2"
split_case "a quadrant there that is no image" "$q2: not an image libvips can read" false

rm -f "$q2"; mkdir "${q2%.png}.part"
split_case "a directory where its .part goes" "$q2: Is a directory" false

rm -f "$q2"
split_case "a full disk writing a quadrant" "$q2: No space left on device" true \
    write:ENOSPC:1 "${q2%.png}.part"
rm -f "$q2"
split_case "fsync of a quadrant failing" "$q2: Input/output error" true \
    fsync:EIO:1 "${q2%.png}.part"
rm -f "$q2"
split_case "close of a quadrant failing" "$q2: Input/output error" true \
    close:EIO:1 "${q2%.png}.part"
split_case "reading a quadrant found there failing" "$q2: Input/output error" true \
    read:EIO:1 "$q2"
rm -f "$q2"
split_case "the directory's fsync after a quadrant failing" "$grid: Input/output error" true \
    fsync:EIO:2 "$TEST_DIR/out"
is "$(wc -l < faults.log)" 5 "each fault was made on its file"
ok "... the last on the directory" sh -c "tail -1 faults.log | grep -q 'fsync 2 on $TEST_DIR/out: EIO'"

echo 'not a picture' > "$grid"; rm -f "$q2"
split_case "the grid replaced by text" "$grid: not an image libvips can read" false
is "$(media)" "$n0" "no case fetched anything again"

rm -f "$q2"
run_prog mj-fetch --split -d out < grid.task > out3 2> err
is "$?" 0 "without a fault: status 0"
ok "... the quadrant cut again, the same bytes" cmp "$q2" "pristine/$(basename "$q2")"
sim_stop
done_testing
