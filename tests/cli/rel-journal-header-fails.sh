#!/bin/bash
# A new journal whose header cannot be written (write(2) fails: the disk
# is full) or synced (fsync(2) fails with EIO): mj-submit says why and
# stops with status 2, sending nothing; the same command without the
# fault starts the journal (a header written but not synced is read as
# the header it is) and submits every prompt once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"

for spec in write:ENOSPC:1 fsync:EIO:1; do
	sim_start --duration 0.2 --capacity 100
	rm -f run.journal faultsys.log
	tag=hdr-${spec%%:*}
	prompts "$tag" 3
	case $spec in
	write*) why="No space left on device" ;;
	*) why="Input/output error" ;;
	esac
	faulty "$spec" mj-submit -j 2 --journal run.journal prompts.txt \
	    > out.jsonl 2> err
	is "$?" 2 "$spec: the header cannot be made: status 2"
	ok "... the fault was made" grep -q "${spec%%:*} 1 on .*run.journal" \
	    faultsys.log
	is "$(cat err)" "mj-submit: run.journal: $why" \
	    "... one message naming the journal and the error"
	ok "... no record" test ! -s out.jsonl
	is "$(sent "$tag")" 0 "... nothing sent"
	rerun "$tag" 3
	sim_stop
done
done_testing
