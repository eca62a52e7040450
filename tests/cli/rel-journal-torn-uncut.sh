#!/bin/bash
# A write to the journal is cut short (the disk fills up in the middle
# of an S line) and the torn line cannot be cut off (ftruncate(2) fails;
# or fstat(2) fails, so its length is unknown): nothing more may be
# appended after it, so no later request is sent, each record a
# retryable error ("a torn line cannot be cut"), status 1.  The same
# command without the fault cuts the torn line when it loads the journal
# and sends every prompt once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"

# write 1 is the header, 2 the first S line: half of it, then a full disk
for spec in write:short:2,write:ENOSPC:3,ftruncate:EIO:1+ \
    write:ENOSPC:2,fstat:EIO:1+; do
	case $spec in
	*ftruncate*) tag=uncut-trunc ;;
	*) tag=uncut-fstat ;;
	esac
	sim_start --duration 0.2 --capacity 100
	rm -f run.journal faultsys.log
	prompts "$tag" 3
	faulty "$spec" mj-submit -j 1 --journal run.journal prompts.txt \
	    > out.jsonl 2> err
	is "$?" 1 "$tag: a torn line that cannot be cut: status 1"
	call=${spec##*,}
	ok "... the faults were made" grep -q "${call%%:*} 1 on .*: EIO" \
	    faultsys.log
	ok "... ... and the write failed" grep -q 'write .*: ENOSPC' \
	    faultsys.log
	grep -c 'a torn line cannot be cut: Input/output error; not submitted' \
	    err > n
	is "$(cat n)" 2 "... the later prompts refused, saying why"
	ok "... the first, saying the disk is full" grep -q \
	    '^mj-submit: line 1: .*No space left on device; not submitted' err
	jq_ok out.jsonl 'length == 3 and all(.error.retryable == true and
	    (.task | not))' "... every record a retryable error"
	is "$(sent "$tag")" 0 "... nothing sent"
	rerun "$tag" 3
	sim_stop
done
done_testing
