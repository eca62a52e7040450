#!/bin/bash
# make soak: a month of nightly runs in one sitting.  SOAK_PROMPTS prompts
# (100,000) in SOAK_NIGHTS nights (30), each night the whole pipeline
#
#	mj-submit -j 32 --journal soak.journal prompts-NN.txt |
#	    mj-wait -i 1s --rate 20 | mj-fetch -j 16 -d out-NN |
#	    mj-pack -o out-NN.tar.gz > final-NN.jsonl
#
# with one journal for the month, against the simulator at SOAK_CAPACITY
# (250) concurrent tasks of about SOAK_DURATION (1) second.  Each night a
# random stage is killed with SIGKILL at a random moment (a second time
# on one night in three), and the same command runs again until it
# finishes.  Then: every prompt one task, every file whole (sha256 of the
# simulator's bytes, on disk and in the archive), nothing paid twice
# (verify.py); the RSS and open descriptors of each program, sampled every
# second, and the simulator's CPU; each program's CPU time per task; the
# time and memory of a rerun that reads the whole journal.  The figures
# go to SOAK_OUT (soak-report/ in the build directory): report.txt.
TEST_TIMEOUT=${TEST_TIMEOUT:-14400}
. "$top_srcdir/tests/cli/lib.sh"
SOAK_PROMPTS=${SOAK_PROMPTS:-100000}
SOAK_NIGHTS=${SOAK_NIGHTS:-30}
SOAK_CAPACITY=${SOAK_CAPACITY:-250}
SOAK_DURATION=${SOAK_DURATION:-1}
SOAK_OUT=${SOAK_OUT:-$top_builddir/soak-report}
IMAGE_BYTES=${IMAGE_BYTES:-1500}
RANDOM=${SEED:-20261207}
TIME=/usr/bin/time
[ -x "$TIME" ] || skip_all "no GNU time (Debian: time)"
command -v setsid >/dev/null || skip_all "no setsid"

mkdir -p "$SOAK_OUT"
R=$SOAK_OUT/report.txt
: > "$R"
say() { printf '%s\n' "$*" | tee -a "$R"; }
say "soak $(date -u +%FT%TZ): $SOAK_PROMPTS prompts, $SOAK_NIGHTS nights," \
    "capacity $SOAK_CAPACITY, jobs of ${SOAK_DURATION}s"

sim_start --capacity "$SOAK_CAPACITY" --queue 1000 --duration "$SOAK_DURATION" \
    --jitter 0.2 --image-bytes "$IMAGE_BYTES" --max-seconds 36000 --seed 7
