#!/bin/bash
# Out of memory at every point: tests/faultinject/failmalloc.so makes
# every allocation fail from the Nth after main begins; each of the four
# programs runs its stage of a small pipeline against the simulator with
# N swept over the allocation points of its run.  At each point the
# program exits 1 or 2 with one "out of memory" message, never by a
# signal; what it wrote on stdout is whole records; no .part file is
# left and every file with its final name is whole; the journal reads
# back; then the same command without the shim finishes the work, and
# the simulator received every prompt exactly once.
#
# Which points: the first OOM_FIRST, OOM_SPREAD spread evenly over the
# rest, every OOM_STEPth (0: none), and up to OOM_PATH ("all": every one)
# of those on the journal and publish paths (found by a traced run, see
# oompoints.py); OOM_ALL=1 takes every point.  long-rel-oom.sh (make
# check-long) takes a dense sample.  OOM_PROGS chooses the stages: submit
# (with a journal), wait, fetch, pack, and gallery (mj-pack --gallery,
# which loads libvips and GLib).
TEST_TIMEOUT=${TEST_TIMEOUT:-300}
. "$top_srcdir/tests/cli/lib.sh"
# gallery only in check-long: there the allocations that fail are mostly
# GLib's and libvips' libraries', whose own ends (abort, SIGSEGV, SIGTRAP)
# vary with the build; make check keeps mjpipe's own four stages
OOM_PROGS=${OOM_PROGS:-"submit wait fetch pack"}
OOM_FIRST=${OOM_FIRST:-8}
OOM_SPREAD=${OOM_SPREAD:-8}
OOM_PATH=${OOM_PATH:-14}
OOM_STEP=${OOM_STEP:-0}
OOM_ALL=${OOM_ALL:-0}
P=3				# prompts in the pipeline
SHIM=$top_builddir/tests/faultinject/failmalloc.so
POINTS=$top_srcdir/tests/faultinject/oompoints.py
# the functions of the paths that must survive: the journal, the
# submission's life, the output records, a file's or an archive's
# last steps
PATHS='journal|submission_|lostreply|reconcile|emit|commit|rename|give_up'
PATHS+='|file_done|file_named|file_synced|dir_synced|download_finish|verify'
PATHS+='|job_finish|pack_close|print_records|archwrite|spool_record'
PATHS+='|take_record|remove_packed'

[ -f "$SHIM" ] || skip_all "no $SHIM: run through make check"
[ "${MJ_VALGRIND:-0}" = 1 ] &&
    skip_all "failmalloc.so does not combine with valgrind"
command -v addr2line >/dev/null || skip_all "no addr2line"
preload=(LD_PRELOAD="$SHIM${LD_PRELOAD:+:$LD_PRELOAD}"
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:detect_leaks=0")

# the shim must take hold: a failing first allocation stops mj-pack
env "${preload[@]}" FAILMALLOC=1 FAILMALLOC_LOG=probe.log \
    mj-pack -o probe.tar </dev/null >/dev/null 2>probe.err
grep -q 'failed 1 ' probe.log 2>/dev/null ||
    skip_all "failmalloc.so does not take hold here"

sim_start --duration 0.2 --jitter 0 --capacity 100 --image-bytes 20000 \
    --max-seconds "$((TEST_TIMEOUT + 60))"
# prompts of one length for every point, so that each run allocates alike
prompts() {	# prompts TAG: P prompts, TAG a number
	local i
	for ((i = 1; i <= P; i++)); do
		printf 'oom %06d prompt %d\n' "$1" "$i"
	done
}

# stage STAGE DIR [VAR=VALUE...]: one stage's command, in the environment
# given, each stage reading the reference output of the last
stage() {
	local st=$1 d=$2
	shift 2
	local run=(timeout -k 5 60 env "$@")
	case $st in
	submit)	"${run[@]}" mj-submit -j 2 --journal "$d/run.journal" \
		    "$d/prompts.txt" < /dev/null ;;
	wait)	"${run[@]}" mj-wait -i 100ms < ref/submitted.jsonl ;;
	fetch)	"${run[@]}" mj-fetch -j 2 -d "$d/out" < ref/waited.jsonl ;;
	pack)	"${run[@]}" mj-pack -o "$d/out.tar.gz" < ref/fetched.jsonl ;;
	gallery) "${run[@]}" mj-pack --gallery -o "$d/out.tar.gz" \
		    < ref/fetched.jsonl ;;
	esac
}

