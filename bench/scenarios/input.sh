# bench scenario: reading input.  Sourced by bench/run, which defines the
# harness (row, st, sim, nginx_start, timed, best ...) and runs sc_* in
# its order.

# --- 6: input handling --------------------------------------------------------
sc_input() {
	local n a b rate jrate
	n=$(q 1000000 100000)
	section "reading $n CSV rows"
	python3 - "$n" <<'PY'
import sys
n = int(sys.argv[1])
with open("big.csv", "w") as c, open("big.jsonl", "w") as j:
    c.write("sku,prompt\n")
    for i in range(n):
        c.write('S%d,"a paper boat, number %d --ar 3:2"\n' % (i, i))
        j.write('{"sku":"S%d","prompt":"a paper boat, number %d --ar 3:2"}\n' % (i, i))
PY
	# each twice, alternating, the better run kept (as for downloads)
	for r in 1 2; do
		timed "t-in$r" timeout -k 5 300 mj-submit -n big.csv > sub-n.jsonl
		st "mj-submit -n" 0 $?
		[ "$(wc -l < sub-n.jsonl)" = "$n" ] ||
		    broke "mj-submit -n: $(wc -l < sub-n.jsonl) records of $n"
		rm -f sub-n.jsonl
		# the same pass in jq: read each row, add what would be sent
		timed "t-jq$r" timeout -k 5 300 jq -c '. + {submit: {dryRun: true,
		    endpoint: "/mj/submit/imagine", body: {prompt: .prompt}}}' \
		    big.jsonl > /dev/null
		st "jq" 0 $?
	done
	a=$(wall "$(best t-in1 t-in2)")
	b=$(wall "$(best t-jq1 t-jq2)")
	rate=$(calc "int($n / max($a, 0.01))")
	jrate=$(calc "int($n / max($b, 0.01))")
	row "mj-submit -n, $n CSV rows" "$rate records/s" \
	    "jq -c on JSON-lines: $jrate records/s" \
	    "$(calc "round($rate / $jrate, 2)")" ">= 200000 records/s" \
	    "$(verdict "$rate >= 200000")"
}
