# Sourced after lib.sh by the tls-untrusted-submit-*.sh tests, each on a
# simulator of its own behind a TLS front: three prompts in p2.txt, the
# requests the front logged, and wrong_trust, the checks of a refusal.
printf 'trust one\ntrust two\ntrust three\n' > p2.txt
# requests: how many requests the front (TLS_DIR) logged
requests() { wc -l < "$TLS_DIR/access.log" | tr -d ' '; }
# seen: how many of the prompts "trust ..." the simulator received
seen() {
	sim_stats | jq '[.submissions | to_entries[] |
	    select(.key | startswith("trust"))] | length'
}

# refused before sending: a record that says why, retryable, nothing sent
# wrong_trust DESC OUT [ENV...]: mj-submit -v with a journal, under ENV
wrong_trust() {
	local desc=$1 out=$2 before t0 t1
	shift 2
	before=$(requests)
	t0=$(date +%s%N)
	env "$@" mj-submit -v -j 4 --journal trust.journal p2.txt > "$out" 2> "$out.err"
	is "$?" 1 "$desc: exit status 1"
	t1=$(date +%s%N)
	jq_ok "$out" 'length == 3 and all(.error.retryable == true and
	    (.error.message | test("TLS: .*certificate")) and .task.id == null)' \
	    "$desc: each record an error naming the certificate, retryable"
	is "$(requests)" "$before" "$desc: nothing reached the server (the front logged no request)"
	ok "$desc: not retried in the run (no 'retrying')" sh -c "! grep -q 'retrying' '$out.err'"
	ok "$desc: given up promptly (under 5 s)" test $(( (t1 - t0) / 1000000 )) -lt 5000
	ok "$desc: stderr says it" grep -q 'TLS: .*certificate' "$out.err"
	# the case's own count (when the refusals shared one simulator,
	# they were counted together at the end)
	is "$(seen)" 0 "$desc: the simulator never saw the refused prompts"
}