# the reference: the pipeline once, stage by stage, without failures,
# each stage counted and traced
mkdir ref
prompts 0 > ref/prompts.txt
declare -A total
for stage in submit wait fetch pack gallery; do
	case $stage in
	submit) out=ref/submitted.jsonl ;; wait) out=ref/waited.jsonl ;;
	fetch) out=ref/fetched.jsonl ;; *) out=ref/$stage.jsonl ;;
	esac
	stage "$stage" ref "${preload[@]}" FAILMALLOC_LOG="ref/$stage.count" \
	    FAILMALLOC_TRACE="ref/$stage.trace" > "$out" 2>"ref/$stage.err"
	st=$?
	[ "$st" = 0 ] || { echo "Bail out! the reference mj-$stage: $st"
	    cat "ref/$stage.err"; exit 1; }
	total[$stage]=$(sed -n 's/.*allocations \([0-9]*\)$/\1/p' \
	    "ref/$stage.count" | tail -1)
done
is "$(jq -r 'select(.task.status == "SUCCESS") | .files[0].sha256' \
    ref/fetched.jsonl | grep -c .)" "$P" "the reference pipeline: $P files"
jq -r '.files[0] | "\(.sha256)  \(.path | split("/") | last)"' \
    ref/fetched.jsonl | sort > ref/sums

# points PROG: the allocation numbers to fail, one per line
points() {
	local stage=$1 n=${total[$1]} step i
	if [ "$OOM_ALL" = 1 ]; then
		seq 1 "$((n + 1))"
		return
	fi
	{
		# mj-pack's own points are the pack stage's: --gallery adds
		# libvips' and GLib's, spread over
		[ "$stage" = gallery ] || seq 1 "$OOM_FIRST"
		step=$(( n / (OOM_SPREAD + 1) ))
		[ "$step" -gt 0 ] &&
		    for ((i = 1; i <= OOM_SPREAD; i++)); do echo $((i * step)); done
		# GLib's points are many and alike: a sparser step there
		step=$OOM_STEP
		[ "$stage" = gallery ] && step=$((step * 8))
		[ "$step" -gt 0 ] && seq "$step" "$step" "$n"
		"$PYTHON3" "$POINTS" "ref/$stage.trace" \
		    "$top_builddir/src/mj-${stage/gallery/pack}" "$PATHS" \
		    > "ref/$stage.paths"
		[ "$stage" != gallery ] || [ "$OOM_STEP" -gt 0 ] ||
		    : > "ref/$stage.paths"
		# spread over the path's points, not just its first ones
		awk -v k="$OOM_PATH" '{ a[NR] = $1 } END { if (k == "all" || NR <= k) {
		    for (i = 1; i <= NR; i++) print a[i]; exit }
		    for (i = 0; i < k; i++) print a[int(i * NR / k) + 1] }' \
		    "ref/$stage.paths"
		# and some of the state tag's, always: a failure there once
		# sent the request untagged
		[ "$stage" != submit ] || "$PYTHON3" "$POINTS" \
		    "ref/$stage.trace" "$top_builddir/src/mj-submit" \
		    submission_tagged_body | awk '{ a[NR] = $1 } END {
		    for (i = 0; i < 4 && i < NR; i++) print a[int(i * NR / 4) + 1] }'
		# the last ones, where the records go out: mj-pack's once
		# ended without them, exit 0, when getline failed
		seq "$((n > 3 ? n - 3 : 1))" "$n"
		echo "$((n + 1))"	# one beyond: the run is not failed
	} | sort -n -u
}

# the files of a directory whose names are final: each must be whole
files_whole() {	# files_whole DIR
	local f sum
	[ -d "$1" ] || return 0
	for f in "$1"/*; do
		[ -e "$f" ] || continue
		case $f in *.part) continue ;; esac
		sum=$(sha256sum < "$f" | cut -d' ' -f1)
		grep -q "^$sum  ${f##*/}\$" ref/sums || { diag "torn: $f"; return 1; }
	done
}

records_whole() {	# records_whole FILE: every line a JSON object
	[ ! -s "$1" ] || jq -e -s 'all(type == "object")' "$1" >/dev/null 2>&1
}

journal_whole() {	# the header, then only whole lines of known kinds
	local k='[0-9a-f]{64}'
	[ ! -e "$1" ] || {
		[ "$(head -1 "$1")" = "# mjpipe journal 1" ] &&
		    ! sed 1d "$1" | grep -Evq "^(S $k( [0-9]+)?|T $k [^ ]+|R $k|U $k [0-9]+ [^ ]+)\$"
	}
}

