#!/bin/bash
# Crash and resume, aimed: tests/faultinject/killat.so is preloaded into
# one program of the pipeline and kills it with SIGKILL at one chosen
# call (inside a journal write, just before or after the link or rename
# that gives a file its name); then the same command runs without it.
# No prompt has two tasks; every prompt ends with its image on disk
# (right sha256) and in the archive, none is left "may exist" (the server's
# task list settles what a kill between send and reply left); no .part file
# is left behind; the journal, torn, is read by the rerun.
#
# A case is STAGE=KILLAT[,STAGE=KILLAT...]: each is one killed run, in
# turn, before the clean one.  STAGE is submit, wait, fetch or pack;
# KILLAT is OP:PATTERN:N as killat.c reads it.  CASES and N come from
# long-rel-killat.sh for make check-long.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
N=${N:-12}
RUN_TIMEOUT=${RUN_TIMEOUT:-60}	# one run of the pipeline, killed or not
SHIM=$top_builddir/tests/faultinject/killat.so
CASES=${CASES:-"submit=write:journal:1
submit=write:journal:2
submit=write:journal:12
fetch=write:.part:3
fetch=link:.part:2
fetch=link-after:.part:4
pack=rename:.part:1
pack=rename-after:.part:1"}
# Known bugs (none now), as "GLOB|what": the checks of a case that GLOB
# matches make one TODO test point, an expected failure that turns into
# an unexpected pass (a failure) once the bug is fixed.  KNOWN= shows
# them as plain failures.
KNOWN=${KNOWN-""}

[ -f "$SHIM" ] || skip_all "no $SHIM: run through make check"
command -v timeout >/dev/null || skip_all "no timeout(1)"
preload=(LD_PRELOAD="$SHIM${LD_PRELOAD:+:$LD_PRELOAD}"
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0")

# the shim must take hold (under valgrind it may not): mj-pack with no
# input still renames its empty archive into place
printf '' | env "${preload[@]}" KILLAT=rename:.part:1 mj-pack -o probe.tar \
    >/dev/null 2>probe.err
probe=$?
if [ "$probe" -ne 137 ]; then
	[ "${MJ_VALGRIND:-0}" = 1 ] &&
	    skip_all "killat.so does not combine with valgrind (status $probe)"
	echo "Bail out! killat.so did not kill mj-pack (status $probe)"
	cat probe.err >&2
	exit 1
fi

sim_start --duration 0.3 --jitter 0.3 --capacity 100 --image-bytes 100000

# run CASEDIR STAGE KILLAT: one run of the pipeline, KILLAT aimed at
# STAGE (none: no shim); the four statuses go to CASEDIR/status
run() {
	local d=$1 e_submit=(KILLAT=) e_wait=(KILLAT=) e_fetch=(KILLAT=)
	local e_pack=(KILLAT=) to=(timeout -k 5 "$RUN_TIMEOUT")
	if [ "$2" != none ]; then
		local -n aimed=e_$2
		aimed=("${preload[@]}" KILLAT="$3" KILLAT_LOG="$d/killat.log")
	fi
	"${to[@]}" env "${e_submit[@]}" mj-submit -j 4 --rate 40 \
	    --journal "$d/run.journal" "$d/prompts.txt" </dev/null \
	    2>>"$d/err.log" |
	    "${to[@]}" env "${e_wait[@]}" mj-wait -i 200ms 2>>"$d/err.log" |
	    "${to[@]}" env "${e_fetch[@]}" mj-fetch -j 4 -d "$d/out" \
	    2>>"$d/err.log" |
	    "${to[@]}" env "${e_pack[@]}" mj-pack -o "$d/out.tar.gz" \
	    > "$d/final.jsonl" 2>>"$d/err.log"
	echo "${PIPESTATUS[*]}" > "$d/status"
	# valgrind checks leaks even at a SIGKILL the program sends itself:
	# what a killed process held is not a leak
	local pid
	for pid in $(sed -n 's/^killat: pid \([0-9]*\):.*/\1/p' \
	    "$d/killat.log" 2>/dev/null); do
		rm -f "$TEST_DIR"/valgrind-*."$pid".log
	done
}

stage_index() {
	case $1 in submit) echo 0 ;; wait) echo 1 ;; fetch) echo 2 ;;
	pack) echo 3 ;; *) echo "Bail out! no stage $1"; exit 1 ;; esac
}

# check STATUS DESC: a test point, or a part of the case's TODO point
check() {
	if [ -z "$todo" ]; then
		_result "$1" "$2"
	elif [ "$1" -ne 0 ]; then
		todo_failed=$((todo_failed + 1))
		diag "(known bug) failed: $2"
	fi
}

is_() {		# is_ GOT WANT DESC
	[ "$1" = "$2" ]
	check $? "$3"
	[ "$1" = "$2" ] || printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
}

