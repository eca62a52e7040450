#!/bin/bash
# A write to the journal is cut short (the disk fills up in the middle
# of an S line) and the torn line is not cut off at once (ftruncate(2)
# fails once; or it works and the fsync(2) after it fails): that request
# is not sent, a retryable error; the next line makes sure the torn one
# is gone first and the run goes on, every other prompt submitted; the
# journal holds whole lines only, and the same command without the fault
# sends the first prompt, each prompt once in all.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"

# write 1 is the header, 2 the first S line: half of it, then a full
# disk; fsync 1 is the header's, 2 the cut's
for spec in ftruncate:EIO:1 fsync:EIO:2; do
	tag=later-${spec%%:*}
	sim_start --duration 0.2 --capacity 100
	rm -f run.journal faultsys.log
	prompts "$tag" 3
	faulty "write:short:2,write:ENOSPC:3,$spec" mj-submit -j 1 \
	    --journal run.journal prompts.txt > out.jsonl 2> err
	is "$?" 1 "$tag: a torn line not cut at once: status 1"
	ok "... the fault was made" grep -q "${spec%%:*} ${spec##*:} on .*: EIO" \
	    faultsys.log
	is "$(cat err)" "mj-submit: line 1: journal run.journal: \
run.journal: No space left on device; not submitted" \
	    "... one message, for the first prompt"
	jq_ok out.jsonl "length == 3 and ([.[] | select(.error)] | length == 1)
	    and (.[] | select(.prompt == \"$tag 1\") |
	    .error.retryable == true and (.task | not))" \
	    "... the first prompt's record: not submitted, retryable"
	is "$(sent "$tag")" 2 "... the two others sent, once each"
	ok "... the torn line gone before the next" journal_whole run.journal
	rerun "$tag" 3
	sim_stop
done
done_testing