# Known bugs, "STAGE|ERE on the failure's description|what": a point they
# match is a TODO test point (one per bug and stage), not a failure, until
# fixed.  KNOWN= shows them as plain failures.
KNOWN=${KNOWN-""}
declare -A known_seen
known() {	# known STAGE WHY: does a known bug explain it?
	local line
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		IFS='|' read -r kst kre known_what <<<"$line"
		[ "$kst" = "$1" ] && grep -Eq -- "$kre" <<<"$2" || continue
		known_seen["$1|$known_what"]=$(( ${known_seen["$1|$known_what"]:-0} + 1 ))
		return 0
	done <<<"$KNOWN"
	return 1
}

# one point: the failed run, its checks, the clean rerun and its checks;
# failures are described in $why
declare -A by_status
tried=0 bad=0
one_point() {	# one_point STAGE N
	local stage=$1 n=$2 d=$TEST_DIR/p-$1-$2 st st2 oom
	why=""
	mkdir "$d"
	[ "$stage" = submit ] && prompts "$n" > "$d/prompts.txt"
	stage "$stage" "$d" "${preload[@]}" FAILMALLOC="$n" \
	    FAILMALLOC_LOG="$d/fm.log" > "$d/out1" 2> "$d/err1"
	st=$?
	# libraries that end the process themselves when an allocation
	# fails: libarchive (exit 1, its own message), GLib under libvips
	# (g_error's abort, or a crash where its own out-of-memory message
	# fails to allocate and recurses), glibc (abort when a thread's exit
	# cannot load libgcc_s, exit 127 when a new thread gets no TLS),
	# json-c (its parser crashes when it cannot copy a key)
	lib=""
	asker=$(sed -n 's/.* failed [0-9]* in//p' "$d/fm.log" 2>/dev/null |
	    tr ' ' '\n' | grep -v -e '^$' -e '^libc\.so' -e '^ld-linux' -e '^libasan' \
	    -e '^libubsan' | head -1)
	case $asker in
	libglib*|libgobject*|libgio*|libvips*|libgmodule*) lib=glib ;;
	# the libraries libvips loads: C++ ones throw std::bad_alloc and
	# terminate; image codecs crash; "?" is code liborc made at run time
	libstdc++*|libpng*|libjpeg*|liborc*|libpixman*|libtiff*|libwebp*| \
	libheif*|libcairo*|libfreetype*|libfontconfig*|libharfbuzz*| \
	libexif*|libimagequant*|libcgif*|libspng*|libgsf*|libxml2*| \
	librsvg*|libpoppler*|libhwy*|libjxl*|libopenjp2*|libnuma*|libx265*| \
	libde265*|libaom*|libdav1d*|liblcms2*|libexpat*|'?')
		[ "$stage" = gallery ] && lib=vips-deps ;;
	libjson-c*)
		# its parser uses a key it could not copy: a crash in json-c
		if [ "$st" = 139 ] ||
		    grep -q 'AddressSanitizer: SEGV' "$d/err1"; then
			lib=json-c
		fi ;;
	esac
	grep -Eq 'GLib|GSlice|MEMORY-ERROR' "$d/err1" && lib=glib
	grep -Eq 'libgcc_s.so.1 must be installed|memory for thread-local data' \
	    "$d/err1" && lib=glibc
	grep -q 'Fatal Internal Error in libarchive' "$d/err1" && lib=libarchive
	# libnuma (loaded with libvips) exits 1 when a bitmask cannot be had
	grep -q 'Out of memory allocating bitmask' "$d/err1" && lib=libnuma
	if ! grep -q ' failed ' "$d/fm.log" 2>/dev/null; then
		[ "$st" = 0 ] || why+=" exit $st without a failure;"
		st="$st (no failure)"
	elif [ "$st" = 0 ]; then
		# the failure came after the work (a library's clean-up at
		# exit): the output must be whole
		[ "$(grep -c . "$d/out1")" = "$P" ] ||
		    why+=" exit 0 after a failure, $(grep -c . "$d/out1") records;"
		st="0 (survived)"
	elif [ "$lib" = libarchive ] && [ "$st" = 1 ]; then
		st="1 (libarchive exits)"
	# g_error ends with G_BREAKPOINT: SIGTRAP, status 133
	elif [ "$lib" = libarchive ] && [[ $st =~ ^13[349]$ ]]
	then
		# its exit(1) runs the exit handlers, and GLib's threads die
		st="$st (libarchive exits, GLib dies in the exit)"
	elif [ "$lib" = libnuma ] && [ "$st" = 1 ]; then
		st="1 (libnuma exits)"
	elif [ "$lib" = vips-deps ] && { [ "$st" = 134 ] || [ "$st" = 139 ]; }
	then
		st="$st (a library of libvips: $asker)"
	elif [ "$lib" = glib ] && [[ $st =~ ^13[349]$ ]]; then
		st="$st (GLib's own end)"
	elif [ "$lib" = json-c ] && [ "$st" = 139 ]; then
		st="139 (json-c's own end: its parser)"
	elif [ -n "$lib" ] && [ "$st" = 1 ] &&
	    grep -q 'AddressSanitizer' "$d/err1"; then
		# ASan reports the crash or the abort and exits 1
		st="1 ($lib's own end, reported by ASan)"
	elif [ "$lib" = glibc ] && { [ "$st" = 134 ] || [ "$st" = 127 ]; }; then
		st="$st (glibc's own end: a new thread's memory)"
	elif [ "$st" = 1 ] || [ "$st" = 2 ]; then
		oom=$(grep -c 'out of memory' "$d/err1")
		[ "$oom" = 1 ] || why+=" $oom 'out of memory' messages;"
	else
		why+=" exit $st (first failure in ${asker:-?});"
	fi
	by_status[$st]=$(( ${by_status[$st]:-0} + 1 ))
	records_whole "$d/out1" || why+=" a torn record on stdout;"
	# a .part left at mjpipe's own out-of-memory exit (a library's own
	# end runs none of mjpipe's clean-up, as a kill): counted apart
	if [ -z "$lib" ] && [ -n "$(find "$d" -name '*.part')" ]; then
		part_left=$((part_left + 1))
		part_at+=" $n"
	fi
	files_whole "$d/out" || why+=" a torn file;"
	if [ -e "$d/out.tar.gz" ] && ! bsdtar -tf "$d/out.tar.gz" >/dev/null 2>&1
	then why+=" a torn archive;"; fi
	journal_whole "$d/run.journal" || why+=" the journal torn;"
	# the same command, without the shim
	stage "$stage" "$d" > "$d/out2" 2> "$d/err2"
	st2=$?
	[ "$st2" = 0 ] || why+=" the rerun exits $st2 ($(head -c 200 "$d/err2"));"
	case $stage in
	submit|wait)
		[ "$(jq -r '.task.id // empty' "$d/out2" | sort -u | grep -c .)" = "$P" ] ||
		    why+=" the rerun has not $P tasks;" ;;
	fetch)
		[ "$(find "$d/out" -type f | grep -c .)" = "$P" ] &&
		    files_whole "$d/out" || why+=" the rerun's files;" ;;
	pack|gallery)
		bsdtar -tf "$d/out.tar.gz" > "$d/members" 2>/dev/null &&
		    [ "$(cut -c67- ref/sums | grep -cxFf - "$d/members")" = "$P" ] ||
		    why+=" the rerun's archive;" ;;
	esac
	[ -z "$(find "$d" -name '*.part')" ] || why+=" a .part after the rerun;"
	tried=$((tried + 1))
	if [ -n "$why" ] && known "$stage" "$why"; then
		todo=$((todo + 1))
		diag "$stage FAILMALLOC=$n (known: $known_what):$why"
		rm -rf "$d"
	elif [ -n "$why" ]; then
		bad=$((bad + 1))
		diag "$stage FAILMALLOC=$n:$why"
		sed 's/^/#   err1: /' "$d/err1" | head -5
	else
		rm -rf "$d"
	fi
}

