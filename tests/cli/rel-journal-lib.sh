# What the rel-journal-*.sh tests share (sourced after lib.sh): the
# shim that makes a system call fail on the journal (faultsys.c), and
# the checks each of them makes after its fault.
FAULTSYS_SO=$top_builddir/tests/faultinject/faultsys.so
[ -f "$FAULTSYS_SO" ] || skip_all "no $FAULTSYS_SO: run through make check"
[ "${MJ_VALGRIND:-0}" = 1 ] &&
    skip_all "faultsys.so does not combine with valgrind"
K='[0-9a-f]{64}'

# faulty SPEC CMD...: CMD with FAULTSYS=SPEC on run.journal; the faults
# made are logged in faultsys.log
faulty() {
	local spec=$1
	shift
	env LD_PRELOAD="$FAULTSYS_SO${LD_PRELOAD:+:$LD_PRELOAD}" \
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	    FAULTSYS="$spec" FAULTSYS_PATH=run.journal \
	    FAULTSYS_LOG="$TEST_DIR/faultsys.log" "$@"
}

# prompts TAG N: N prompts "TAG 1" .. "TAG N" in prompts.txt
prompts() {
	seq 1 "$2" | sed "s/^/$1 /" > prompts.txt
}

# sent TAG: how many requests the simulator took for prompts "TAG ..."
sent() {
	sim_stats | jq --arg t "$1 " '[.submissions | to_entries[] |
	    select(.key | startswith($t)) | .value] | add // 0'
}

# once TAG N: every one of the N prompts submitted exactly once
once() {
	[ "$(sim_stats | jq --arg t "$1 " '[.submissions | to_entries[] |
	    select(.key | startswith($t)) | .value] | length')" = "$2" ] &&
	    [ "$(sent "$1")" = "$2" ]
}

# journal_whole FILE: the header, then only whole lines of known kinds
journal_whole() {
	[ "$(head -1 "$1")" = "# mjpipe journal 1" ] &&
	    [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] &&
	    ! sed 1d "$1" |
	    grep -Evq "^(S $K( [0-9]+)?|T $K [^ ]+|R $K|U $K [0-9]+ [^ ]+)\$"
}

# rerun TAG N: the same command without the shim finishes the work:
# status 0, every prompt its task, each submitted exactly once in all
rerun() {
	mj-submit -j 2 --settle 1 --journal run.journal prompts.txt \
	    > rerun.jsonl 2> rerun.err
	is "$?" 0 "the same command without the fault: status 0"
	jq_ok rerun.jsonl "length == $2 and
	    all(.task.id != null and (.error | not))" \
	    "... every prompt has its task"
	ok "... every prompt submitted exactly once in all" once "$1" "$2"
	ok "... and the journal reads back, whole" journal_whole run.journal
}
