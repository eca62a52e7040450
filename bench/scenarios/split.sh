# bench scenario: splitting grids.  Sourced by bench/run, which defines the
# harness (row, st, sim, nginx_start, timed, best ...) and runs sc_* in
# its order.

# --- 9: splitting grids --------------------------------------------------------
# split_run OUT DIR...: cut every grid listed in grids.list with one tool
# (mj | vips | im), each at -P cores as a user would; the quadrants go to
# DIR (mj-fetch: next to the grids, as it names them); all must be there.
split_run() {
	local tool=$1 out=$2 c s
	c=$(nproc)
	rm -rf sq && mkdir sq && find grids -name '*-[1-4].png' -delete
	sync
	case $tool in
	mj)	timed "$out" timeout -k 5 1800 mj-fetch -q --split --no-sync \
		    --no-sha256 -j "$c" -d grids split-tasks.jsonl > split-out.jsonl
		s=$?
		st "mj-fetch --split" 1 $s || return 1
		[ "$(find grids -name '*-[1-4].png' | wc -l)" = $((4 * $(wc -l < grids.list))) ] ||
		    { broke "mj-fetch --split: quadrants missing"; return 1; } ;;
	vips)	timed "$out" timeout -k 5 3600 xargs -P "$c" -a grids.list -I{} sh -c \
		    'b=sq/$(basename "$1" .png); h=$2
		    vips extract_area "$1" "$b-1.png" 0 0 "$h" "$h" &&
		    vips extract_area "$1" "$b-2.png" "$h" 0 "$h" "$h" &&
		    vips extract_area "$1" "$b-3.png" 0 "$h" "$h" "$h" &&
		    vips extract_area "$1" "$b-4.png" "$h" "$h" "$h" "$h"' sh {} "$((split_size / 2))"
		st "vips extract_area" 0 $? || return 1 ;;
	im)	timed "$out" timeout -k 5 3600 xargs -P "$c" -a grids.list -I{} sh -c \
		    'convert "$1" -crop 2x2@ +repage "sq/$(basename "$1" .png)-%d.png"' sh {}
		st "convert -crop 2x2@" 0 $? || return 1 ;;
	esac
	if [ "$tool" != mj ] &&
	    [ "$(find sq -name '*.png' | wc -l)" != $((4 * $(wc -l < grids.list))) ]; then
		broke "$tool: quadrants missing"
		return 1
	fi
}
sc_split() {
	section "split"
	local n m k c w1 w2 w3 r1 r2 r3
	n=$(q 1000 20)
	c=$(nproc)
	split_size=2048
	if ! have vips || ! have convert; then
		na "split $n grids ${split_size}px vs vips CLI" "<= 1.0 x" "no vips or convert"
		return
	fi
	sim split --capacity 1000 --queue 100000 --duration 0.2 --jitter 0 \
	    --grid-size "${split_size}x$split_size" || return
	timeout -k 5 600 mj-submit -q -j 24 <(prompts "$n" grid) |
	    timeout -k 5 600 mj-wait -q -i 500ms > split-tasks.jsonl
	mkdir -p grids
	# the grids, downloaded once, untimed: every tool cuts these files
	timeout -k 5 1800 mj-fetch -q --no-sync --no-sha256 -j 8 -d grids \
	    split-tasks.jsonl > /dev/null
	st "mj-fetch of the grids" 0 $? || { stop "$SIM_PID"; return; }
	stop "$SIM_PID"
	find grids -name '*.png' | sort > grids.list
	if [ "$(wc -l < grids.list)" != "$n" ]; then
		broke "split: $(wc -l < grids.list) grids of $n"
		return
	fi
	# one untimed warm-up each (page cache, libraries), then timed
	head -3 grids.list > warm.list
	mv grids.list all.list
	mv warm.list grids.list
	split_run vips r-warm-vips
	split_run im r-warm-im
	mv all.list grids.list
	split_run mj r-split-mj || return
	split_run vips r-split-vips || return
	# ImageMagick takes 3 to 5 times as long: the first quarter of the
	# same grids, its time scaled to all of them
	m=$((n / 4))
	mv grids.list all.list
	head -"$m" all.list > grids.list
	split_run im r-split-im || return
	mv all.list grids.list
	w1=$(wall r-split-mj); w2=$(wall r-split-vips)
	w3=$(calc "round($(wall r-split-im) * $n / $m, 2)")
	row "split $n grids of ${split_size}x$split_size PNG, -j $c: mj-fetch --split vs vips CLI (4 extract_area each, xargs -P $c)" \
	    "${w1}s" "${w2}s" "$(calc "round($w1 / $w2, 2)") x" "<= 1.0 x" \
	    "$(verdict "$w1 <= $w2")"
	row "the same vs ImageMagick (convert -crop 2x2@, xargs -P $c; $m grids, time x $((n / m)))" \
	    "${w1}s" "${w3}s" "$(calc "round($w3 / $w1, 1)") x faster" \
	    ">= 3 x faster" "$(verdict "$w3 >= 3 * $w1")"
	# peak RSS: with -j, not with the number of grids
	r1=$(maxrss r-split-mj)
	k=$((n / 10 > 10 ? n / 10 : 10))
	head -"$k" split-tasks.jsonl > split-few.jsonl
	find grids -name '*-[1-4].png' -delete
	timed r-split-few timeout -k 5 900 mj-fetch -q --split --no-sync \
	    --no-sha256 -j "$c" -d grids split-few.jsonl > /dev/null
	st "mj-fetch --split ($k)" 1 $? || return
	r2=$(maxrss r-split-few)
	find grids -name '*-[1-4].png' -delete
	timed r-split-one timeout -k 5 900 mj-fetch -q --split --no-sync \
	    --no-sha256 -j 1 -d grids split-few.jsonl > /dev/null
	st "mj-fetch --split -j 1 ($k)" 1 $? || return
	r3=$(maxrss r-split-one)
	row "peak RSS, mj-fetch --split: -j 1 / -j $c over $k grids, -j $c over $n" \
	    "$(calc "round($r3 / 1024, 1)") / $(calc "round($r2 / 1024, 1)") / $(calc "round($r1 / 1024, 1)") MiB" \
	    - "$(calc "'%+.1f MiB' % (($r1 - $r2) / 1024)") for ${n} vs $k grids" \
	    "flat in grids (+8 MiB)" "$(verdict "$r1 - $r2 <= 8192")"
	rm -rf grids sq
}