for stage in $OOM_PROGS; do
	bad=0 tried=0 by_status=() part_left=0 part_at="" todo=0
	npoints=0
	while read -r n; do
		one_point "$stage" "$n"
		npoints=$((npoints + 1))
	done < <(points "$stage")
	summary=""
	for s in "${!by_status[@]}"; do summary+=" status $s: ${by_status[$s]};"; done
	diag "$stage: ${total[$stage]} allocations in the run," \
	    "$tried points tried:$summary"
	is "$bad" 0 "$stage: every point of $((tried - todo)) (and $todo of\
 known bugs) exits 1 or 2 with one message, leaves nothing torn, and the\
 rerun finishes"
	for k in "${!known_seen[@]}"; do
		[ "${k%%|*}" = "$stage" ] || continue
		failed_before=$_tap_failed
		_result 1 "$stage: ${known_seen[$k]} points: ${k#*|} # TODO known bug"
		_tap_failed=$failed_before	# a TODO point: lib.sh's count
	done
	# xalloc_oom unlinks the .part files in flight (xalloc_tmp_add)
	is "$part_left" 0 "$stage: no .part left at an out-of-memory exit"
	[ "$part_left" = 0 ] || diag "$stage: a .part left at:$part_at"
done

# every prompt of every point was submitted exactly once
if [[ " $OOM_PROGS " == *" submit "* ]]; then
	sim_stats > stats.json
	is "$(jq '[.submissions | to_entries[] |
	    select((.key | startswith("oom ")) and .value != 1)] | length' stats.json)" \
	    0 "every prompt submitted exactly once"
fi
sim_stop
done_testing
