# bench scenario: polling cost and delay at mj-wait's defaults.  Sourced by bench/run, which defines the
# harness (row, st, sim, nginx_start, timed, best ...) and runs sc_* in
# its order.

# --- 3: polling cost and delay at mj-wait's defaults -----------------------
sc_polling() {
	local n c=24 lim s polls peak cnt p50 p95 max
	local interval=3	# mj-wait's default -i
	n=$(q 2000 200)
	section "polling, $n tasks"
	sim poll --capacity $c --queue 100000 --duration 1 --jitter 0.2 ||
	    return
	prompts "$n" poll > p3.txt
	lim=$((n / c * 3 + 120))
	timeout -k 5 $lim mj-submit -q -j $c p3.txt |
	    timeout -k 5 $lim mj-wait -q |
	    timeout -k 5 $lim python3 "$here/stamp.py" stamps.txt > s3.jsonl
	s="${PIPESTATUS[*]}"
	# shellcheck disable=SC2086
	st "submit | wait" 1 $s
	polls=$(curl -s "$SIM_URL/_sim/stats" | jq .poll_requests)
	peak=$(curl -s "$SIM_URL/_sim/stats" | jq .max_poll_rate_1s)
	row "poll requests per task ($n tasks, mj-wait defaults)" \
	    "$(calc "round($polls / $n, 3)") ($polls in all)" \
	    "peak $peak req/s" - "<= 0.5" "$(verdict "$polls / $n <= 0.5")"
	read -r cnt p50 p95 max < <(timeout 300 python3 "$here/delays.py" \
	    "$SIM_URL" stamps.txt)
	if [ "${cnt:-0}" = 0 ]; then
		broke "no delays measured"
	else
		row "p95 delay, task end to record out ($cnt tasks)" \
		    "${p95}s (median $p50, max $max)" "interval ${interval}s" \
		    "$(calc "round($p95 / $interval, 2)")" "<= 1.5" \
		    "$(verdict "$p95 / $interval <= 1.5")"
	fi
	stop "$SIM_PID"
}
