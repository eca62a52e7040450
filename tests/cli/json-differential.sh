#!/bin/bash
# The differential test of the strict reader: generated lines (random
# objects, the JSON suite's files, both mutated byte by byte) go through
# mj-submit -n; it must read a line as a record exactly when the strict
# reference does (Python's json, NaN refused, an object, at most 255
# levels deep: tests/cli/jsonref.py), keep what it read, and write
# nothing but strict JSON.  JSON_DIFF_SEED and JSON_DIFF_LINES run others.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/jsonref.sh"
seed=${JSON_DIFF_SEED:-17}
n=${JSON_DIFF_LINES:-20000}
diag "seed $seed, $n lines"
ref gen "$seed" "$n" "$top_srcdir/tests/jsonsuite" in.jsonl
mj-submit -q -n -f jsonl in.jsonl > out 2> err	# -q: no plan at the end
is "$?" 1 "status 1: lines that are not records"
report < <(ref check-diff in.jsonl out)
ok "jq reads every line written" jq -c . out
ok "no crash, no sanitizer report" test "$(grep -c -v '^mj-submit: line [0-9]*: ' err)" = 0
checked 2
done_testing
