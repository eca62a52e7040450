#!/bin/bash
# Strict JSON against JSONTestSuite (tests/jsonsuite, MIT): every y_ file
# (must accept) and n_ file (must reject) as a record line through
# mj-submit -n and mj-wait.  A valid JSON line that is not an object is
# no record: mj-submit says "not an object"; mj-wait reads a string or a
# number as a bare task id (design.md), anything else as an input error.
# An n_ file is never read as a record.  Every line written reads back
# strictly (tests/cli/jsonref.py is the reference).
. "$top_srcdir/tests/cli/lib.sh"
suite=$top_srcdir/tests/jsonsuite
. "$top_srcdir/tests/cli/jsonref.sh"
ref suite "$suite" .
is "$(wc -l < y.names) $(wc -l < n.names)" "95 185" "the suite: 95 y_ and 185 n_ files on lines, 3 n_ files alone"

for k in y n; do
	mj-submit -n -f jsonl "$k.jsonl" > "sub-$k.out" 2> "sub-$k.err"
	is "$?" 1 "mj-submit -n, ${k}_ files: status 1 (records that are not read, or have no prompt)"
	report < <(ref check-submit . "$k" "sub-$k.out")
done
ok "mj-submit: a message naming the line for each n_ file" \
    test "$(grep -c '^mj-submit: line [0-9]*: not a JSON object: ' sub-n.err)" -ge 180

# the n_ files with a line break inside: no line of them is a record
fails=""
for f in alone-*; do
	mj-submit -n -f jsonl "$f" > out 2>/dev/null
	jq -e -s 'all(.error.stage == "input")' out > /dev/null || fails="$fails $f"
done
is "$fails" "" "n_ files with a line break: every line of them an input error"

sim_start --duration 0.2
for k in y n; do
	timeout 60 mj-wait -i 100ms "$k.jsonl" > "wait-$k.out" 2> "wait-$k.err"
	is "$?" 1 "mj-wait, ${k}_ files: status 1 (unknown ids, lines that are not records)"
	report < <(ref check-wait . "$k" "wait-$k.out")
done
checked 8
done_testing