sim_pid=${_sim_pids##* }
D=$TEST_DIR/nights
mkdir "$D"
J=$D/soak.journal

# one night's command, in its own session so that its four programs are
# found (and only they: other tests may run the same programs) by -s
cat > night.sh <<EOF
#!/bin/bash
# night.sh NN: the night's pipeline; each program under GNU time
t() {
	local p=\$1
	shift
	"$TIME" -a -o "$D/time-\$p.log" -f "%e %U %S %M" "\$p" "\$@"
}
t mj-submit -q -j 32 --journal "$J" "$D/prompts-\$1.txt" 2>>"$D/err.log" |
    t mj-wait -q -i 1s --rate 20 2>>"$D/err.log" |
    t mj-fetch -q -j 16 -d "$D/out-\$1" 2>>"$D/err.log" |
    t mj-pack -q -o "$D/out-\$1.tar.gz" > "$D/final-\$1.jsonl" 2>>"$D/err.log"
echo "\${PIPESTATUS[*]}" > "$D/status-\$1"
EOF
export PATH MJ_BASE_URL MJ_API_KEY MJ_RETRY_BASE_MS MJ_SETTLE

# the sampler: each second, each program's RSS (kB) and descriptors, and
# the simulator's CPU (per cent of a core)
progs=(mj-submit mj-wait mj-fetch mj-pack)
sampler() {
	local sid=$1 p pid rss fds ticks last now hz
	hz=$(getconf CLK_TCK)
	last=$(awk '{ print $14 + $15 }' "/proc/$sim_pid/stat")
	while kill -0 "$sid" 2>/dev/null; do
		for p in "${progs[@]}"; do
			for pid in $(pgrep -s "$sid" -x "$p"); do
				rss=$(awk '/^VmRSS/ { print $2 }' \
				    "/proc/$pid/status" 2>/dev/null)
				fds=$(find "/proc/$pid/fd" -mindepth 1 \
				    -maxdepth 1 2>/dev/null | wc -l)
				[ -n "$rss" ] && printf '%s %s %s %s %s\n' \
				    "$night" "$p" "$pid" "$rss" "$fds"
			done
		done >> "$D/samples"
		now=$(awk '{ print $14 + $15 }' "/proc/$sim_pid/stat")
		echo "$(( (now - last) * 100 / hz ))" >> "$D/sim-cpu"
		last=$now
		sleep 1
	done
}

per_night=$(( (SOAK_PROMPTS + SOAK_NIGHTS - 1) / SOAK_NIGHTS ))
left=$SOAK_PROMPTS kills=0 runs=0 est=20 owed=0 start=$SECONDS
for ((i = 1; i <= SOAK_NIGHTS && left > 0; i++)); do
	night=$(printf '%02d' "$i")
	n=$(( left < per_night ? left : per_night ))
	left=$((left - n))
	seq 1 "$n" | sed "s/^/soak night $night prompt /" > "$D/prompts-$night.txt"
	# a kill that came after the run had ended is owed to the next night
	want_kills=$(( (RANDOM % 3 == 0 ? 2 : 1) + owed ))
	k=0 tries=0 t0=$SECONDS
	while :; do
		tries=$((tries + 1))
		[ "$tries" -le 12 ] || { echo "Bail out! night $night: 12 runs"; exit 1; }
		rm -f "$D/status-$night"
		setsid bash night.sh "$night" &
		sid=$!
		sampler "$sid" &
		sp=$!
		runs=$((runs + 1))
		killed=""
		if [ "$k" -lt "$want_kills" ]; then
			# a moment within a run as long as the last night's
			ms=$(( 300 + (RANDOM * 32768 + RANDOM) % (est * 800) ))
			sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
			s=$((RANDOM % 4))
			for off in 0 1 2 3; do
				p=${progs[$(( (s + off) % 4 ))]}
				pid=$(pgrep -s "$sid" -x "$p" | head -1)
				[ -n "$pid" ] && break
			done
			if [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; then
				killed=$p k=$((k + 1)) kills=$((kills + 1))
				echo "night $night run $tries: kill -9 $p at ${ms} ms" >> "$D/kills"
			fi
		fi
		wait "$sid"
		wait "$sp"
		st=$(cat "$D/status-$night" 2>/dev/null)
		[ -z "$killed" ] && [ "$st" = "0 0 0 0" ] &&
		    [ "$(wc -l < "$D/final-$night.jsonl")" = "$n" ] && break
		[ -z "$killed" ] && diag "night $night run $tries: statuses $st"
	done
	owed=$((want_kills - k))
	took=$((SECONDS - t0))
	est=$(( took / tries > 5 ? took / tries : 5 ))
	say "night $night: $n prompts, $tries runs, $k kills, ${took}s"
done
say "$kills kills in $runs runs, $((SECONDS - start)) s"
sim_stats > "$D/stats.json"

# the rerun reading the whole journal: every prompt of the month again
cat "$D"/prompts-*.txt > "$D/all.txt"
"$TIME" -o "$D/resume.time" -f "%e %U %S %M" mj-submit -q -j 32 \
    --journal "$J" "$D/all.txt" > "$D/resume.jsonl" 2> "$D/resume.err"
rst=$?
read -r re ru rs rm < "$D/resume.time"
say "rerun over the month: $(wc -l < "$J") journal lines," \
    "$(wc -l < "$D/resume.jsonl") records, status $rst, ${re}s elapsed" \
    "(${ru}s user, ${rs}s sys), max RSS ${rm} kB"
sim_stats > "$D/stats-after.json"
is "$(jq .tasks_created "$D/stats-after.json")" \
    "$(jq .tasks_created "$D/stats.json")" \
    "the rerun over the whole journal creates no task"
is "$rst" 0 "the rerun exits 0"

"$PYTHON3" "$top_srcdir/tests/soak/verify.py" "$top_srcdir/tests/mjsim/mjsim" \
    "$IMAGE_BYTES" "$D/stats.json" "$D" > "$D/verify.txt"
ok "verify.py: every prompt one task, every file whole, none paid twice" \
    test $? = 0
tee -a "$R" < "$D/verify.txt" | sed 's/^/# /'
ok "at least 30 kills (or one a night)" \
    test "$kills" -ge $((SOAK_NIGHTS < 30 ? SOAK_NIGHTS : 30))

# the figures: memory and descriptors, CPU per task
tasks=$SOAK_PROMPTS
for p in "${progs[@]}"; do
	awk -v p="$p" -v tasks="$tasks" '$2 == p { if (!n++ || $4 < rmin) rmin = $4
	    if ($4 > rmax) rmax = $4; if (!m++ || $5 < fmin) fmin = $5
	    if ($5 > fmax) fmax = $5 }
	    END { printf "%-9s RSS %d..%d kB, open fds %d..%d (%d samples)\n",
	    p, rmin, rmax, fmin, fmax, n }' "$D/samples"
	# runs that were killed print a "terminated by signal" line first
	awk -v p="$p" -v tasks="$tasks" 'NF == 4 && $1 ~ /^[0-9.]+$/ {
	    u += $2; s += $3; if ($4 > m) m = $4; n++ }
	    END { printf "%-9s CPU %.1f s user + %.1f s sys in %d runs: " \
	    "%.3f ms per task; max RSS %d kB\n",
	    p, u, s, n, (u + s) * 1000 / tasks, m }' "$D/time-$p.log"
done | tee -a "$R" | sed 's/^/# /'
# RSS per night: the first and the last nights' maxima side by side
awk '{ if ($4 > m[$1 " " $2]) m[$1 " " $2] = $4 } END {
    for (k in m) print k, m[k] }' "$D/samples" | sort > "$D/rss-by-night"
say "max RSS kB by night (night program kB): first and last"
{ head -4 "$D/rss-by-night"; tail -4 "$D/rss-by-night"; } |
    tee -a "$R" | sed 's/^/# /'
sort -n "$D/sim-cpu" | awk '{ a[NR] = $1; s += $1 } END {
    printf "simulator CPU: mean %d%%, median %d%%, max %d%% of a core (%d s)\n",
    s / NR, a[int(NR / 2) + 1], a[NR], NR }' | tee -a "$R" | sed 's/^/# /'
cp "$D/samples" "$D/kills" "$D/verify.txt" "$D/rss-by-night" "$D/sim-cpu" \
    "$D"/time-*.log "$SOAK_OUT/" 2>/dev/null
sim_stop
done_testing