# kill_once CASEDIR STAGE KILLAT K: the Kth killed run of a case
kill_once() {
	local d=$1 stage=$2 spec=$3 k=$4 st i lines
	: > "$d/killat.log"
	run "$d" "$stage" "$spec"
	read -r -a st < "$d/status"
	i=$(stage_index "$stage")
	lines=$(wc -l < "$d/killat.log" | tr -d ' ')
	diag "$case: kill $k: statuses ${st[*]}; $(cat "$d/killat.log")"
	[ "${st[$i]}" = 137 ] && [ "$lines" = 1 ]
	check $? "$case: mj-$stage died by SIGKILL at $spec"
	kills=$((kills + 1))
	[ "$stage" = submit ] && submit_kills=$((submit_kills + 1))
	case $spec in
	write:journal:*)
		# the torn line is there for the rerun to find
		[ -s "$d/run.journal" ] &&
		    [ "$(tail -c 1 "$d/run.journal" | od -An -c | tr -d ' ')" != '\n' ]
		check $? "$case: the journal ends in a torn line"
		;;
	link-after:*)
		# the file has its name and its .part is still there
		[ -n "$(find "$d/out" -name '*.part')" ]
		check $? "$case: the kill left a linked .part"
		;;
	esac
}

# verify CASEDIR: the state after the clean rerun
verify() {
	local d=$1 st bad=0 okn=0 kind path sum member
	read -r -a st < "$d/status"
	check $(( st[0] == 2 )) "$case: the rerun's mj-submit reads the journal (status ${st[0]})"
	sim_stats > "$d/stats.json"
	dups=$(jq --arg c "$case_tag " '.submissions | to_entries |
	    map(select((.key | startswith($c)) and .value > 1)) | length' \
	    "$d/stats.json")
	is_ "$dups" 0 "$case: no prompt submitted twice"
	is_ "$(jq -r .prompt "$d/final.jsonl" | sort -u | wc -l | tr -d ' ')/$(wc -l < "$d/final.jsonl" | tr -d ' ')" \
	    "$N/$N" "$case: the rerun writes one record per prompt"
	while IFS=$'\t' read -r kind path sum member; do
		case $kind in
		ok)	[ -f "$path" ] &&
			    [ "$(sha256sum < "$path" | cut -d' ' -f1)" = "$sum" ] &&
			    [ "$member" = "$(basename "$path")" ] &&
			    okn=$((okn + 1)) || bad=$((bad + 1)) ;;
		maybe)	maybe=$((maybe + 1)); case_maybe=$((case_maybe + 1)) ;;
		*)	bad=$((bad + 1)); diag "$case: $path" ;;
		esac
	done < <(jq -r 'if .task.status == "SUCCESS" and (.error | not) then
		["ok", .files[0].path, .files[0].sha256, .archive.members[0]]
	    elif .error.retryable == false and
		(.error.message | test("may exist")) then ["maybe", ""]
	    else ["bad", (.error.message // "no error, no success")] end |
	    @tsv' "$d/final.jsonl")
	is_ "$bad" 0 "$case: every prompt: its file, whole and packed, or 'may exist' ($okn complete, $case_maybe may exist)"
	# a kill of mj-submit between S and T leaves requests unanswered;
	# the rerun finds their tasks in the server's task list, or sends
	# again what the list proves was never created
	is_ "$case_maybe" 0 "$case: no prompt is left 'may exist' ($submit_kills kills of mj-submit)"
	complete=$((complete + okn))
	is_ "$(cd "$d" && find . -name '*.part' | sort | tr '\n' ' ')" "" \
	    "$case: no .part file left"
	bsdtar -tf "$d/out.tar.gz" > "$d/members" 2>/dev/null &&
	    [ "$(grep -vc '^manifest.jsonl$' "$d/members")" = "$okn" ]
	check $? "$case: the archive is whole and holds every file"
	[ "$(head -1 "$d/run.journal")" = "# mjpipe journal 1" ] &&
	    ! sed 1d "$d/run.journal" |
	    grep -Evq '^(S [0-9a-f]{64}( [0-9]+)?|T [0-9a-f]{64} [0-9]+|R [0-9a-f]{64})$'
	check $? "$case: the journal: its header, then only whole lines"
}

kills=0 maybe=0 complete=0 prompts=0 n_case=0
while IFS= read -r case <&3; do
	[ -n "$case" ] || continue
	n_case=$((n_case + 1))
	[ "$n_case" -le 100 ] || { echo "Bail out! too many cases"; exit 1; }
	d=$TEST_DIR/c$n_case case_tag="killat c$n_case" case_maybe=0
	mkdir "$d"
	seq 1 "$N" | sed "s/^/$case_tag prompt /" > "$d/prompts.txt"
	prompts=$((prompts + N))
	todo="" todo_failed=0
	while IFS= read -r known; do
		# shellcheck disable=SC2053	# a glob, on purpose
		[ -n "$known" ] && [[ $case == ${known%%|*} ]] &&
		    todo=${known#*|}
	done <<<"$KNOWN"
	k=0 submit_kills=0
	IFS=, read -r -a kills_of <<<"$case"
	for kill in "${kills_of[@]}"; do
		k=$((k + 1))
		kill_once "$d" "${kill%%=*}" "${kill#*=}" "$k"
	done
	run "$d" none ""
	verify "$d"
	if [ -n "$todo" ]; then
		failed_before=$_tap_failed
		[ "$todo_failed" -eq 0 ]
		_result $? "$case: all of its checks # TODO $todo"
		_tap_failed=$failed_before	# lib.sh's count, not ours
	fi
done 3<<<"$CASES"
diag "$kills aimed kills in $n_case cases, $prompts prompts: $complete complete, $maybe may exist"
sim_stop
done_testing
