# bench scenario: the whole pipeline against its bound, over HTTP and HTTPS.  Sourced by bench/run, which defines the
# harness (row, st, sim, nginx_start, timed, best ...) and runs sc_* in
# its order.

# --- 1 and 8: the whole pipeline against its bound --------------------------
sc_pipeline() {	# sc_pipeline [tls]: over HTTPS, through nginx
	local n c=24 d=1 lb lim t0 t1 c0 c1 w ok label s busy tls=${1:-} port
	local e2e=e2e over=""
	n=$(q 2000 200)
	section "pipeline, $n prompts${tls:+ over HTTPS}"
	if [ -n "$tls" ]; then
		# nginx with TLS in front of the simulator and of its images
		e2e=e2e-tls over=" over HTTPS"
		port=$(free_port)
		sim "$e2e" --capacity $c --queue 100000 --duration $d \
		    --jitter 0.2 --public-url "https://localhost:$port" || return
		nginx_start 0 tls "${SIM_URL##*:}" "$port" || return
		export MJ_BASE_URL=$NGINX CURL_CA_BUNDLE=$work/tls/ca.pem
	else
		sim "$e2e" --capacity $c --queue 100000 --duration $d \
		    --jitter 0.2 || return
	fi
	prompts "$n" "bench$over" > p1.txt
	lb=$(calc "-(-$n // $c) * $d")
	lim=$((lb * 3 + 120))
	label="pipeline$over, $n prompts, $c x ${d}s jobs"
	t0=$(now)
	c0=$(cpu_ticks "$SIM_PID")
	if [ "$have_pack" = 1 ]; then
		timeout -k 5 $lim mj-submit -q -j $c p1.txt |
		    timeout -k 5 $lim mj-wait -q -i 500ms |
		    timeout -k 5 $lim mj-fetch -q -d "$e2e" |
		    timeout -k 5 $lim mj-pack -q -o "$e2e.tar.gz" > "$e2e.jsonl"
		s="${PIPESTATUS[*]}"
	else
		timeout -k 5 $lim mj-submit -q -j $c p1.txt |
		    timeout -k 5 $lim mj-wait -q -i 500ms |
		    timeout -k 5 $lim mj-fetch -q -d "$e2e" > "$e2e.jsonl"
		s="${PIPESTATUS[*]}"
		label="$label (without mj-pack)"
	fi
	t1=$(now)
	c1=$(cpu_ticks "$SIM_PID")
	# shellcheck disable=SC2086
	st "pipeline$over" 1 $s
	w=$(calc "round($t1 - $t0, 2)")
	ok=$(jq -s 'map(select(.task.status == "SUCCESS" and
	    (.files | length) == 1 and .error == null)) | length' "$e2e.jsonl")
	row "$label" "${w}s ($ok of $n done)" "bound ${lb}s" \
	    "$(calc "round($w / $lb, 3)")" "<= 1.10" \
	    "$(verdict "$w / $lb <= 1.10 and $ok == $n")"
	busy=$(calc "round(($c1 - $c0) / $hz / ($t1 - $t0) * 100)")
	notes+=("simulator busy ${busy}% of one core during the pipeline$over")
	echo "bench: simulator busy ${busy}% of one core during the pipeline$over" >&2
	row "simulator load during the pipeline$over" "busy ${busy}% of one core" \
	    - - "< 50%: not the bottleneck" "$(verdict "$busy < 50")"
	stop "$SIM_PID"
	if [ -n "$tls" ]; then
		stop "$NGINX_PID"
		unset CURL_CA_BUNDLE
	fi
}
sc_pipeline_tls() { sc_pipeline tls; }
