# bench scenario: memory.  Sourced by bench/run, which defines the
# harness (row, st, sim, nginx_start, timed, best ...) and runs sc_* in
# its order.

# --- 7: memory ------------------------------------------------------------------
# shellcheck disable=SC2034 # sub, fet and pak are read through a nameref
sc_memory() {
	local m1=1000 m2 m p a b name r1 r2 linelen per
	m2=$(q 100000 10000)
	section "memory at $m1 and $m2 records"
	[ -s big.csv ] || { broke "memory: no big.csv"; return; }
	declare -A sub fet pak
	mkdir -p mem
	python3 - "$m2" <<'PY'
import sys
n = int(sys.argv[1])
with open("mem/recs.jsonl", "w") as f:
    for i in range(n):
        with open("mem/%d.png" % i, "wb") as p:
            p.write(b"\x89PNG\r\n\x1a\n")
        f.write('{"prompt":"a paper boat, number %d","task":{"id":"%d","status":"SUCCESS","imageUrl":"http://127.0.0.1:9/%d.png"}}\n' % (i, i, i))
PY
	for m in $m1 $m2; do
		head -$((m + 1)) big.csv > "m$m.csv"
		timed "r-sub-$m" timeout -k 5 300 mj-submit -n "m$m.csv" > /dev/null
		st "mj-submit -n ($m)" 0 $?
		sub[$m]=$(maxrss "r-sub-$m")
		head -"$m" mem/recs.jsonl > "mem-$m.jsonl"
		# the files are there: mj-fetch only reads them (port 9 is
		# closed, so a request would fail the run)
		timed "r-fet-$m" timeout -k 5 300 mj-fetch -q -d mem \
		    "mem-$m.jsonl" > "fetched-$m.jsonl"
		st "mj-fetch over files there ($m)" 0 $?
		fet[$m]=$(maxrss "r-fet-$m")
		if [ "$have_pack" = 1 ]; then
			timed "r-pak-$m" timeout -k 5 300 mj-pack -q \
			    -o "mem-$m.tar" "fetched-$m.jsonl" > /dev/null
			st "mj-pack ($m)" 0 $?
			pak[$m]=$(maxrss "r-pak-$m")
			rm -f "mem-$m.tar"
		fi
	done
	for p in sub fet pak; do
		case $p in
		sub) name="mj-submit -n" ;;
		fet) name="mj-fetch (files there)" ;;
		pak) name="mj-pack" ;;
		esac
		if [ "$p" = pak ] && [ "$have_pack" != 1 ]; then
			na "peak RSS, $name, $m1 vs $m2 records" \
			    "flat (+2 MiB), < 16 MiB" "mj-pack --version fails"
			continue
		fi
		declare -n arr=$p
		a=${arr[$m1]}
		b=${arr[$m2]}
		unset -n arr
		row "peak RSS, $name, $m1 vs $m2 records" \
		    "$(calc "round($a / 1024, 1)") / $(calc "round($b / 1024, 1)") MiB" \
		    - "$(calc "'%+.1f MiB' % (($b - $a) / 1024)")" \
		    "flat (+2 MiB), < 16 MiB" \
		    "$(verdict "$b - $a <= 2048 and $b < 16384")"
	done
	rm -rf mem

	# mj-wait holding tasks that run for an hour
	sim memwait --capacity 1000000 --queue 10 --duration 3600 ||
	    return
	timeout -k 5 300 mj-submit -q -j 24 <(prompts "$m2" memory) > held.jsonl
	st "mj-submit of $m2" 1 $?
	if [ "$(wc -l < held.jsonl)" != "$m2" ]; then
		broke "mj-wait memory: $(wc -l < held.jsonl) tasks submitted of $m2"
		stop "$SIM_PID"
		return
	fi
	r1=$(wait_rss "$m1")
	r2=$(wait_rss "$m2")
	stop "$SIM_PID"
	linelen=$(calc "round($(wc -c < "held-$m2.jsonl") / $m2)")
	if [ -z "$r1" ] || [ -z "$r2" ]; then
		broke "mj-wait memory: no reading"
		return
	fi
	per=$(calc "round(($r2 - $r1) * 1024 / ($m2 - $m1))")
	row "mj-wait memory per pending task, $m1 vs $m2 tasks" \
	    "$per B ($(calc "round($r1 / 1024, 1)") / $(calc "round($r2 / 1024, 1)") MiB)" \
	    "input line ${linelen} B" - "<= line + 256 B" \
	    "$(verdict "$per <= $linelen + 256")"
}
# wait_rss N: mj-wait's VmHWM in KiB once it has read N held tasks
wait_rss() {
	local n=$1 pid size pos i
	head -"$n" held.jsonl > "held-$n.jsonl"
	size=$(wc -c < "held-$n.jsonl")
	mj-wait -q < "held-$n.jsonl" > /dev/null 2>&1 &
	pid=$!
	for i in $(seq 1 300); do
		pos=$(awk '/^pos:/ {print $2}' "/proc/$pid/fdinfo/0" 2> /dev/null)
		[ "$pos" = "$size" ] && break
		sleep 0.1
	done
	sleep 1	# read is not yet parsed
	if [ "$pos" = "$size" ]; then
		awk '/^VmHWM/ {print $2}' "/proc/$pid/status"
	else
		echo "bench: mj-wait read $pos bytes of $size" >&2
	fi
	kill "$pid" 2> /dev/null
	for i in $(seq 1 100); do
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2> /dev/null
	wait "$pid" 2> /dev/null
}
