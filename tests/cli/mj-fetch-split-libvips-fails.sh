#!/bin/bash
# mj-fetch --split where libvips reads the grid's header but then fails
# (tests/faultinject/failvips.so forwards to the real libvips, failing
# one operation): decoding, cutting the rows, cutting a quadrant,
# encoding a PNG or a WebP quadrant.  Each: status 1, the record an
# error (stage fetch) naming the grid and the step, the grid kept, the
# quadrants done before kept, no .part; the rerun without the fault
# cuts the rest, the same bytes as an untroubled run.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
SHIM=$top_builddir/tests/faultinject/failvips
[ -f "$SHIM/libvips.so.42" ] || skip_all "no $SHIM: run through make check"
FAILVIPS_REAL=$(ldconfig -p 2>/dev/null | sed -n 's/.*libvips\.so\.42 .*=> //p' | head -1)
[ -f "$FAILVIPS_REAL" ] || skip_all "libvips.so.42 not found by ldconfig"
# VIPSHOME: no libvips modules, which would load the shim as their libvips
export FAILVIPS_REAL VIPSHOME=$TEST_DIR/no-vips-home

sim_start --duration 0.1 --jitter 0 --grid-size 64x48
printf '%s\n' 'png grid' 'webp grid sim:fmt=webp' | mj-submit 2>/dev/null |
    mj-wait -i 100ms 2>/dev/null > tasks
run_prog mj-fetch --split -d out < tasks > out1 2> err
jq_ok out1 'length == 2 and all(.files | length == 5)' "two grids split"
cp -a out pristine
grep '"png grid"' tasks > png.task
grep '"webp grid' tasks > webp.task
png=$(jq -r 'select(.prompt == "png grid") | .files[0].path' out1)
webp=$(jq -r 'select(.prompt | test("webp")) | .files[0].path' out1)

# split_fails DESC FAILVIPS TASK GRID WANT KEPT: the grid's quadrants
# removed, then split with the fault; KEPT quadrants are made before it
split_fails() {
	local desc=$1 fault=$2 task=$3 grid=$4 want=$5 kept=$6 q n
	rm -rf out; cp -a pristine out
	rm -f "${grid%.*}"-[1-4].*
	LD_LIBRARY_PATH=$SHIM FAILVIPS=$fault run_prog mj-fetch --split -d out \
	    < "$task" > out2 2> err
	is "$?" 1 "$desc: status 1"
	jq_ok out2 ".[0].error | .stage == \"fetch\" and .retryable == false and
	    .message == \"$grid: $want\"" "... the record: $want"
	ok "... stderr too" grep -qF "$grid: $want" err
	n=$(ls "${grid%.*}"-[1-4].* 2>/dev/null | wc -l)
	is "$n" "$kept" "... the grid kept, $kept quadrants made before"
	is "$(find out -name '*.part' | wc -l)" 0 "... no .part left"
	run_prog mj-fetch --split -d out < "$task" > out3 2> err
	is "$?" 0 "... the rerun without the fault: status 0"
	for q in 1 2 3 4; do
		cmp -s "${grid%.*}-$q.${grid##*.}" "pristine/$(basename "${grid%.*}")-$q.${grid##*.}" ||
		    n=x
	done
	isnt_x() { [ "$n" != x ]; }
	ok "... its quadrants the same bytes as an untroubled run" isnt_x
}
split_fails "decoding" copy_memory:1 png.task "$png" \
    "decoding: failvips: copy_memory failed" 0
split_fails "cutting the rows" extract_area:1 png.task "$png" \
    "cutting: failvips: extract_area failed" 0
split_fails "cutting a quadrant" extract_area:2 png.task "$png" \
    "cutting: failvips: extract_area failed" 0
split_fails "encoding the second PNG quadrant" pngsave_buffer:2 png.task "$png" \
    "encoding: failvips: pngsave_buffer failed" 1
split_fails "encoding a WebP quadrant" webpsave_buffer:1 webp.task "$webp" \
    "encoding: failvips: webpsave_buffer failed" 0
sim_stop
done_testing
