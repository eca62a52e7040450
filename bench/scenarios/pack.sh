# bench scenario: packing.  Sourced by bench/run, which defines the
# harness (row, st, sim, nginx_start, timed, best ...) and runs sc_* in
# its order.

# --- 5: packing -------------------------------------------------------------
sc_pack() {
	local n fmt a b bb
	n=$(find www -name '*.png' 2> /dev/null | wc -l)
	section "packing $n x 1 MiB"
	for fmt in tar.gz zip; do
		if [ "$have_pack" != 1 ]; then
			na "pack $n x 1 MiB, $fmt" "<= 1.1" "mj-pack --version fails"
			continue
		fi
		if ! have bsdtar; then
			na "pack $n x 1 MiB, $fmt" "<= 1.1" "no bsdtar"
			continue
		fi
		find www -name '*.png' | sort -V |
		    sed 's|^|{"files":[{"path":"|; s|$|"}]}|' > pack.jsonl
		# each twice, alternating, the better run kept: a run's time
		# moves by 10% on this kind of machine.  bsdtar does not sync:
		# mj-pack --no-sync is measured against it, and mj-pack as it
		# runs by default (the archive synced) against bsdtar then sync.
		for r in 1 2; do
			sync
			timed "t-pack-$fmt$r" timeout -k 5 900 mj-pack -q \
			    --no-sync -o "pk.$fmt" pack.jsonl > /dev/null
			st "mj-pack --no-sync $fmt" 0 $?
			rm -f "pk.$fmt"
			sync
			if [ "$fmt" = zip ]; then
				timed "t-bsd-$fmt$r" timeout -k 5 900 bsdtar \
				    --format zip -cf "bsd.$fmt" www
			else
				timed "t-bsd-$fmt$r" timeout -k 5 900 bsdtar \
				    -czf "bsd.$fmt" www
			fi
			st "bsdtar $fmt" 0 $?
			timed "t-bsync-$fmt$r" sync
			rm -f "bsd.$fmt"
		done
		sync
		timed "t-psync-$fmt" timeout -k 5 900 mj-pack -q -o "pk.$fmt" \
		    pack.jsonl > /dev/null
		st "mj-pack $fmt" 0 $?
		rm -f "pk.$fmt"
		a=$(wall "$(best "t-pack-${fmt}1" "t-pack-${fmt}2")")
		bb=$(best "t-bsd-${fmt}1" "t-bsd-${fmt}2")
		b=$(wall "$bb")
		row "pack $n x 1 MiB (random), $fmt (mj-pack --no-sync)" "${a}s" \
		    "bsdtar ${b}s" "$(calc "round($a / max($b, 0.01), 2)")" \
		    "<= 1.1" "$(verdict "$a / max($b, 0.01) <= 1.1")"
		a=$(wall "t-psync-$fmt")
		b=$(calc "round($b + $(wall "t-bsync-${fmt}${bb: -1}"), 2)")
		row "pack $n x 1 MiB (random), $fmt synced (mj-pack)" "${a}s" \
		    "bsdtar then sync ${b}s" \
		    "$(calc "round($a / max($b, 0.01), 2)")" "<= 1.1" \
		    "$(verdict "$a / max($b, 0.01) <= 1.1")"
	done
	rm -rf www
}
