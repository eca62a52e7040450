#!/bin/bash
# A journal whose last line was torn (a kill inside a write) has it cut
# off when loaded; when that cut fails (ftruncate(2), or the fsync(2)
# after it), mj-submit says why and stops with status 2, sending nothing
# and keeping every whole line; the same command without the fault cuts
# it and finishes the work, each prompt submitted once in all.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"

for spec in ftruncate:EIO:1 fsync:EIO:1; do
	sim_start --duration 0.2 --capacity 100
	rm -f run.journal faultsys.log
	prompts "cut-${spec%%:*}" 4
	head -2 prompts.txt > first.txt
	mj-submit --journal run.journal first.txt > first.jsonl 2> first.err
	is "$?" 0 "$spec: an earlier run: status 0"
	# the first bytes of a third S line, as a kill inside its write leaves
	printf 'S 7476300e43a5' >> run.journal
	cp run.journal before.journal

	faulty "$spec" mj-submit -j 2 --journal run.journal prompts.txt \
	    > out.jsonl 2> err
	is "$?" 2 "$spec: the torn last line cannot be cut: status 2"
	ok "... the fault was made" grep -q "${spec%%:*} 1 on .*run.journal: EIO" \
	    faultsys.log
	is "$(cat err)" "mj-submit: run.journal: Input/output error" \
	    "... one message naming the journal and the error"
	ok "... no record" test ! -s out.jsonl
	is "$(sent "cut-${spec%%:*}")" 2 "... nothing sent beyond the earlier run's"
	# a failed fsync leaves the cut made, unsynced: whole lines either way
	head -c "$(wc -c < run.journal)" before.journal > prefix
	ok "... the whole lines kept" cmp -s run.journal prefix
	ok "... ... all of them" test "$(grep -c '' run.journal)" -ge 5
	rerun "cut-${spec%%:*}" 4
	sim_stop
done
done_testing
