# bench scenario: mjpipe against the scripts people write.  Sourced by bench/run, which defines the
# harness (row, st, sim, nginx_start, timed, best ...) and runs sc_* in
# its order.

# --- 2: versus what people write ------------------------------------------
sc_scripts() {
	local n c=24 lim t0 mjt mjd bt pt xt s url_a url_b pid_a pid_b
	local sim_a sim_b
	n=$(q 100 20)
	section "$n prompts against typical scripts"
	sim scripts --capacity $c --queue 100000 --duration 1 --jitter 0.2 ||
	    return
	prompts "$n" script > p2.txt
	lim=$((n * 3 + 120))
	t0=$(now)
	timeout -k 5 $lim mj-submit -q -j $c p2.txt |
	    timeout -k 5 $lim mj-wait -q -i 500ms |
	    timeout -k 5 $lim mj-fetch -q -d s-mj > /dev/null
	s="${PIPESTATUS[*]}"
	mjt=$(since "$t0")
	# shellcheck disable=SC2086
	st "pipeline of $n" 1 $s
	t0=$(now)
	timeout -k 5 $lim mj-submit -q -j $c p2.txt |
	    timeout -k 5 $lim mj-wait -q |
	    timeout -k 5 $lim mj-fetch -q -d s-mjd > /dev/null
	s="${PIPESTATUS[*]}"
	mjd=$(since "$t0")
	# shellcheck disable=SC2086
	st "pipeline of $n at defaults" 1 $s
	timed t-xargs env PARALLEL=$c timeout -k 5 $lim \
	    bash "$here/typical.sh" p2.txt s-xargs
	st "typical.sh under xargs" 1 $?
	xt=$(wall t-xargs)
	stop "$SIM_PID"
	# The two one-at-a-time scripts sleep most of their time: run them
	# side by side, each against its own simulator.
	sim seq-bash --capacity $c --queue 100000 --duration 1 --jitter 0.2 ||
	    return
	url_a=$SIM_URL sim_a=$SIM_PID
	sim seq-py --capacity $c --queue 100000 --duration 1 --jitter 0.2 ||
	    return
	url_b=$SIM_URL sim_b=$SIM_PID
	lim=$((n * 12 + 120))
	timed t-bash env MJ_BASE_URL="$url_a" timeout -k 5 $lim \
	    bash "$here/typical.sh" p2.txt s-bash &
	pid_a=$!
	timed t-py env MJ_BASE_URL="$url_b" timeout -k 5 $lim \
	    python3 "$here/typical.py" p2.txt s-py &
	pid_b=$!
	wait $pid_a
	st "typical.sh" 1 $?
	wait $pid_b
	st "typical.py" 1 $?
	bt=$(wall t-bash)
	pt=$(wall t-py)
	stop "$sim_a"
	stop "$sim_b"
	imgs() { find "$1" -name '*.png' 2> /dev/null | wc -l; }
	row "$n prompts vs bash+curl+jq, one at a time" \
	    "${mjt}s ($(imgs s-mj) images)" "${bt}s ($(imgs s-bash) images)" \
	    "$(calc "round($bt / $mjt, 1)")x" ">= 10x" \
	    "$(verdict "$bt / $mjt >= 10")"
	row "$n prompts vs Python urllib, one at a time" \
	    "${mjt}s" "${pt}s ($(imgs s-py) images)" \
	    "$(calc "round($pt / $mjt, 1)")x" ">= 10x" \
	    "$(verdict "$pt / $mjt >= 10")"
	row "$n prompts vs bash+curl+jq under xargs -P $c" \
	    "${mjt}s" "${xt}s ($(imgs s-xargs) images)" \
	    "$(calc "round($xt / $mjt, 1)")x" ">= 3x" \
	    "$(verdict "$xt / $mjt >= 3")"
	row "the same, mj-wait at its defaults (-i 3s, as the scripts)" \
	    "${mjd}s ($(imgs s-mjd) images)" "${xt}s" \
	    "$(calc "round($xt / $mjd, 1)")x" - info
}
