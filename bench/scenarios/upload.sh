# bench scenario: --upload's bytes.  Sourced by bench/run, which defines the
# harness (row, st, sim, nginx_start, timed, best ...) and runs sc_* in
# its order.

# --- --upload: the bytes a reference image costs over many rows --------------
sc_upload() {
	local n lim s b0 b1 b2 b3 plain up one base ratio
	n=$(q 1000 100)
	section "upload, $n rows with a 2 MiB reference"
	sim upload --capacity 100000 --queue 100000 --duration 1 || return
	{ printf '\211PNG\r\n\032\n'; head -c $((2 * 1048576 - 8)) /dev/urandom; } \
	    > ref.png
	prompts "$n" upload > pu.txt
	lim=900
	# what the client sent to the submit endpoints (heads and bodies)
	sent() {
		curl -s "$SIM_URL/_sim/stats" | jq "[.bytes_in | to_entries[] |
		    select(.key | startswith(\"POST /mj/submit/${1:-}\")) | .value] |
		    add // 0"
	}
	b0=$(sent)
	timeout -k 5 $lim mj-submit -q -j 16 pu.txt > /dev/null
	s=$?
	b1=$(sent)
	timeout -k 5 $lim mj-submit -q -j 16 --upload --image ref.png pu.txt \
	    > /dev/null
	s="$s $?"
	b2=$(sent)
	one=$(sent upload)
	timeout -k 5 $lim mj-submit -q -j 16 --image ref.png pu.txt > /dev/null
	s="$s $?"
	b3=$(sent)
	# shellcheck disable=SC2086
	st upload 0 $s || { stop "$SIM_PID"; return; }
	plain=$((b1 - b0)) up=$((b2 - b1)) base=$((b3 - b2))
	ratio=$(calc "round($up / ($one + $plain), 3)")
	notes+=("upload: one upload $one B, $n bodies without images $plain B")
	row "--upload, $n rows, a 2 MiB reference: bytes sent" \
	    "$(calc "round($up / 1048576, 2)") MiB" \
	    "$(calc "round($base / 1048576, 1)") MiB without --upload" \
	    "$ratio" "<= 1.05 x (one upload + $n bodies without images)" \
	    "$(verdict "$ratio <= 1.05")"
	stop "$SIM_PID"
}
